use crate::error::AppError;
use handoff::ServiceStatus;
use leptos::prelude::*;

/// Anyone may ask whether Handoff is up: an answer means up, an error
/// (503) down. Only owners get the detail (engine, schema version, round
/// trip); everyone else gets `None`.
#[server(endpoint = "status")]
pub async fn check_status() -> Result<Option<ServiceStatus>, AppError> {
    use crate::auth;
    let viewer = auth::optional_actor().await?;
    Ok(handoff_server::status::reading_for(&auth::database(), viewer.as_ref()).await?)
}
