use crate::error::AppError;
use handoff::ClientRecord;
use leptos::prelude::*;

/// Owners: one client's whole record.
#[server(endpoint = "load_client")]
pub async fn load_client(client_id: i64) -> Result<ClientRecord, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(handoff_server::clients::record(&auth::database(), &owner, client_id).await?)
}
