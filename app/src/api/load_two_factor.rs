use crate::error::AppError;
use handoff::TwoFactorStatus;
use leptos::prelude::*;

/// Any member, for themselves (also while their set-up is due).
#[server(endpoint = "load_two_factor")]
pub async fn load_two_factor() -> Result<TwoFactorStatus, AppError> {
    use crate::auth;
    let actor = auth::actor_for_setup().await?;
    Ok(handoff_server::two_factor::status(&auth::database(), &actor).await?)
}
