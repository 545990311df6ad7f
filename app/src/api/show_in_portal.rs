use crate::error::AppError;
use leptos::prelude::*;

/// Owners: whether a task's status shows in its client's portal.
#[server(endpoint = "show_in_portal")]
pub async fn show_in_portal(task_id: i64, show: String) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::portal::show_task(
        &auth::database(),
        &owner,
        task_id,
        show == "yes",
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=portal&at={}",
        auth::now_ms()
    ));
    Ok(())
}
