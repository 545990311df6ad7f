//! The relay's counts and marks that other features ask for (the
//! navigation's badges, a provider's read mark). The rest of
//! `relay_requests`' SQL is in this module's use cases.

use crate::error::Result;

/// Requests waiting for an owner's decision.
pub(crate) async fn pending_count(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM relay_requests WHERE workspace_id = $1 AND state = 'pending'",
    )
    .bind(workspace_id)
    .fetch_one(conn)
    .await?)
}

/// A provider's requests returned to them and not yet seen.
pub(crate) async fn returned_unseen_count(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    provider_id: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM relay_requests WHERE workspace_id = $1 AND provider_id = $2 \
         AND state = 'returned' AND provider_seen_at IS NULL",
    )
    .bind(workspace_id)
    .bind(provider_id)
    .fetch_one(conn)
    .await?)
}

/// The provider has seen the decisions on their requests about a task.
pub(crate) async fn mark_decisions_seen(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
    provider_id: i64,
    at: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE relay_requests SET provider_seen_at = $1 WHERE task_id = $2 \
         AND provider_id = $3 AND state <> 'pending' AND provider_seen_at IS NULL",
    )
    .bind(at)
    .bind(task_id)
    .bind(provider_id)
    .execute(conn)
    .await?;
    Ok(())
}
