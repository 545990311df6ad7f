use crate::error::AppError;
use handoff::ProviderTaskLine;
use leptos::prelude::*;

/// Providers: the tasks assigned to them.
#[server(endpoint = "load_my_tasks")]
pub async fn load_my_tasks() -> Result<Vec<ProviderTaskLine>, AppError> {
    use crate::auth;
    let provider = auth::provider().await?;
    Ok(handoff_server::task::my_tasks(&auth::database(), &provider, auth::now_ms()).await?)
}
