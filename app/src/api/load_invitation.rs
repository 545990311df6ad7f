use crate::error::AppError;
use handoff::InvitationPreview;
use leptos::prelude::*;

/// Anyone holding the link: what the invitation offers, or `None`.
#[server(endpoint = "load_invitation")]
pub async fn load_invitation(token: String) -> Result<Option<InvitationPreview>, AppError> {
    use crate::auth;
    Ok(handoff_server::team::preview(&auth::database(), &token, auth::now_ms()).await?)
}
