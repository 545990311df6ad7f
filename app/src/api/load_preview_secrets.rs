use crate::error::AppError;
use handoff::ProviderSecrets;
use leptos::prelude::*;

/// Owners: what the provider lens would hide on a task for this client (and
/// this task, once saved), so the editor's preview shows exactly what the
/// provider will read.
#[server(endpoint = "load_preview_secrets")]
pub async fn load_preview_secrets(
    task_id: Option<i64>,
    client_id: Option<i64>,
) -> Result<ProviderSecrets, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(
        handoff_server::task::preview_secrets(&auth::database(), &owner, task_id, client_id)
            .await?,
    )
}
