use crate::error::AppError;
use leptos::prelude::*;

/// The task's provider: a message for the client, which reaches them only
/// once an owner approved it. With an `idempotency_key` (the page's script,
/// a request queued offline) a replay asks nothing more and the page
/// updates itself; the plain form (no key) is redirected.
#[server(endpoint = "request_relay")]
pub async fn request_relay(
    task_id: i64,
    relay_body: String,
    idempotency_key: Option<String>,
) -> Result<(), AppError> {
    use crate::auth;
    let provider = auth::provider().await?;
    let db = auth::database();
    let rename = |e| AppError::from(e).rename("body", "relay_body");
    // With a key (the page's script, an action queued offline that may be
    // sent twice) the page updates itself; the plain form is redirected.
    let key = idempotency_key.filter(|k| !k.is_empty());
    handoff_server::relay::request(
        &db,
        &provider,
        task_id,
        &relay_body,
        key.as_deref(),
        auth::now_ms(),
    )
    .await
    .map_err(rename)?;
    if key.is_some() {
        return Ok(());
    }
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=relay&at={}#relays",
        auth::now_ms()
    ));
    Ok(())
}
