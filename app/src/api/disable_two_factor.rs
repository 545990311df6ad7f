use crate::error::AppError;
use leptos::prelude::*;

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
