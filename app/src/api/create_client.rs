use crate::error::AppError;
use leptos::prelude::*;

/// Owners: a new client; opens their page.
#[server(endpoint = "create_client")]
pub async fn create_client(
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
    let id =
        handoff_server::clients::create(&auth::database(), &owner, &input, auth::now_ms()).await?;
    leptos_axum::redirect(&format!(
        "/clients/{id}?saved=created&at={}",
        crate::auth::now_ms()
    ));
    Ok(())
}
