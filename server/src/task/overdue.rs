//! Owners hear once when a task passes its due time without being handed
//! in (the same "overdue" as the home page's list: open, not submitted, due
//! before now). A new due time tells them again. Every app server looks;
//! the `overdue_told_at IS NULL` guard makes each task told once.

use crate::error::Result;
use crate::mail::notify::Notice;
use crate::unit::Nobody;
use crate::Database;
use handoff::NotifyKind;

/// Tasks looked at in one pass.
const BATCH: i64 = 100;

/// Tells the owners of every task that became overdue since the last look;
/// returns how many were told.
#[tracing::instrument(skip_all)]
pub async fn tell_overdue(db: &Database, now: i64) -> Result<usize> {
    let due: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, workspace_id FROM tasks WHERE closed = 0 AND overdue_told_at IS NULL \
         AND due_sort < $1 AND state <> 'submitted' ORDER BY due_sort LIMIT $2",
    )
    .bind(now)
    .bind(BATCH)
    .fetch_all(db.pool())
    .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let mut unit = db.write(&Nobody, now).await?;
    let mut told = 0;
    for (task_id, workspace_id) in due {
        let claimed = sqlx::query(
            "UPDATE tasks SET overdue_told_at = $1 WHERE id = $2 AND overdue_told_at IS NULL",
        )
        .bind(now)
        .bind(task_id)
        .execute(&mut *unit)
        .await?
        .rows_affected();
        if claimed == 1 {
            told += 1;
            unit.notify(Notice::Owners {
                workspace_id,
                kind: NotifyKind::TaskOverdue,
                by: None,
                task_id: Some(task_id),
                client_id: None,
                seen: None,
            });
        }
    }
    unit.commit().await?;
    Ok(told)
}
