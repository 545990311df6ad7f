//! Demo data for a first look: seeded by the run command into an empty
//! database, never into one that already holds a workspace.

use crate::{error::Result, Database};
use handoff::{CurrencyCode, WorkspaceName};

pub const DEMO_WORKSPACE: &str = "Bright Path Therapy";
pub const DEMO_TIME_ZONE: &str = "America/New_York";
pub const DEMO_CURRENCY: &str = "USD";

/// Seeds the demo workspace when the database has no workspace at all.
/// Returns whether it seeded. Running it twice, or from two servers at once,
/// seeds once: the check and the insert share one write transaction.
pub async fn seed_if_empty(db: &Database, now_ms: i64) -> Result<bool> {
    let name = WorkspaceName::parse(DEMO_WORKSPACE).map_err(invalid)?;
    let currency = CurrencyCode::parse(DEMO_CURRENCY).map_err(invalid)?;

    let mut tx = db.begin_write().await?;
    if db.kind() == handoff::DatabaseKind::Postgres {
        // Two app servers starting together must not both see "empty".
        sqlx::query("LOCK TABLE workspaces IN EXCLUSIVE MODE")
            .execute(&mut *tx)
            .await?;
    }
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM workspaces")
        .fetch_one(&mut *tx)
        .await?;
    if existing > 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO workspaces (name, time_zone, currency, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(name.as_str())
    .bind(DEMO_TIME_ZONE)
    .bind(currency.as_str())
    .bind(now_ms)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The names of all workspaces, oldest first. For tests and operators only:
/// no web request reaches it.
pub async fn workspace_names(db: &Database) -> Result<Vec<String>> {
    Ok(
        sqlx::query_scalar("SELECT name FROM workspaces ORDER BY id")
            .fetch_all(db.pool())
            .await?,
    )
}

fn invalid(e: handoff::WorkspaceError) -> crate::Error {
    crate::Error::Invalid(e.to_string())
}
