use crate::error::AppError;
use handoff::thread::ProviderThread;
use leptos::prelude::*;

/// The task's provider: its team thread and their relay requests, through
/// the provider lens.
#[server(endpoint = "load_provider_thread")]
pub async fn load_provider_thread(task_id: i64) -> Result<ProviderThread, AppError> {
    use crate::auth;
    let provider = auth::provider().await?;
    Ok(handoff_server::thread::provider_thread(
        &auth::database(),
        &provider,
        task_id,
        auth::now_ms(),
    )
    .await?)
}
