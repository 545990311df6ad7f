use crate::error::AppError;
use handoff::preview::PreviewText;
use leptos::prelude::*;

/// Owners: the editor's live preview: each of `texts` as the provider of a
/// task for this client (and this task, once saved) will read it. The
/// server's provider lens makes it, so the preview is what the provider
/// gets, and the client's values stay on the server.
#[server(endpoint = "preview_task")]
pub async fn preview_task(
    task_id: Option<i64>,
    client_id: Option<i64>,
    #[server(default)] texts: Vec<String>,
) -> Result<Vec<PreviewText>, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(
        handoff_server::task::preview_texts(&auth::database(), &owner, task_id, client_id, &texts)
            .await?,
    )
}
