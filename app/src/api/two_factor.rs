//! Two-factor sign-in: set-up, recovery codes, the owners' requirement.

use crate::error::AppError;
use handoff::TwoFactorStatus;
use leptos::prelude::*;

/// Any member, for themselves: turns two-factor sign-in on with a first code
/// and ends their other sessions. The recovery codes show on the settings
/// page (sealed on the server) until the member dismisses them.
#[server(endpoint = "confirm_two_factor")]
pub async fn confirm_two_factor(code: String) -> Result<(), AppError> {
    use crate::auth;
    let actor = auth::actor_for_setup().await?;
    handoff_server::two_factor::confirm(&auth::database(), &actor, &code, auth::now_ms()).await?;
    Ok(())
}

/// Any member, for themselves, with their password (throttled); not an
/// owner while the workspace requires it.
#[server(endpoint = "disable_two_factor")]
pub async fn disable_two_factor(password: String) -> Result<(), AppError> {
    use crate::auth;
    let actor = auth::actor().await?;
    handoff_server::two_factor::disable(
        &auth::database(),
        &auth::hasher(),
        &actor,
        &password,
        auth::now_ms(),
    )
    .await?;
    Ok(())
}

/// Any member, for themselves: they saved their new recovery codes, so the
/// settings page stops showing them. (Showing them is a GET and changes
/// nothing; this POST does.)
#[server(endpoint = "dismiss_recovery_codes")]
pub async fn dismiss_recovery_codes() -> Result<(), AppError> {
    use crate::auth;
    let actor = auth::actor_for_setup().await?;
    handoff_server::two_factor::dismiss_recovery_codes(&auth::database(), &actor).await?;
    Ok(())
}

/// Any member, for themselves, with their current password (throttled): a
/// new authenticator key waits for its first code.
#[server(endpoint = "start_two_factor")]
pub async fn start_two_factor(password: String) -> Result<(), AppError> {
    use crate::auth;
    let actor = auth::actor_for_setup().await?;
    handoff_server::two_factor::start(
        &auth::database(),
        &auth::hasher(),
        &actor,
        &password,
        auth::now_ms(),
    )
    .await?;
    Ok(())
}

/// Any member, for themselves (also while their set-up is due).
#[server(endpoint = "load_two_factor")]
pub async fn load_two_factor() -> Result<TwoFactorStatus, AppError> {
    use crate::auth;
    let actor = auth::actor_for_setup().await?;
    Ok(handoff_server::two_factor::status(&auth::database(), &actor).await?)
}

/// Owners: require (or stop requiring) two-factor sign-in of every owner.
#[server(endpoint = "require_owner_two_factor")]
pub async fn require_owner_two_factor(required: bool) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::two_factor::set_owner_requirement(&auth::database(), &owner, required).await?;
    Ok(())
}
