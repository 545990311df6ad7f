use crate::error::AppError;
use leptos::prelude::*;

/// Owners: a new private link for the client (any older one stops
/// working). The answer carries it, shown once; it never travels in a URL.
#[server(endpoint = "create_portal_link")]
pub async fn create_portal_link(client_id: i64) -> Result<String, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let link =
        handoff_server::portal::create_link(&auth::database(), &owner, client_id, auth::now_ms())
            .await?;
    let url = format!("{}/p/{}", auth::public_url(), link.token);
    auth::keep_new_portal_link(client_id, &url);
    leptos_axum::redirect(&format!(
        "/clients/{client_id}?saved=link&at={}#portal-link",
        auth::now_ms()
    ));
    Ok(url)
}
