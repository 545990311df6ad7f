use crate::error::AppError;
use leptos::prelude::*;

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
