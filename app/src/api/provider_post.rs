use crate::error::AppError;
use leptos::prelude::*;

/// The task's provider: a message to the owners in the team thread. The
/// page's script sends an `idempotency_key` (a message queued offline may
/// be sent twice when an answer is lost): a replay posts nothing, and the
/// page updates itself; the plain form (no key) is redirected.
#[server(endpoint = "provider_post")]
pub async fn provider_post(
    task_id: i64,
    body: String,
    idempotency_key: Option<String>,
) -> Result<(), AppError> {
    use crate::auth;
    let provider = auth::provider().await?;
    let db = auth::database();
    // With a key (the page's script, an action queued offline that may be
    // sent twice) the page updates itself; the plain form is redirected.
    let key = idempotency_key.filter(|k| !k.is_empty());
    handoff_server::thread::provider_post(
        &db,
        &provider,
        task_id,
        &body,
        key.as_deref(),
        auth::now_ms(),
    )
    .await?;
    if key.is_some() {
        return Ok(());
    }
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=message&at={}#thread",
        auth::now_ms()
    ));
    Ok(())
}
