use crate::error::AppError;
use leptos::prelude::*;

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
