use crate::error::AppError;
use leptos::prelude::*;

/// Anyone: it is the way in. Throttled per account and per address. A
/// member with two-factor sign-in goes on to `/login/code`.
#[server(endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    use crate::auth;
    let outcome = handoff_server::accounts::sign_in(
        &auth::database(),
        &auth::hasher(),
        &email,
        &password,
        &auth::client_address(),
        auth::now_ms(),
    )
    .await;
    match outcome {
        Ok(session) => {
            auth::replace_session(&session).await?;
            leptos_axum::redirect("/");
        }
        Err(handoff_server::Error::SecondFactorRequired(challenge)) => {
            auth::set_challenge_cookie(&challenge);
            leptos_axum::redirect("/login/code");
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
