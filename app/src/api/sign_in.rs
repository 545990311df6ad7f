use crate::error::AppError;
use leptos::prelude::*;

/// Anyone: it is the way in. Throttled per account and per address.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    use crate::auth;
    let session = handoff_server::accounts::sign_in(
        &auth::database(),
        &auth::hasher(),
        &email,
        &password,
        &auth::client_address(),
        auth::now_ms(),
    )
    .await?;
    auth::set_session_cookie(&session);
    leptos_axum::redirect("/");
    Ok(())
}
