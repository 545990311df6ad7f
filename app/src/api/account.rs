//! Signing in and out, signing up, one's own account and password, and the forgotten-password path.

use crate::error::AppError;
use handoff::Me;
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

/// Any member: ends this session. Without a session it only clears the cookie.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::auth;
    if let Some(actor) = auth::optional_actor().await? {
        handoff_server::session::sign_out(&auth::database(), &actor).await?;
    }
    auth::clear_session_cookie();
    // The browser drops what it cached for this site; the page's script
    // removes Handoff's own keys (drafts, queued actions) from storage.
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            axum::http::HeaderName::from_static("clear-site-data"),
            axum::http::HeaderValue::from_static("\"cache\""),
        );
    }
    leptos_axum::redirect("/login");
    Ok(())
}

/// Any member: ends all of their own sessions, on every device.
#[server(endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::auth;
    let actor = auth::actor_for_setup().await?;
    handoff_server::session::sign_out_everywhere(&auth::database(), &actor).await?;
    auth::clear_session_cookie();
    leptos_axum::redirect("/login");
    Ok(())
}

/// Anyone: opens a new workspace with its first owner.
#[server(endpoint = "sign_up")]
pub async fn sign_up(
    workspace_name: String,
    time_zone: String,
    currency: String,
    display_name: String,
    email: String,
    password: String,
) -> Result<(), AppError> {
    use crate::auth;
    let session = handoff_server::accounts::sign_up(
        &auth::database(),
        &auth::hasher(),
        handoff_server::accounts::SignUp {
            workspace_name,
            time_zone,
            currency,
            display_name,
            email,
            password,
        },
        &auth::client_address(),
        auth::now_ms(),
    )
    .await?;
    auth::replace_session(&session).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Anyone: the signed-in member's own details, or `None`.
#[server(endpoint = "current_member")]
pub async fn current_member() -> Result<Option<Me>, AppError> {
    use crate::auth;
    match auth::optional_actor().await? {
        Some(actor) => Ok(Some(
            handoff_server::accounts::me(&auth::database(), &actor).await?,
        )),
        None => Ok(None),
    }
}

/// Any member, for their own account. Ends every other session.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::auth;
    let actor = auth::actor_for_setup().await?;
    let session = handoff_server::accounts::change_password(
        &auth::database(),
        &auth::hasher(),
        &actor,
        &current_password,
        &new_password,
        auth::now_ms(),
    )
    .await?;
    auth::set_session_cookie(&session);
    leptos_axum::redirect("/account?changed=1");
    Ok(())
}

/// Any member, for their own account: display name and time zone.
#[server(endpoint = "update_profile")]
pub async fn update_profile(display_name: String, time_zone: String) -> Result<(), AppError> {
    use crate::auth;
    let actor = auth::actor().await?;
    handoff_server::profile::update(
        &auth::database(),
        &actor,
        &handoff_server::profile::Profile {
            display_name,
            time_zone,
        },
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect("/account?saved=profile");
    Ok(())
}

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

/// Anyone holding a reset link: whether it still works. Reading it uses
/// nothing up (mail scanners open links).
#[server(endpoint = "load_password_reset")]
pub async fn load_password_reset(token: String) -> Result<bool, AppError> {
    use crate::auth;
    match handoff_server::reset::check(&auth::database(), &token, auth::now_ms()).await {
        Ok(()) => Ok(true),
        Err(handoff_server::Error::LinkNoLongerWorks) => Ok(false),
        Err(other) => Err(other.into()),
    }
}
