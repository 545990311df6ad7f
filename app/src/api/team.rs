//! The team: invitations and members.

use crate::error::AppError;
use handoff::InvitationPreview;
use handoff::{InvitationSummary, MemberSummary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Anyone holding a live link: joins the workspace and signs in.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    display_name: String,
    time_zone: String,
    password: String,
) -> Result<(), AppError> {
    use crate::auth;
    let session = handoff_server::team::accept(
        &auth::database(),
        &auth::hasher(),
        &token,
        handoff_server::team::Acceptance {
            display_name,
            time_zone,
            password,
        },
        auth::now_ms(),
    )
    .await?;
    auth::replace_session(&session).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Owners: deactivates a provider of their own workspace; the provider's
/// sessions end at once.
#[server(endpoint = "deactivate_member")]
pub async fn deactivate_member(member_id: i64) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::team::deactivate(&auth::database(), &owner, member_id).await?;
    leptos_axum::redirect("/team");
    Ok(())
}

/// Owners: lets a deactivated provider of their own workspace sign in again.
#[server(endpoint = "reactivate_member")]
pub async fn reactivate_member(member_id: i64) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::team::reactivate(&auth::database(), &owner, member_id).await?;
    leptos_axum::redirect("/team");
    Ok(())
}

/// Owners: invites a provider or co-owner by e-mail and returns the link.
/// The link never travels in a URL: with JavaScript the team page shows it
/// from this answer's reload of the team; without, the form's redirect back
/// to `/team` shows it from the server, to this session only, for a few
/// minutes (`team::new_invitation_token`).
#[server(endpoint = "invite_member")]
pub async fn invite_member(email: String, role: String) -> Result<String, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let invitation =
        handoff_server::team::invite(&auth::database(), &owner, &email, &role, auth::now_ms())
            .await?;
    Ok(format!(
        "{}/invite/{}",
        auth::public_url(),
        invitation.token
    ))
}

/// Owners: revokes a waiting invitation of their own workspace.
#[server(endpoint = "revoke_invitation")]
pub async fn revoke_invitation(invitation_id: i64) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::team::revoke_invitation(
        &auth::database(),
        &owner,
        invitation_id,
        auth::now_ms(),
    )
    .await?;
    Ok(())
}

/// Anyone holding the link: what the invitation offers, or `None`.
#[server(endpoint = "load_invitation")]
pub async fn load_invitation(token: String) -> Result<Option<InvitationPreview>, AppError> {
    use crate::auth;
    Ok(handoff_server::team::preview(&auth::database(), &token, auth::now_ms()).await?)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamOverview {
    pub members: Vec<MemberSummary>,
    pub invitations: Vec<InvitationSummary>,
    /// The link of the invitation this session made in the last few
    /// minutes, to pass on (shown to this session only).
    pub new_link: Option<String>,
}

/// Owners: the workspace's members and invitations.
#[server(endpoint = "load_team")]
pub async fn load_team() -> Result<TeamOverview, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let db = auth::database();
    let now = auth::now_ms();
    let new_link = handoff_server::team::new_invitation_token(&db, &owner, now)
        .await?
        .map(|token| format!("{}/invite/{token}", auth::public_url()));
    Ok(TeamOverview {
        members: handoff_server::team::members(&db, &owner).await?,
        invitations: handoff_server::team::invitations(&db, &owner, now).await?,
        new_link,
    })
}
