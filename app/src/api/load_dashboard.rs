use crate::error::AppError;
use handoff::Dashboard;
use leptos::prelude::*;

/// Members: the home page of the caller's role (a provider's only through
/// the provider lens).
#[server(endpoint = "load_dashboard")]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    use crate::auth;
    let member = auth::member().await?;
    Ok(handoff_server::task::dashboard(&auth::database(), &member, auth::now_ms()).await?)
}
