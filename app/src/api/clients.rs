//! Client records, their fields, erasure.

use crate::error::AppError;
use handoff::ClientPage;
use handoff::ClientRecord;
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

/// Owners: one client's whole record.
#[server(endpoint = "load_client")]
pub async fn load_client(client_id: i64) -> Result<ClientRecord, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(handoff_server::clients::record(&auth::database(), &owner, client_id).await?)
}

/// Owners: a page of the client list, by name; `search` matches name, alias
/// or e-mail.
#[server(endpoint = "load_clients")]
pub async fn load_clients(search: String, page: u32) -> Result<ClientPage, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(handoff_server::clients::list(&auth::database(), &owner, &search, page).await?)
}

/// Owners: adds a custom field to a client (empty `field_id`) or changes one.
#[server(endpoint = "save_client_field")]
pub async fn save_client_field(
    client_id: i64,
    field_id: String,
    label: String,
    value: String,
    kind: String,
) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let field_id = match field_id.trim() {
        "" => None,
        raw => Some(raw.parse::<i64>().map_err(|_| AppError::NotFound)?),
    };
    handoff_server::clients::save_field(
        &auth::database(),
        &owner,
        client_id,
        field_id,
        (&label, &value, &kind),
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/clients/{client_id}?saved=field&at={}",
        crate::auth::now_ms()
    ));
    Ok(())
}

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
