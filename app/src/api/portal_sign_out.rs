use crate::error::AppError;
use leptos::prelude::*;

/// The client in the portal: ends this portal session. Without one it only
/// clears the cookie.
#[server(endpoint = "portal_sign_out")]
pub async fn portal_sign_out() -> Result<(), AppError> {
    use crate::auth;
    if let Ok(client) = auth::portal_client().await {
        handoff_server::portal::sign_out(&auth::database(), &client).await?;
    }
    auth::clear_portal_cookie();
    leptos_axum::redirect("/portal/signed-out");
    Ok(())
}
