use crate::error::AppError;
use handoff::OwnerTask;
use leptos::prelude::*;

/// Owners: one task with its editor's choices.
#[server(endpoint = "load_owner_task")]
pub async fn load_owner_task(task_id: i64) -> Result<OwnerTask, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(
        handoff_server::task::owner_task(&auth::database(), &owner, task_id, auth::now_ms())
            .await?,
    )
}
