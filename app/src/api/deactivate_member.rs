use crate::error::AppError;
use leptos::prelude::*;

/// Owners: deactivates a provider of their own workspace; the provider's
/// sessions end at once.
#[server(endpoint = "deactivate_member")]
pub async fn deactivate_member(member_id: i64) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::team::deactivate(&auth::database(), &owner, member_id).await?;
    leptos_axum::redirect("/team");
    Ok(())
}
