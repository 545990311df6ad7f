use crate::error::AppError;
use leptos::prelude::*;

/// Anyone holding a sign-in challenge (a right password, minutes ago): the
/// second step, with an authenticator or recovery code. Lands on `next`
/// when it is a path on this site.
#[server(endpoint = "verify_sign_in_code")]
pub async fn verify_sign_in_code(
    code: String,
    #[server(default)] next: Option<String>,
) -> Result<(), AppError> {
    use crate::auth;
    let challenge = auth::challenge().ok_or(AppError::Unauthenticated)?;
    let session = handoff_server::two_factor::complete_sign_in(
        &auth::database(),
        &challenge,
        &code,
        &auth::client_address(),
        auth::now_ms(),
    )
    .await?;
    auth::clear_challenge_cookie();
    auth::replace_session(&session).await?;
    leptos_axum::redirect(handoff::next::after_sign_in(next.as_deref()));
    Ok(())
}
