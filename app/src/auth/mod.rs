//! The one door (server side only): every server function that needs a
//! member calls `actor()`, which reads the session cookie and asks
//! `handoff-server` who holds it. Cookies are written here and nowhere else.

use crate::error::AppError;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::{request::Parts, HeaderMap, HeaderValue};
use handoff_server::session::{NewSession, ABSOLUTE_MS};
use handoff_server::{Actor, Database, PasswordHasher};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

mod address;

pub use address::{client_address, TrustedProxies};

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

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The database of this request. A resource the render stopped waiting
/// for can still be polled after its request ended, when the request's
/// contexts are gone (seen under load on task pages): it then gets the
/// process's database, finds no session cookie and ends with
/// `Unauthenticated`, instead of panicking in a worker thread.
#[track_caller]
pub fn database() -> Database {
    if let Some(db) = use_context::<Database>() {
        return db;
    }
    tracing::debug!(
        at = %std::panic::Location::caller(),
        "a server function ran outside its request"
    );
    PROCESS_DATABASE
        .get()
        .cloned()
        .expect("the database is set before Handoff serves")
}

static PROCESS_DATABASE: std::sync::OnceLock<Database> = std::sync::OnceLock::new();

/// Called once the database is open, before the first request.
pub fn set_process_database(db: &Database) {
    let _ = PROCESS_DATABASE.set(db.clone());
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

// Without a request there is no cookie to read: `generate_route_list`
// renders the app once at start-up, with no context, and the layout's
// resources ask who is signed in.
fn session_token() -> Option<String> {
    cookie(use_context::<CookiePolicy>()?.name())
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
    Ok(handoff_server::door::owner_of(signed_in().await?)?)
}

/// The provider behind this request (an owner gets `Forbidden`).
pub async fn provider() -> Result<handoff_server::Provider, AppError> {
    Ok(handoff_server::door::provider_of(signed_in().await?)?)
}

/// The provider behind a plain axum request (an owners' page opened by a
/// provider), under the same rules as `provider()`.
pub async fn provider_from_headers(
    db: &Database,
    policy: CookiePolicy,
    headers: &axum::http::HeaderMap,
) -> Result<handoff_server::Provider, AppError> {
    let token = cookie_in(headers, policy.name());
    Ok(handoff_server::door::provider(db, token.as_deref(), now_ms()).await?)
}

/// The member behind this request, owner or provider.
pub async fn member() -> Result<handoff_server::Member, AppError> {
    Ok(handoff_server::door::member_of(signed_in().await?)?)
}

/// The member behind a plain axum request (the event stream), under the
/// same rules as `member()`.
pub async fn member_from_headers(
    db: &Database,
    policy: CookiePolicy,
    headers: &axum::http::HeaderMap,
) -> Result<handoff_server::Member, AppError> {
    let token = cookie_in(headers, policy.name());
    Ok(handoff_server::door::member(db, token.as_deref(), now_ms()).await?)
}

/// The client behind a plain axum request from the portal (its event
/// stream), by the portal's own cookie.
pub async fn portal_client_from_headers(
    db: &Database,
    policy: CookiePolicy,
    headers: &axum::http::HeaderMap,
) -> Result<(handoff_server::PortalClient, String), AppError> {
    let token = cookie_in(headers, policy.portal_name()).ok_or(AppError::Unauthenticated)?;
    let client = handoff_server::door::portal_client(db, Some(&token), now_ms()).await?;
    Ok((client, token))
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
    let memo = use_context::<SessionMemo>();
    if let Some(kept) = memo.as_ref().and_then(SessionMemo::kept) {
        return Ok(kept);
    }
    let actor = handoff_server::session::authenticate(&database(), &token, now_ms()).await?;
    if let Some(memo) = memo {
        memo.keep(actor.clone());
    }
    Ok(actor)
}

/// The member whose session cookie this request carries (their capability
/// is decided by `handoff_server::door`), or `Unauthenticated`.
async fn signed_in() -> Result<Actor, AppError> {
    optional_actor()
        .await?
        .ok_or(AppError::from(handoff_server::Error::Unauthenticated))
}

/// Whose session this request carries, looked up once per request however
/// many server functions its page calls (a provider's page asked four
/// times). Provided per request with the other contexts; forgotten when the
/// request starts or ends a session.
#[derive(Clone, Default)]
pub struct SessionMemo(std::sync::Arc<std::sync::Mutex<Option<Option<Actor>>>>);

impl SessionMemo {
    fn kept(&self) -> Option<Option<Actor>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn keep(&self, actor: Option<Actor>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(actor);
    }

    fn forget() {
        if let Some(memo) = use_context::<SessionMemo>() {
            *memo.0.lock().unwrap_or_else(|e| e.into_inner()) = None;
        }
    }
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

/// The client behind this request, from the portal session cookie only
/// (a member's session cookie is never looked at).
pub async fn portal_client() -> Result<handoff_server::PortalClient, AppError> {
    // No cookie, no lookup: the route list rendered at start-up has no
    // request (and no database in context), and most visitors have none.
    let Some(token) = use_context::<CookiePolicy>().and_then(|p| cookie(p.portal_name())) else {
        return Err(AppError::Unauthenticated);
    };
    Ok(handoff_server::door::portal_client(&database(), Some(&token), now_ms()).await?)
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
