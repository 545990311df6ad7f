use crate::error::AppError;
use leptos::prelude::*;

/// Owners: the client's link stops working, and so do their portal sessions.
#[server(endpoint = "revoke_portal_link")]
pub async fn revoke_portal_link(client_id: i64) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::portal::revoke_link(&auth::database(), &owner, client_id, auth::now_ms())
        .await?;
    leptos_axum::redirect(&format!(
        "/clients/{client_id}?saved=revoked&at={}#portal-link",
        auth::now_ms()
    ));
    Ok(())
}
