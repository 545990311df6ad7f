use crate::error::AppError;
use leptos::prelude::*;

/// Owners: deactivates a provider of their own workspace; the provider's
/// sessions end at once.
#[server(endpoint = "deactivate_member")]
pub async fn deactivate_member(member_id: i64) -> Result<(), AppError> {
    use crate::auth;
    let actor = auth::actor().await?;
    handoff_server::team::deactivate(&auth::database(), &actor, member_id).await?;
    leptos_axum::redirect("/team");
    Ok(())
}
