use crate::error::AppError;
use leptos::prelude::*;

/// Owners: require (or stop requiring) two-factor sign-in of every owner.
#[server(endpoint = "require_owner_two_factor")]
pub async fn require_owner_two_factor(required: bool) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::two_factor::set_owner_requirement(&auth::database(), &owner, required).await?;
    Ok(())
}
