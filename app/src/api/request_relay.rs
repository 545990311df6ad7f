use crate::error::AppError;
use leptos::prelude::*;

/// The task's provider: a message for the client, which reaches them only
/// once an owner approved it.
#[server(endpoint = "request_relay")]
pub async fn request_relay(task_id: i64, relay_body: String) -> Result<(), AppError> {
    use crate::auth;
    let provider = auth::provider().await?;
    handoff_server::relay::request(
        &auth::database(),
        &provider,
        task_id,
        &relay_body,
        auth::now_ms(),
    )
    .await
    .map_err(|e| AppError::from(e).rename("body", "relay_body"))?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=relay&at={}#relays",
        auth::now_ms()
    ));
    Ok(())
}
