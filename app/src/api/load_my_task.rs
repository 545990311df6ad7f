use crate::error::AppError;
use handoff::ProviderTask;
use leptos::prelude::*;

/// Providers: one of their tasks, with the client as alias plus what was
/// disclosed for it.
#[server(endpoint = "load_my_task")]
pub async fn load_my_task(task_id: i64) -> Result<ProviderTask, AppError> {
    use crate::auth;
    let provider = auth::provider().await?;
    Ok(
        handoff_server::task::provider_task(&auth::database(), &provider, task_id, auth::now_ms())
            .await?,
    )
}
