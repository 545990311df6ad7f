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
    if let Some(key) = idempotency_key.filter(|k| !k.is_empty()) {
        handoff_server::relay::request_once(
            &db,
            &provider,
            task_id,
            &relay_body,
            &key,
            auth::now_ms(),
        )
        .await
        .map_err(rename)?;
        return Ok(());
    }
    handoff_server::relay::request(&db, &provider, task_id, &relay_body, auth::now_ms())
        .await
        .map_err(rename)?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=relay&at={}#relays",
        auth::now_ms()
    ));
    Ok(())
}
