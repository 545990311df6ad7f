//! Drafts (R6): the server's copy of what a provider is writing. The
//! browser keeps the first copy; this one lets the draft follow the
//! provider to another device and shows when two tabs or devices wrote at
//! once. A save names the version it started from; a stale one is refused
//! with the stored draft ([`SaveOutcome::Conflict`]), so neither side is
//! ever overwritten (`handoff::draft::next_version`).
//!
//! A provider reaches only their own drafts, and only on their own open
//! tasks (R7): anything else is `NotFound`, as for the task itself.

use crate::caller::Provider;
use crate::error::Context;
use crate::error::{Error, Result};
use crate::task::store;
use crate::Database;
use handoff::draft::{next_version, Draft, DraftContent, DraftKind, Next, SaveOutcome};

type DraftRow = (String, String, String, String, String, i64, i64);

const COLUMNS: &str = "body, achieved, result_value, note, met, version, updated_at";

/// The task must be the provider's own, and open to drafts of this kind
/// (`DraftKind::open_in`).
async fn check_task(
    conn: &mut sqlx::AnyConnection,
    provider: &Provider,
    task_id: i64,
    kind: DraftKind,
) -> Result<()> {
    let task = store::load(conn, provider.workspace_id(), task_id).await?;
    if task.assignee_id != Some(provider.member_id()) || !kind.open_in(task.state) {
        return Err(Error::NotFound);
    }
    Ok(())
}

fn decode(task_id: i64, kind: DraftKind, row: DraftRow) -> Result<Draft> {
    let (body, achieved, result_value, note, met, version, updated_at) = row;
    let met: Vec<usize> =
        serde_json::from_str(&met).corrupt(format!("drafts.met of task {task_id}"))?;
    Ok(Draft {
        task_id,
        kind,
        content: DraftContent {
            body,
            achieved,
            result_value,
            note,
            met,
        },
        version,
        updated_at,
    })
}

async fn stored(
    conn: &mut sqlx::AnyConnection,
    member_id: i64,
    task_id: i64,
    kind: DraftKind,
) -> Result<Option<Draft>> {
    let row: Option<DraftRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM drafts WHERE member_id = $1 AND task_id = $2 AND kind = $3"
    ))
    .bind(member_id)
    .bind(task_id)
    .bind(kind.as_str())
    .fetch_optional(conn)
    .await?;
    row.map(|r| decode(task_id, kind, r)).transpose()
}

/// Providers: saves a draft of their own open task, based on `base_version`
/// (0 when the browser's text did not start from a server copy). Answers
/// the new version, or the stored draft when the base is stale.
#[tracing::instrument(skip(db, content), fields(member = provider.member_id()))]
pub async fn save_draft(
    db: &Database,
    provider: &Provider,
    task_id: i64,
    kind: DraftKind,
    content: &DraftContent,
    base_version: i64,
    now: i64,
) -> Result<SaveOutcome> {
    content
        .validate(kind)
        .map_err(|e| Error::Invalid(vec![e]))?;
    let met = serde_json::to_string(&content.met).context("writing a draft's ticks")?;
    let mut tx = db.write(provider, now).await?;
    check_task(&mut tx, provider, task_id, kind).await?;
    let member = provider.member_id();
    let current = stored(&mut tx, member, task_id, kind).await?;
    let version = match next_version(
        current.as_ref().map(|d| (&d.content, d.version)),
        base_version,
        content,
    ) {
        Next::Write(v) => v,
        Next::Unchanged(version) => {
            let updated_at = current.map_or(now, |d| d.updated_at);
            return Ok(SaveOutcome::Saved {
                version,
                updated_at,
            });
        }
        Next::Conflict => {
            let server = current.ok_or_else(|| Error::internal("conflict without a draft"))?;
            return Ok(SaveOutcome::Conflict { server });
        }
    };
    // The write itself is guarded too: on PostgreSQL two saves from the
    // same base can both read the old row; the second then matches no row
    // (or hits the unique key) and is answered as a conflict.
    let written = if current.is_some() {
        sqlx::query(
            "UPDATE drafts SET body = $1, achieved = $2, result_value = $3, note = $4, met = $5, \
             version = $6, updated_at = $7 \
             WHERE member_id = $8 AND task_id = $9 AND kind = $10 AND version = $11",
        )
        .bind(&content.body)
        .bind(&content.achieved)
        .bind(&content.result_value)
        .bind(&content.note)
        .bind(&met)
        .bind(version)
        .bind(now)
        .bind(member)
        .bind(task_id)
        .bind(kind.as_str())
        .bind(base_version)
        .execute(&mut *tx)
        .await?
        .rows_affected()
    } else {
        sqlx::query(
            "INSERT INTO drafts (member_id, task_id, kind, body, achieved, result_value, note, met, \
             version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
             ON CONFLICT (member_id, task_id, kind) DO NOTHING",
        )
        .bind(member)
        .bind(task_id)
        .bind(kind.as_str())
        .bind(&content.body)
        .bind(&content.achieved)
        .bind(&content.result_value)
        .bind(&content.note)
        .bind(&met)
        .bind(version)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected()
    };
    if written == 0 {
        let server = stored(&mut tx, member, task_id, kind)
            .await?
            .ok_or(Error::Conflict(0))?;
        return Ok(SaveOutcome::Conflict { server });
    }
    tx.commit().await?;
    Ok(SaveOutcome::Saved {
        version,
        updated_at: now,
    })
}

