use crate::error::AppError;
use leptos::prelude::*;

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
