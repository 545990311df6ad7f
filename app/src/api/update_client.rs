use crate::error::AppError;
use leptos::prelude::*;

/// Owners: saves a client's built-in fields.
#[server(endpoint = "update_client")]
pub async fn update_client(
    client_id: i64,
    name: String,
    email: String,
    phone: String,
    address: String,
    date_of_birth: String,
    notes: String,
) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let input = handoff::ClientInput {
        name,
        email,
        phone,
        address,
        date_of_birth,
        notes,
    };
    handoff_server::clients::update(&auth::database(), &owner, client_id, &input, auth::now_ms())
        .await?;
    leptos_axum::redirect(&format!(
        "/clients/{client_id}?saved=record&at={}",
        crate::auth::now_ms()
    ));
    Ok(())
}
