use crate::error::AppError;
use leptos::prelude::*;

/// Members: a thread read up to a message (the page that shows it calls
/// this as it opens). `task_id` for a team thread, `client_id` for a
/// client thread (owners).
#[server(endpoint = "mark_read")]
pub async fn mark_read(
    #[server(default)] task_id: Option<i64>,
    #[server(default)] client_id: Option<i64>,
    up_to: i64,
) -> Result<(), AppError> {
    use crate::auth;
    use handoff::thread::ThreadRef;
    let member = auth::member().await?;
    let thread = match (task_id, client_id) {
        (Some(task_id), None) => ThreadRef::Team { task_id },
        (None, Some(client_id)) => ThreadRef::Client { client_id },
        _ => return Err(AppError::NotFound),
    };
    Ok(handoff_server::thread::mark_read(&auth::database(), &member, thread, up_to).await?)
}