/// Providers: their stored draft of one of their open tasks, if any.
#[tracing::instrument(skip(db), fields(member = provider.member_id()))]
pub async fn load_draft(
    db: &Database,
    provider: &Provider,
    task_id: i64,
    kind: DraftKind,
) -> Result<Option<Draft>> {
    let mut conn = db.pool().acquire().await?;
    check_task(&mut conn, provider, task_id, kind).await?;
    stored(&mut conn, provider.member_id(), task_id, kind).await
}

/// Providers: drops their draft, if it is still the `version` they saw (a
/// newer one written elsewhere is a conflict and stays).
#[tracing::instrument(skip(db), fields(member = provider.member_id()))]
pub async fn discard_draft(
    db: &Database,
    provider: &Provider,
    task_id: i64,
    kind: DraftKind,
    version: i64,
) -> Result<()> {
    let mut tx = db.write(provider, 0).await?;
    check_task(&mut tx, provider, task_id, kind).await?;
    if let Some(d) = stored(&mut tx, provider.member_id(), task_id, kind).await? {
        if d.version != version {
            return Err(Error::Conflict(d.version));
        }
        delete(&mut tx, provider.member_id(), task_id, kind).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Inside a transaction: removes a draft whatever its version (the action
/// it was the draft of has just been done).
pub(crate) async fn delete(
    conn: &mut sqlx::AnyConnection,
    member_id: i64,
    task_id: i64,
    kind: DraftKind,
) -> Result<()> {
    sqlx::query("DELETE FROM drafts WHERE member_id = $1 AND task_id = $2 AND kind = $3")
        .bind(member_id)
        .bind(task_id)
        .bind(kind.as_str())
        .execute(conn)
        .await?;
    Ok(())
}

/// Inside a transaction: removes a message's draft once that message was
/// sent, if the draft still holds the text sent (a newer draft typed after
/// it was queued stays).
pub(crate) async fn delete_sent(
    conn: &mut sqlx::AnyConnection,
    member_id: i64,
    task_id: i64,
    kind: DraftKind,
    sent: &str,
) -> Result<()> {
    sqlx::query(
        "DELETE FROM drafts WHERE member_id = $1 AND task_id = $2 AND kind = $3 AND body = $4",
    )
    .bind(member_id)
    .bind(task_id)
    .bind(kind.as_str())
    .bind(sent)
    .execute(conn)
    .await?;
    Ok(())
}

/// Erasure: deletes every draft of the workspace that mentions one of the
/// client's values (what redaction with those values would change). A
/// draft is the provider's unsent words: deleting it, rather than keeping
/// a scrubbed copy the provider never wrote, is what the issue asks.
pub(crate) async fn erase_mentioning(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    secrets: &handoff::redaction::Secrets,
) -> Result<u64> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT id, body, result_value, note FROM drafts WHERE task_id IN \
         (SELECT id FROM tasks WHERE workspace_id = $1)",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut deleted = 0;
    for (id, body, result_value, note) in rows {
        let mentions = [body, result_value, note]
            .iter()
            .any(|t| handoff::redaction::redact(t, secrets).text != *t);
        if mentions {
            sqlx::query("DELETE FROM drafts WHERE id = $1")
                .bind(id)
                .execute(&mut *conn)
                .await?;
            deleted += 1;
        }
    }
    Ok(deleted)
}
