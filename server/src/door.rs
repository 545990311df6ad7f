//! The doors: from a session token to the capability a use case needs. The
//! web layer says which capability a request needs by calling one of these;
//! whether the holder has it is decided here, not in the web layer.

use crate::caller::{Member, Owner, OwnerInSetup, PortalClient, Provider};
use crate::error::{Error, Result};
use crate::{session, Actor, Database};

/// Any live session's member, even an owner whose two-factor set-up is due
/// (for the account pages that let them set it up).
#[tracing::instrument(skip_all)]
pub async fn account(db: &Database, token: Option<&str>, now: i64) -> Result<Actor> {
    let token = token.ok_or(Error::Unauthenticated)?;
    session::authenticate(db, token, now)
        .await?
        .ok_or(Error::Unauthenticated)
}

/// An owner whose workspace demands two-factor sign-in they have not set up
/// yet, or `None` for everyone else.
#[tracing::instrument(skip_all)]
pub async fn owner_in_setup(
    db: &Database,
    token: Option<&str>,
    now: i64,
) -> Result<Option<OwnerInSetup>> {
    let actor = account(db, token, now).await?;
    Ok(actor.needs_two_factor_setup.then_some(OwnerInSetup(actor)))
}

/// A signed-in member of either role, ready to work.
#[tracing::instrument(skip_all)]
pub async fn member(db: &Database, token: Option<&str>, now: i64) -> Result<Member> {
    member_of(account(db, token, now).await?)
}

/// An owner, or `Forbidden`.
#[tracing::instrument(skip_all)]
pub async fn owner(db: &Database, token: Option<&str>, now: i64) -> Result<Owner> {
    owner_of(account(db, token, now).await?)
}

/// A provider, or `Forbidden`.
#[tracing::instrument(skip_all)]
pub async fn provider(db: &Database, token: Option<&str>, now: i64) -> Result<Provider> {
    provider_of(account(db, token, now).await?)
}

/// The capability of a session already looked up (the web layer looks a
/// request's session up once, however many server functions its page
/// calls): a member ready to work, unless their two-factor set-up is due.
pub fn member_of(actor: Actor) -> Result<Member> {
    if actor.needs_two_factor_setup {
        return Err(Error::TwoFactorSetupRequired);
    }
    Ok(Member::from_actor(actor))
}

/// An owner, or `Forbidden`, from a session already looked up.
pub fn owner_of(actor: Actor) -> Result<Owner> {
    match member_of(actor)? {
        Member::Owner(owner) => Ok(owner),
        Member::Provider(_) => Err(Error::Forbidden),
    }
}

/// A provider, or `Forbidden`, from a session already looked up.
pub fn provider_of(actor: Actor) -> Result<Provider> {
    match member_of(actor)? {
        Member::Provider(provider) => Ok(provider),
        Member::Owner(_) => Err(Error::Forbidden),
    }
}

/// A client in the portal, from the portal session's token (never a
/// member's session token: the two live in different tables).
#[tracing::instrument(skip_all)]
pub async fn portal_client(db: &Database, token: Option<&str>, now: i64) -> Result<PortalClient> {
    let token = token.ok_or(Error::Unauthenticated)?;
    crate::portal::authenticate(db, token, now)
        .await?
        .ok_or(Error::Unauthenticated)
}
