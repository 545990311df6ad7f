use crate::error::AppError;
use handoff::{InvitationSummary, MemberSummary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
