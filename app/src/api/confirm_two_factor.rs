use crate::error::AppError;
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
