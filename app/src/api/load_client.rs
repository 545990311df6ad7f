use crate::error::AppError;
use handoff::ClientRecord;
use leptos::prelude::*;

/// Owners: one client's whole record.
#[server(endpoint = "load_client")]
pub async fn load_client(client_id: i64) -> Result<ClientRecord, AppError> {
    use crate::auth;
    let actor = auth::actor().await?;
    Ok(handoff_server::clients::record(&auth::database(), &actor, client_id).await?)
}
