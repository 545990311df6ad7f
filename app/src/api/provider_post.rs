use crate::error::AppError;
use leptos::prelude::*;

/// The task's provider: a message to the owners in the team thread.
#[server(endpoint = "provider_post")]
pub async fn provider_post(task_id: i64, body: String) -> Result<(), AppError> {
    use crate::auth;
    let provider = auth::provider().await?;
    handoff_server::thread::provider_post(
        &auth::database(),
        &provider,
        task_id,
        &body,
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=message&at={}#thread",
        auth::now_ms()
    ));
    Ok(())
}
