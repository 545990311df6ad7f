use crate::error::AppError;
use leptos::prelude::*;

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
