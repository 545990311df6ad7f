use crate::error::AppError;
use leptos::prelude::*;

/// Owners: cancels an open task; its disclosures end.
#[server(endpoint = "cancel_task")]
pub async fn cancel_task(task_id: i64, version: i64) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::task::cancel(&auth::database(), &owner, task_id, version, auth::now_ms())
        .await?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=cancelled&at={}",
        crate::auth::now_ms()
    ));
    Ok(())
}
