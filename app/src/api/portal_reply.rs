use crate::error::AppError;
use leptos::prelude::*;

/// The client in the portal: a message to the business.
#[server(endpoint = "portal_reply")]
pub async fn portal_reply(body: String) -> Result<(), AppError> {
    use crate::auth;
    let client = auth::portal_client().await?;
    handoff_server::portal::reply(&auth::database(), &client, &body, auth::now_ms()).await?;
    leptos_axum::redirect(&format!("/portal?saved=sent&at={}#thread", auth::now_ms()));
    Ok(())
}
