use crate::error::AppError;
use leptos::prelude::*;

/// Starts, resumes, declines (with a reason) or cancels a task, if the
/// caller's role and the task's state allow it. `version` is the one the
/// caller saw.
#[server(endpoint = "move_task")]
pub async fn move_task(
    task_id: i64,
    version: i64,
    step: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::auth;
    let member = auth::member().await?;
    handoff_server::task::move_task(
        &auth::database(),
        &member,
        task_id,
        version,
        &step,
        reason.as_deref().unwrap_or_default(),
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved={step}&at={}",
        auth::now_ms()
    ));
    Ok(())
}
