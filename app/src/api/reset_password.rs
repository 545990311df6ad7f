use crate::error::AppError;
use leptos::prelude::*;

/// Anyone holding a live reset link: sets the new password, ends every
/// session of the account and sends the member to sign in with it.
#[server(endpoint = "reset_password")]
pub async fn reset_password(token: String, new_password: String) -> Result<(), AppError> {
    use crate::auth;
    handoff_server::reset::complete(
        &auth::database(),
        &auth::hasher(),
        &token,
        &new_password,
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect("/login?reset=1");
    Ok(())
}
