//! Cookies are read and written here and nowhere else: the session's, the
//! portal's, a sign-in's pending second step and a new portal link kept for
//! one page.

use super::door::SessionMemo;
use super::{database, public_url};
use crate::error::AppError;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{request::Parts, HeaderValue};
use handoff_server::session::{NewSession, ABSOLUTE_MS};
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

    /// The client portal's session cookie: its own name, so a member's
    /// session and a client's never stand in for each other.
    pub fn portal_name(self) -> &'static str {
        if self.secure {
            "__Host-handoff_portal"
        } else {
            "handoff_portal"
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

// Without a request there is no cookie to read: `generate_route_list`
// renders the app once at start-up, with no context, and the layout's
// resources ask who is signed in.
pub(super) fn session_token() -> Option<String> {
    cookie(use_context::<CookiePolicy>()?.name())
}

fn cookie(wanted: &str) -> Option<String> {
    cookie_in(&use_context::<Parts>()?.headers, wanted)
}

pub(super) fn cookie_in(headers: &axum::http::HeaderMap, wanted: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.to_string())
}

/// The portal session this browser already holds, if any (unchecked).
pub fn portal_cookie_token() -> Option<String> {
    use_context::<CookiePolicy>().and_then(|p| cookie(p.portal_name()))
}

pub fn set_portal_cookie(session: &handoff_server::portal::PortalSession) {
    let policy = expect_context::<CookiePolicy>();
    append_cookie(format!(
        "{}={}; Max-Age={}; {}",
        policy.portal_name(),
        session.token,
        handoff_server::portal::SESSION_MS / 1000,
        policy.attributes()
    ));
}

pub fn clear_portal_cookie() {
    let policy = expect_context::<CookiePolicy>();
    append_cookie(format!(
        "{}=; Max-Age=0; {}",
        policy.portal_name(),
        policy.attributes()
    ));
}

/// A portal link just made, kept for the owner's next page only (a form
/// posted without JavaScript cannot carry it back otherwise, and it must
/// never travel in a URL): a short-lived cookie scoped to that client's page.
fn new_link_cookie(client_id: i64) -> String {
    format!("handoff_new_portal_link_{client_id}")
}

pub fn keep_new_portal_link(client_id: i64, link: &str) {
    let policy = expect_context::<CookiePolicy>();
    append_cookie(format!(
        "{}={}; Max-Age=300; {}",
        new_link_cookie(client_id),
        link.rsplit('/').next().unwrap_or_default(),
        policy.attributes()
    ));
}

/// The link kept by `keep_new_portal_link`, once: reading it clears it.
pub fn take_new_portal_link(client_id: i64) -> Option<String> {
    let name = new_link_cookie(client_id);
    let token = cookie(&name).filter(|t| !t.is_empty())?;
    let policy = expect_context::<CookiePolicy>();
    append_cookie(format!("{name}=; Max-Age=0; {}", policy.attributes()));
    Some(format!("{}/p/{token}", public_url()))
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
    SessionMemo::forget();
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
    SessionMemo::forget();
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
