use crate::error::AppError;
use leptos::prelude::*;

/// Members: what waits for their daily digest, sent now.
#[server(endpoint = "send_digest_now")]
pub async fn send_digest_now() -> Result<(), AppError> {
    use crate::auth;
    let member = auth::member().await?;
    let sent =
        handoff_server::mail::digest::send_now(&auth::database(), &member, auth::now_ms()).await?;
    let saved = if sent { "digest" } else { "digest-empty" };
    leptos_axum::redirect(&format!("/account?saved={saved}#notifications-heading"));
    Ok(())
}
