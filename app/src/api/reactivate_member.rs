use crate::error::AppError;
use leptos::prelude::*;

/// Owners: lets a deactivated provider of their own workspace sign in again.
#[server(endpoint = "reactivate_member")]
pub async fn reactivate_member(member_id: i64) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::team::reactivate(&auth::database(), &owner, member_id).await?;
    leptos_axum::redirect("/team");
    Ok(())
}
