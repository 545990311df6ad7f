use crate::error::AppError;
use leptos::prelude::*;

/// Any member, for themselves: turns two-factor sign-in on with a first code.
/// The recovery codes appear on the next load of the page, once.
#[server(endpoint = "confirm_two_factor")]
pub async fn confirm_two_factor(code: String) -> Result<(), AppError> {
    use crate::auth;
    let actor = auth::actor_for_setup().await?;
    handoff_server::two_factor::confirm(&auth::database(), &actor, &code, auth::now_ms()).await?;
    Ok(())
}
