use crate::error::AppError;
use handoff::thread::ForwardPreview;
use leptos::prelude::*;

/// Owners: exactly what the task's provider will read if this client
/// message (or `part` of it) is forwarded, and what in it looks like a
/// contact detail in disguise.
#[server(endpoint = "preview_forward")]
pub async fn preview_forward(
    message_id: i64,
    task_id: i64,
    #[server(default)] part: String,
) -> Result<ForwardPreview, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let part = Some(part.trim()).filter(|p| !p.is_empty());
    Ok(handoff_server::thread::preview_forward(
        &auth::database(),
        &owner,
        message_id,
        task_id,
        part,
    )
    .await?)
}
