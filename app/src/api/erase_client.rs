use crate::error::AppError;
use leptos::prelude::*;

/// Owners: erases a client's personal data everywhere; the alias stays.
#[server(endpoint = "erase_client")]
pub async fn erase_client(client_id: i64) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::erasure::erase_client(&auth::database(), &owner, client_id, auth::now_ms())
        .await?;
    leptos_axum::redirect(&format!(
        "/clients/{client_id}?saved=erased&at={}",
        crate::auth::now_ms()
    ));
    Ok(())
}
