use crate::error::AppError;
use leptos::prelude::*;

/// Owners: removes a custom field (its disclosures end).
#[server(endpoint = "remove_client_field")]
pub async fn remove_client_field(client_id: i64, field_id: i64) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::clients::remove_field(
        &auth::database(),
        &owner,
        client_id,
        field_id,
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/clients/{client_id}?saved=removed&at={}",
        crate::auth::now_ms()
    ));
    Ok(())
}
