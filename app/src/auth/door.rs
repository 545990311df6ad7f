//! The one door. A request's session cookie is read once and
//! `handoff_server::door` decides which capability it holds; server
//! functions reach it through `owner()`, `provider()`, … (the request's
//! headers and database from Leptos's context), axum routes through the
//! `Signed<…>` extractor or `Door::of` — the same code either way.

use super::cookies::{cookie_in, CookiePolicy};
use super::{database, now_ms};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::{request::Parts, HeaderMap};
use handoff_server::{Actor, Database, Member, Owner, PortalClient, Provider};
use leptos::prelude::*;

/// Who a request comes from, as its cookies say.
pub struct Door<'a> {
    db: &'a Database,
    policy: CookiePolicy,
    headers: &'a HeaderMap,
    memo: Option<SessionMemo>,
}

impl<'a> Door<'a> {
    /// The door of a plain axum request.
    pub fn of(state: &'a AppState, headers: &'a HeaderMap) -> Self {
        Door {
            db: &state.db,
            policy: state.cookies,
            headers,
            memo: None,
        }
    }

    /// The same, sharing its session lookup with the rest of the request:
    /// the app's layers (owners' pages, the offline marker) and the page's
    /// server functions then ask the database once between them.
    pub fn of_request(state: &'a AppState, request: &'a mut axum::extract::Request) -> Self {
        let memo = request
            .extensions_mut()
            .get_or_insert_with(SessionMemo::default)
            .clone();
        Door {
            db: &state.db,
            policy: state.cookies,
            headers: request.headers(),
            memo: Some(memo),
        }
    }

    fn session_token(&self) -> Option<String> {
        cookie_in(self.headers, self.policy.name())
    }

    /// The member whose session cookie this is, if any.
    pub async fn optional_actor(&self) -> Result<Option<Actor>, AppError> {
        let Some(token) = self.session_token() else {
            return Ok(None);
        };
        if let Some(kept) = self.memo.as_ref().and_then(SessionMemo::kept) {
            return Ok(kept);
        }
        let actor = handoff_server::session::authenticate(self.db, &token, now_ms()).await?;
        if let Some(memo) = &self.memo {
            memo.keep(actor.clone());
        }
        Ok(actor)
    }

    /// The member, even while their two-factor set-up is due: only for
    /// setting it up and for their own account basics.
    pub async fn actor_for_setup(&self) -> Result<Actor, AppError> {
        self.optional_actor()
            .await?
            .ok_or(AppError::Unauthenticated)
    }

    /// The member; an owner who must first set up two-factor sign-in gets
    /// `TwoFactorSetupRequired` instead.
    pub async fn actor(&self) -> Result<Actor, AppError> {
        let actor = self.actor_for_setup().await?;
        if actor.needs_two_factor_setup() {
            return Err(AppError::TwoFactorSetupRequired);
        }
        Ok(actor)
    }

    async fn signed_in(&self) -> Result<Actor, AppError> {
        self.optional_actor()
            .await?
            .ok_or(AppError::from(handoff_server::Error::Unauthenticated))
    }

    /// The owner (a provider gets `Forbidden`).
    pub async fn owner(&self) -> Result<Owner, AppError> {
        Ok(handoff_server::door::owner_of(self.signed_in().await?)?)
    }

    /// The provider (an owner gets `Forbidden`).
    pub async fn provider(&self) -> Result<Provider, AppError> {
        Ok(handoff_server::door::provider_of(self.signed_in().await?)?)
    }

    /// The member, owner or provider.
    pub async fn member(&self) -> Result<Member, AppError> {
        Ok(handoff_server::door::member_of(self.signed_in().await?)?)
    }

    /// The client, from the portal's own cookie only (a member's session
    /// cookie is never looked at), with the portal session's token.
    pub async fn portal_client(&self) -> Result<(PortalClient, String), AppError> {
        // No cookie, no lookup: most visitors have none.
        let token =
            cookie_in(self.headers, self.policy.portal_name()).ok_or(AppError::Unauthenticated)?;
        let client = handoff_server::door::portal_client(self.db, Some(&token), now_ms()).await?;
        Ok((client, token))
    }
}

