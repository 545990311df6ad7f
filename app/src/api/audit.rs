//! The audit log and the service's status.

use crate::error::AppError;
use handoff::ServiceStatus;
use handoff::{AuditFilter, AuditPage};
use leptos::prelude::*;

/// Owners: a page of the audit log, filtered.
#[server(endpoint = "load_audit")]
pub async fn load_audit(filter: AuditFilter, page: u32) -> Result<AuditPage, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(handoff_server::audit::page(&auth::database(), &owner, &filter, page).await?)
}

/// Anyone may ask whether Handoff is up: an answer means up, an error
/// (503) down. Only owners get the detail (engine, schema version, round
/// trip); everyone else gets `None`.
#[server(endpoint = "status")]
pub async fn check_status() -> Result<Option<ServiceStatus>, AppError> {
    use crate::auth;
    let viewer = auth::optional_actor().await?;
    Ok(handoff_server::status::reading_for(&auth::database(), viewer.as_ref()).await?)
}
