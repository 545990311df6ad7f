use crate::error::AppError;
use handoff::TaskChoices;
use leptos::prelude::*;

/// Owners: the clients and providers a new task may name.
#[server(endpoint = "load_task_choices")]
pub async fn load_task_choices() -> Result<TaskChoices, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(handoff_server::task::choices(&auth::database(), &owner).await?)
}
