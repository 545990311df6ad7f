use crate::error::AppError;
use leptos::prelude::*;

/// The task's provider hands in the work. `met` names the criteria ticked
/// (by index); it always carries one empty entry so that none can be sent.
#[server(endpoint = "submit_work")]
pub async fn submit_work(
    task_id: i64,
    version: i64,
    body: String,
    achieved: String,
    result_value: String,
    note: String,
    met: Vec<String>,
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
    handoff_server::task::submit(
        &auth::database(),
        &provider,
        task_id,
        version,
        &input,
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=submit&at={}",
        auth::now_ms()
    ));
    Ok(())
}
