//! The work of the grown workspace: disclosures, team threads with their
//! messages, and the audit log.

use super::{count, insert_chunked, Size, CHUNK};
use crate::bulk::Column;
use crate::error::Result;
use crate::Database;
use serde_json::{json, Value};

/// Disclosures of the open tasks, a team thread per task with its share of
/// the messages, and the audit events.
pub(super) async fn grow(
    db: &Database,
    ws: i64,
    owner_id: i64,
    size: &Size,
    now: i64,
) -> Result<()> {
    use Column::{Int, Text};
    let bare: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT t.id, t.client_id FROM tasks t WHERE t.workspace_id = $1 AND t.closed = 0 \
         AND t.client_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM task_disclosures d WHERE d.task_id = t.id)",
    )
    .bind(ws)
    .fetch_all(db.pool())
    .await?;
    let rows: Vec<Value> = bare
        .iter()
        .map(|(task, _)| json!({"task_id": task, "field_key": "notes", "created_at": now}))
        .collect();
    insert_chunked(
        db,
        "task_disclosures",
        &[Int("task_id"), Text("field_key"), Int("created_at")],
        rows,
    )
    .await?;

    let threadless: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT t.id, t.assignee_id FROM tasks t WHERE t.workspace_id = $1 \
         AND NOT EXISTS (SELECT 1 FROM threads h WHERE h.task_id = t.id) ORDER BY t.id",
    )
    .bind(ws)
    .fetch_all(db.pool())
    .await?;
    let rows: Vec<Value> = threadless
        .iter()
        .map(|(task, _)| json!({"workspace_id": ws, "task_id": task}))
        .collect();
    insert_chunked(db, "threads", &[Int("workspace_id"), Int("task_id")], rows).await?;
    let have = count(db, "SELECT COUNT(*) FROM thread_messages m JOIN threads h ON h.id = m.thread_id WHERE h.workspace_id = $1", ws).await?;
    let threads: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT h.id, t.assignee_id FROM threads h JOIN tasks t ON t.id = h.task_id \
         WHERE h.workspace_id = $1 AND t.assignee_id IS NOT NULL ORDER BY h.id",
    )
    .bind(ws)
    .fetch_all(db.pool())
    .await?;
    let mut rows = Vec::new();
    for i in have..size.messages.max(have) {
        let (thread, provider) = threads[i % threads.len().max(1)];
        let owners = i % 2 == 0;
        rows.push(json!({"thread_id": thread, "side": if owners { "owners" } else { "provider" },
            "author_id": if owners { owner_id } else { provider },
            "body": if owners { "Thanks — could you confirm the time with them today?" } else { "Done, they confirmed 10:30 on Tuesday." },
            "created_at": now - (size.messages - i) as i64 * 1_000}));
        if rows.len() == CHUNK * 5 {
            insert_chunked(
                db,
                "thread_messages",
                &[
                    Int("thread_id"),
                    Text("side"),
                    Int("author_id"),
                    Text("body"),
                    Int("created_at"),
                ],
                std::mem::take(&mut rows),
            )
            .await?;
        }
    }
    insert_chunked(
        db,
        "thread_messages",
        &[
            Int("thread_id"),
            Text("side"),
            Int("author_id"),
            Text("body"),
            Int("created_at"),
        ],
        rows,
    )
    .await?;

    let have = count(
        db,
        "SELECT COUNT(*) FROM audit_events WHERE workspace_id = $1",
        ws,
    )
    .await?;
    let rows: Vec<Value> = (have..size.audit_events.max(have))
        .map(|i| {
            let (task, provider) = threadless
                .get(i % threadless.len().max(1))
                .copied()
                .unwrap_or((0, None));
            let provider = provider.unwrap_or(owner_id);
            json!({"workspace_id": ws, "at": now - (size.audit_events - i) as i64 * 60_000,
                "member_id": provider, "action": "disclosed_shown",
                "task_id": (task > 0).then_some(task), "detail": "Notes"})
        })
        .collect();
    insert_chunked(
        db,
        "audit_events",
        &[
            Int("workspace_id"),
            Int("at"),
            Int("member_id"),
            Text("action"),
            Int("task_id"),
            Text("detail"),
        ],
        rows,
    )
    .await
}