/// What a server function's request carries for the door, from Leptos's
/// context. Without a request (the route list rendered once at start-up)
/// there are no headers, so no cookie and no lookup.
struct ThisRequest {
    db: Database,
    policy: CookiePolicy,
    headers: HeaderMap,
    memo: Option<SessionMemo>,
}

fn this_request() -> ThisRequest {
    let (policy, headers) = match (use_context::<CookiePolicy>(), use_context::<Parts>()) {
        (Some(policy), Some(parts)) => (policy, parts.headers),
        _ => (CookiePolicy { secure: false }, HeaderMap::new()),
    };
    ThisRequest {
        db: database(),
        policy,
        headers,
        memo: use_context::<SessionMemo>(),
    }
}

impl ThisRequest {
    fn door(&self) -> Door<'_> {
        Door {
            db: &self.db,
            policy: self.policy,
            headers: &self.headers,
            memo: self.memo.clone(),
        }
    }
}

/// The owner behind this server function's request.
pub async fn owner() -> Result<Owner, AppError> {
    this_request().door().owner().await
}

/// The provider behind this server function's request.
pub async fn provider() -> Result<Provider, AppError> {
    this_request().door().provider().await
}

/// The member behind this server function's request, owner or provider.
pub async fn member() -> Result<Member, AppError> {
    this_request().door().member().await
}

/// The member behind this request, or `Unauthenticated`.
pub async fn actor() -> Result<Actor, AppError> {
    this_request().door().actor().await
}

/// The member behind this request even while their two-factor set-up is due.
pub async fn actor_for_setup() -> Result<Actor, AppError> {
    this_request().door().actor_for_setup().await
}

/// The member behind this request, if any.
pub async fn optional_actor() -> Result<Option<Actor>, AppError> {
    this_request().door().optional_actor().await
}

/// The client behind this request, from the portal session cookie only.
pub async fn portal_client() -> Result<PortalClient, AppError> {
    Ok(this_request().door().portal_client().await?.0)
}

/// A capability an axum route takes as an argument:
/// `Signed(owner): Signed<Owner>` refuses the request (with the one status
/// mapping of `AppError`) unless its session holds that capability.
pub struct Signed<C>(pub C);

/// What `Signed` can hold.
pub trait Capability: Sized {
    fn enter(door: &Door<'_>) -> impl std::future::Future<Output = Result<Self, AppError>> + Send;
}

impl Capability for Owner {
    async fn enter(door: &Door<'_>) -> Result<Self, AppError> {
        door.owner().await
    }
}

impl Capability for Provider {
    async fn enter(door: &Door<'_>) -> Result<Self, AppError> {
        door.provider().await
    }
}

impl Capability for Member {
    async fn enter(door: &Door<'_>) -> Result<Self, AppError> {
        door.member().await
    }
}

impl<C: Capability + Send> FromRequestParts<AppState> for Signed<C> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        Ok(Signed(C::enter(&Door::of(state, &parts.headers)).await?))
    }
}

/// Whose session this request carries, looked up once per request however
/// many server functions its page calls (a provider's page asked four
/// times). Kept in the request's extensions by the first layer that asks
/// (`Door::of_request`) and provided with the other contexts; forgotten when
/// the request starts or ends a session.
#[derive(Clone, Default)]
pub struct SessionMemo(std::sync::Arc<std::sync::Mutex<Option<Option<Actor>>>>);

impl SessionMemo {
    fn kept(&self) -> Option<Option<Actor>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn keep(&self, actor: Option<Actor>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(actor);
    }

    /// The memo the request's layers started, or a new one.
    pub fn of_this_request() -> Self {
        use_context::<Parts>()
            .and_then(|parts| parts.extensions.get::<SessionMemo>().cloned())
            .unwrap_or_default()
    }

    pub(super) fn forget() {
        if let Some(memo) = use_context::<SessionMemo>() {
            *memo.0.lock().unwrap_or_else(|e| e.into_inner()) = None;
        }
    }
}
