use crate::error::AppError;
use handoff::{AuditFilter, AuditPage};
use leptos::prelude::*;

/// Owners: a page of the audit log, filtered.
#[server(endpoint = "load_audit")]
pub async fn load_audit(filter: AuditFilter, page: u32) -> Result<AuditPage, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(handoff_server::audit::page(&auth::database(), &owner, &filter, page).await?)
}
