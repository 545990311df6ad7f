use crate::error::AppError;
use handoff::thread::RelayItem;
use leptos::prelude::*;

/// Owners: the relay requests waiting for a decision.
#[server(endpoint = "load_relay_queue")]
pub async fn load_relay_queue() -> Result<Vec<RelayItem>, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(handoff_server::relay::queue(&auth::database(), &owner).await?)
}
