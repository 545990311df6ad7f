use crate::error::AppError;
use handoff::TaskChoices;
use leptos::prelude::*;

/// Owners: the clients and providers a new task may name.
#[server(endpoint = "load_task_choices")]
pub async fn load_task_choices() -> Result<TaskChoices, AppError> {
    use crate::auth;
    let actor = auth::actor().await?;
    Ok(handoff_server::tasks::choices(&auth::database(), &actor).await?)
}
