use crate::error::AppError;
use leptos::prelude::*;

/// Anyone: e-mails a reset link if the address has an account. The answer
/// is the same either way (throttled per address asked for and per network
/// address), so this cannot tell who has an account.
#[server(endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::auth;
    handoff_server::reset::request(
        &auth::database(),
        &email,
        &auth::client_address(),
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}
