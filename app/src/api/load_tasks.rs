use crate::error::AppError;
use handoff::TaskLine;
use leptos::prelude::*;

/// Owners: the workspace's latest tasks.
#[server(endpoint = "load_tasks")]
pub async fn load_tasks() -> Result<Vec<TaskLine>, AppError> {
    use crate::auth;
    let actor = auth::actor().await?;
    Ok(handoff_server::tasks::owner_list(&auth::database(), &actor).await?)
}
