use crate::error::AppError;
use handoff::thread::OwnerThread;
use leptos::prelude::*;

/// Owners: the conversation with a client (through their portal).
#[server(endpoint = "load_client_thread")]
pub async fn load_client_thread(client_id: i64) -> Result<OwnerThread, AppError> {
    use crate::auth;
    use handoff::thread::ThreadRef;
    let owner = auth::owner().await?;
    let thread = ThreadRef::Client { client_id };
    Ok(handoff_server::thread::owner_thread(&auth::database(), &owner, thread).await?)
}
