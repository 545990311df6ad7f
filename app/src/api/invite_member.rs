use crate::error::AppError;
use leptos::prelude::*;

/// Owners: invites a provider or co-owner by e-mail. The link is shown to the
/// owner once, on the team page.
#[server(endpoint = "invite_member")]
pub async fn invite_member(email: String, role: String) -> Result<(), AppError> {
    use crate::auth;
    let actor = auth::actor().await?;
    let invitation =
        handoff_server::team::invite(&auth::database(), &actor, &email, &role, auth::now_ms())
            .await?;
    let link = format!("{}/invite/{}", auth::public_url(), invitation.token);
    leptos_axum::redirect(&format!("/team?invite_link={link}"));
    Ok(())
}
