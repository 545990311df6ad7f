//! The `audit_events` table's writes: only the write unit records, at its
//! commit (`server/tests/source.rs` checks it).

use crate::error::Result;
use handoff::AuditAction;

/// What one event records. `detail` names fields, never their values.
pub(crate) struct Entry<'a> {
    pub workspace_id: i64,
    pub member_id: Option<i64>,
    pub action: AuditAction,
    pub client_id: Option<i64>,
    pub task_id: Option<i64>,
    pub detail: &'a str,
}

pub(crate) async fn record(
    conn: &mut sqlx::AnyConnection,
    entry: Entry<'_>,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_events (workspace_id, at, member_id, action, client_id, task_id, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(entry.workspace_id)
    .bind(now)
    .bind(entry.member_id)
    .bind(entry.action.as_str())
    .bind(entry.client_id)
    .bind(entry.task_id)
    .bind(entry.detail)
    .execute(conn)
    .await?;
    Ok(())
}
