use crate::error::AppError;
use leptos::prelude::*;

/// Owners: accept the submitted work or ask for changes, with a note per
/// criterion (in the task's order) and an optional process change.
#[server(endpoint = "review_work")]
pub async fn review_work(
    task_id: i64,
    version: i64,
    decision: Option<String>,
    feedback: Vec<String>,
    process_change: String,
) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let decision = decision.unwrap_or_default();
    let input = handoff::submission::ReviewInput {
        decision: decision.clone(),
        // The first entry is the always-present empty one.
        feedback: feedback.into_iter().skip(1).collect(),
        process_change,
    };
    handoff_server::task::review(
        &auth::database(),
        &owner,
        task_id,
        version,
        &input,
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved={decision}&at={}",
        auth::now_ms()
    ));
    Ok(())
}
