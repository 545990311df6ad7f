use crate::error::AppError;
use leptos::prelude::*;

/// The task's provider hands in the work. `met` names the criteria ticked
/// (by index); it always carries one empty entry so that none can be sent.
/// The page's script sends an `idempotency_key` (a queued submission may be
/// sent twice when an answer is lost): then a replay answers as the first
/// request did, submits nothing, and the page moves on by itself; the plain
/// form (no key) is redirected.
#[server(endpoint = "submit_work")]
pub async fn submit_work(
    task_id: i64,
    version: i64,
    body: String,
    achieved: String,
    result_value: String,
    note: String,
    met: Vec<String>,
    idempotency_key: Option<String>,
) -> Result<(), AppError> {
    use crate::auth;
    let provider = auth::provider().await?;
    let input = handoff::submission::SubmissionInput {
        body,
        achieved,
        result_value,
        note,
        met: met.iter().filter_map(|m| m.parse().ok()).collect(),
    };
    let db = auth::database();
    // With a key (the page's script, an action queued offline that may be
    // sent twice) the page updates itself; the plain form is redirected.
    let key = idempotency_key.filter(|k| !k.is_empty());
    handoff_server::task::submit(
        &db,
        &provider,
        task_id,
        version,
        &input,
        key.as_deref(),
        auth::now_ms(),
    )
    .await?;
    if key.is_some() {
        return Ok(());
    }
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=submit&at={}",
        auth::now_ms()
    ));
    Ok(())
}
