use crate::error::AppError;
use leptos::prelude::*;

/// Anyone: it is the way in. Throttled per account and per address. A
/// member with two-factor sign-in goes on to `/login/code`. `next` is the
/// page they meant to open; only a path on this site is followed.
#[server(endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    #[server(default)] next: Option<String>,
) -> Result<(), AppError> {
    use crate::auth;
    use crate::components::filters::url_encode;
    let next = handoff::next::after_sign_in(next.as_deref());
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
            leptos_axum::redirect(next);
        }
        Err(handoff_server::Error::SecondFactorRequired(challenge)) => {
            auth::set_challenge_cookie(&challenge);
            if next == "/" {
                leptos_axum::redirect("/login/code");
            } else {
                leptos_axum::redirect(&format!("/login/code?next={}", url_encode(next)));
            }
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
