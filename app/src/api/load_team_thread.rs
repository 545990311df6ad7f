use crate::error::AppError;
use handoff::thread::OwnerThread;
use leptos::prelude::*;

/// Owners: a task's team thread, with its relay requests.
#[server(endpoint = "load_team_thread")]
pub async fn load_team_thread(task_id: i64) -> Result<OwnerThread, AppError> {
    use crate::auth;
    use handoff::thread::ThreadRef;
    let owner = auth::owner().await?;
    let thread = ThreadRef::Team { task_id };
    Ok(handoff_server::thread::owner_thread(&auth::database(), &owner, thread).await?)
}
