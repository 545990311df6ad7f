use crate::error::AppError;
use handoff::thread::PortalHome;
use leptos::prelude::*;

/// The client in the portal: the business's name, their thread and the
/// tasks the owner chose to show, through the client lens.
#[server(endpoint = "load_portal")]
pub async fn load_portal() -> Result<PortalHome, AppError> {
    use crate::auth;
    let client = auth::portal_client().await?;
    Ok(handoff_server::portal::home(&auth::database(), &client, auth::now_ms()).await?)
}
