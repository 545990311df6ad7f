//! All the SQL of `mail_digest_items`: the lines waiting for a member's
//! next digest, sealed at rest. Written by the write unit's commit (a
//! notice resolved into a digest line), taken whole by the digest sender.

use super::UnlessRead;
use crate::error::{Context, Result};
use crate::secrets;
use handoff::NotifyKind;
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

/// What an unsubscribe link names when it stops a whole digest.
pub(crate) const DIGEST: &str = "digest";

/// A notification waiting for its member's next digest.
#[derive(Clone, Debug)]
pub(crate) struct DigestItem {
    pub workspace_id: i64,
    pub member_id: i64,
    pub client_id: Option<i64>,
    pub kind: NotifyKind,
    pub line: String,
    pub path: String,
    pub dedupe_key: String,
    pub unless_read: Option<UnlessRead>,
}

/// The sealed part of an item: what it says.
#[derive(Serialize, Deserialize)]
struct Sealed {
    line: String,
    path: String,
}

fn context(dedupe_key: &str) -> String {
    format!("digest:{dedupe_key}")
}

/// Writes `item` in the write unit's transaction; a retried write adds
/// nothing (same dedupe key).
pub(crate) async fn add(conn: &mut AnyConnection, item: &DigestItem, now: i64) -> Result<()> {
    let body = serde_json::to_string(&Sealed {
        line: item.line.clone(),
        path: item.path.clone(),
    })
    .context("a digest line")?;
    sqlx::query(
        "INSERT INTO mail_digest_items (workspace_id, member_id, client_id, kind, body, \
         dedupe_key, created_at, read_thread_id, reader, read_past) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (dedupe_key) DO UPDATE SET read_past = excluded.read_past \
         WHERE excluded.read_past IS NOT NULL",
    )
    .bind(item.workspace_id)
    .bind(item.member_id)
    .bind(item.client_id)
    .bind(item.kind.as_str())
    .bind(secrets::seal(&body, &context(&item.dedupe_key))?)
    .bind(&item.dedupe_key)
    .bind(now)
    .bind(item.unless_read.map(|u| u.thread_id))
    .bind(item.unless_read.map(|u| u.reader))
    .bind(item.unless_read.map(|u| u.message_id))
    .execute(conn)
    .await?;
    Ok(())
}

/// Erasing a client: lines naming them go.
pub(crate) async fn erase_client(conn: &mut AnyConnection, client_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM mail_digest_items WHERE client_id = $1")
        .bind(client_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// How many lines wait for a member's next digest.
pub(crate) async fn count(conn: &mut AnyConnection, member_id: i64) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM mail_digest_items WHERE member_id = $1")
            .bind(member_id)
            .fetch_one(conn)
            .await?,
    )
}

/// Every member with waiting lines, and when their oldest was written.
pub(crate) async fn waiting_members(conn: &mut AnyConnection) -> Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT member_id, MIN(created_at) FROM mail_digest_items GROUP BY member_id",
    )
    .fetch_all(conn)
    .await?)
}

#[derive(sqlx::FromRow)]
pub(crate) struct ItemRow {
    pub id: i64,
    pub workspace_id: i64,
    pub body: String,
    pub dedupe_key: String,
    pub read_thread_id: Option<i64>,
    pub reader: Option<i64>,
    pub read_past: Option<i64>,
}

/// Takes a member's lines written before `until`, oldest first. One
/// statement: on PostgreSQL a second server's DELETE waits for this one's
/// commit and then finds nothing (no second digest).
pub(crate) async fn take(
    conn: &mut AnyConnection,
    member_id: i64,
    until: i64,
) -> Result<Vec<ItemRow>> {
    let mut rows: Vec<ItemRow> = sqlx::query_as(
        "DELETE FROM mail_digest_items WHERE member_id = $1 AND created_at < $2 \
         RETURNING id, workspace_id, body, dedupe_key, read_thread_id, reader, read_past",
    )
    .bind(member_id)
    .bind(until)
    .fetch_all(conn)
    .await?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// What a taken line says: its line and its link's path.
pub(crate) fn open(row: &ItemRow) -> Result<(String, String)> {
    let sealed: Sealed =
        serde_json::from_str(&secrets::open(&row.body, &context(&row.dedupe_key))?)
            .corrupt("a digest line")?;
    Ok((sealed.line, sealed.path))
}
