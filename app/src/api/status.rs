use crate::error::AppError;
use handoff::ServiceStatus;
use leptos::prelude::*;

/// Anyone may read it: it names no tenant and no person.
#[server(endpoint = "status")]
pub async fn check_status() -> Result<ServiceStatus, AppError> {
    let db = expect_context::<handoff_server::Database>();
    Ok(handoff_server::status::service_status(&db).await?)
}
