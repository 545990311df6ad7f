use crate::error::AppError;
use leptos::prelude::*;

/// Owners: forwards a client's message (or `part` of it) to the team thread
/// of a task about that client, through the provider lens.
#[server(endpoint = "forward_message")]
pub async fn forward_message(
    client_id: i64,
    message_id: i64,
    task_id: i64,
    #[server(default)] part: String,
) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let part = Some(part.trim()).filter(|p| !p.is_empty());
    handoff_server::thread::forward(
        &auth::database(),
        &owner,
        message_id,
        task_id,
        part,
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/clients/{client_id}?saved=forwarded&at={}#thread",
        auth::now_ms()
    ));
    Ok(())
}
