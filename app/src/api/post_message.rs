use crate::error::AppError;
use leptos::prelude::*;

/// Owners: a message in a task's team thread (`task_id`) or a client's
/// thread (`client_id`); back to the page it was written on.
#[server(endpoint = "post_message")]
pub async fn post_message(
    #[server(default)] task_id: Option<i64>,
    #[server(default)] client_id: Option<i64>,
    body: String,
) -> Result<(), AppError> {
    use crate::auth;
    use handoff::thread::ThreadRef;
    let owner = auth::owner().await?;
    let (thread, page) = match (task_id, client_id) {
        (Some(task_id), None) => (ThreadRef::Team { task_id }, format!("/tasks/{task_id}")),
        (None, Some(client_id)) => (
            ThreadRef::Client { client_id },
            format!("/clients/{client_id}"),
        ),
        _ => return Err(AppError::NotFound),
    };
    handoff_server::thread::post(&auth::database(), &owner, thread, &body, auth::now_ms()).await?;
    leptos_axum::redirect(&format!(
        "{page}?saved=message&at={}#thread",
        auth::now_ms()
    ));
    Ok(())
}
