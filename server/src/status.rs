//! The public health reading. It names no tenant and no person, so it needs
//! no acting member.

use crate::{error::Result, Actor, Database};
use handoff::ServiceStatus;
use std::time::Instant;

#[tracing::instrument(skip_all)]
pub async fn service_status(db: &Database) -> Result<ServiceStatus> {
    let started = Instant::now();
    let schema_version: i64 = sqlx::query_scalar(
        "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success = TRUE",
    )
    .fetch_one(db.pool())
    .await?;
    let round_trip_micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    Ok(ServiceStatus {
        database: db.kind(),
        schema_version,
        round_trip_micros,
    })
}

/// What a caller may read of the health reading: owners the detail;
/// everyone else only that Handoff answered (`None`: up; an error: down).
#[tracing::instrument(skip_all)]
pub async fn reading_for(db: &Database, viewer: Option<&Actor>) -> Result<Option<ServiceStatus>> {
    let status = service_status(db).await?;
    Ok(viewer.filter(|a| a.is_owner()).map(|_| status))
}
