//! The one door (server side only): every server function that needs a
//! member calls `actor()`, which reads the session cookie and asks
//! `handoff-server` who holds it. Cookies are written here and nowhere else.

use crate::error::AppError;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{request::Parts, HeaderValue};
use handoff_server::session::{NewSession, ABSOLUTE_MS};
use handoff_server::{Actor, Database, PasswordHasher};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

/// How the session cookie is named and flagged. Over TLS it is a
/// `__Host-` cookie (Secure, whole site, no Domain); on plain http, which only
/// makes sense on localhost, browsers refuse `__Host-` and Secure, so it goes
/// without them.
#[derive(Clone, Copy, Debug)]
pub struct CookiePolicy {
    pub secure: bool,
}

impl CookiePolicy {
    pub fn name(self) -> &'static str {
        if self.secure {
            "__Host-handoff_session"
        } else {
            "handoff_session"
        }
    }

    fn attributes(self) -> &'static str {
        if self.secure {
            "Path=/; HttpOnly; SameSite=Lax; Secure"
        } else {
            "Path=/; HttpOnly; SameSite=Lax"
        }
    }
}

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

pub fn database() -> Database {
    expect_context::<Database>()
}

/// Where people reach Handoff (`HANDOFF_PUBLIC_URL`), for links.
#[derive(Clone, Debug)]
pub struct PublicUrl(pub String);

pub fn public_url() -> String {
    expect_context::<PublicUrl>().0
}

pub fn hasher() -> PasswordHasher {
    expect_context::<PasswordHasher>()
}

fn session_token() -> Option<String> {
    cookie(expect_context::<CookiePolicy>().name())
}

fn cookie(wanted: &str) -> Option<String> {
    cookie_in(&use_context::<Parts>()?.headers, wanted)
}

fn cookie_in(headers: &axum::http::HeaderMap, wanted: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.to_string())
}

/// The member behind a plain axum request (a download, not a server
/// function), under the same rules as `actor()`.
pub async fn actor_from_headers(
    db: &Database,
    policy: CookiePolicy,
    headers: &axum::http::HeaderMap,
) -> Result<Actor, AppError> {
    let token = cookie_in(headers, policy.name()).ok_or(AppError::Unauthenticated)?;
    let actor = handoff_server::session::authenticate(db, &token, now_ms())
        .await?
        .ok_or(AppError::Unauthenticated)?;
    if actor.needs_two_factor_setup() {
        return Err(AppError::TwoFactorSetupRequired);
    }
    Ok(actor)
}

/// The owner behind this request (a provider gets `Forbidden`). Which
/// capability a session holds is decided in `handoff_server::door`.
pub async fn owner() -> Result<handoff_server::Owner, AppError> {
    let token = session_token();
    Ok(handoff_server::door::owner(&database(), token.as_deref(), now_ms()).await?)
}

/// The provider behind this request (an owner gets `Forbidden`).
pub async fn provider() -> Result<handoff_server::Provider, AppError> {
    let token = session_token();
    Ok(handoff_server::door::provider(&database(), token.as_deref(), now_ms()).await?)
}

/// The member behind this request, owner or provider.
pub async fn member() -> Result<handoff_server::Member, AppError> {
    let token = session_token();
    Ok(handoff_server::door::member(&database(), token.as_deref(), now_ms()).await?)
}

/// The owner behind a plain axum request (a download), under the same
/// rules as `owner()`.
pub async fn owner_from_headers(
    db: &Database,
    policy: CookiePolicy,
    headers: &axum::http::HeaderMap,
) -> Result<handoff_server::Owner, AppError> {
    let token = cookie_in(headers, policy.name());
    Ok(handoff_server::door::owner(db, token.as_deref(), now_ms()).await?)
}

/// The member behind this request, if any.
pub async fn optional_actor() -> Result<Option<Actor>, AppError> {
    let Some(token) = session_token() else {
        return Ok(None);
    };
    Ok(handoff_server::session::authenticate(&database(), &token, now_ms()).await?)
}

/// The member behind this request, or `Unauthenticated`. An owner who must
/// first set up two-factor sign-in gets `TwoFactorSetupRequired` instead.
pub async fn actor() -> Result<Actor, AppError> {
    let actor = actor_for_setup().await?;
    if actor.needs_two_factor_setup() {
        return Err(AppError::TwoFactorSetupRequired);
    }
    Ok(actor)
}

/// The member behind this request even while their two-factor set-up is
/// due: only for setting it up and for their own account basics.
pub async fn actor_for_setup() -> Result<Actor, AppError> {
    optional_actor().await?.ok_or(AppError::Unauthenticated)
}

/// The cookie that carries a sign-in's pending second step (5 minutes).
const CHALLENGE_COOKIE: &str = "handoff_signin_challenge";

pub fn set_challenge_cookie(challenge: &str) {
    let policy = expect_context::<CookiePolicy>();
    append_cookie(format!(
        "{CHALLENGE_COOKIE}={challenge}; Max-Age={}; {}",
        handoff_server::two_factor::CHALLENGE_TTL_MS / 1000,
        policy.attributes()
    ));
}

pub fn clear_challenge_cookie() {
    let policy = expect_context::<CookiePolicy>();
    append_cookie(format!(
        "{CHALLENGE_COOKIE}=; Max-Age=0; {}",
        policy.attributes()
    ));
}

pub fn challenge() -> Option<String> {
    cookie(CHALLENGE_COOKIE)
}

/// Starts a new session in this browser: ends the one its cookie named
/// before (if any), then sets the new cookie.
pub async fn replace_session(session: &NewSession) -> Result<(), AppError> {
    if let Some(previous) = session_token() {
        handoff_server::session::end_token(&database(), &previous).await?;
    }
    set_session_cookie(session);
    Ok(())
}

pub fn set_session_cookie(session: &NewSession) {
    let policy = expect_context::<CookiePolicy>();
    let cookie = format!(
        "{}={}; Max-Age={}; {}",
        policy.name(),
        session.token,
        ABSOLUTE_MS / 1000,
        policy.attributes()
    );
    append_cookie(cookie);
}

pub fn clear_session_cookie() {
    let policy = expect_context::<CookiePolicy>();
    append_cookie(format!(
        "{}=; Max-Age=0; {}",
        policy.name(),
        policy.attributes()
    ));
}

fn append_cookie(cookie: String) {
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&cookie),
    ) {
        response.append_header(SET_COOKIE, value);
    }
}

/// The peer's address, for sign-in throttling.
pub fn client_address() -> String {
    use_context::<Parts>()
        .and_then(|parts| {
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|info| info.0.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string())
}
