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
    if let Some(key) = idempotency_key.filter(|k| !k.is_empty()) {
        handoff_server::thread::provider_post_once(
            &db,
            &provider,
            task_id,
            &body,
            &key,
            auth::now_ms(),
        )
        .await?;
        return Ok(());
    }
    handoff_server::thread::provider_post(&db, &provider, task_id, &body, auth::now_ms()).await?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=message&at={}#thread",
        auth::now_ms()
    ));
    Ok(())
}
