//! The SQL of threads, messages and read cursors. Rows are decoded
//! strictly: a bad side or bad flags are `Error::Corrupt`.

use crate::error::Context;
use crate::error::{Error, Result};
use handoff::solicitation::Solicitation;
use handoff::thread::{Side, ThreadRef};

/// The thread's id, if it was ever written to.
pub(crate) async fn find(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    thread: ThreadRef,
) -> Result<Option<i64>> {
    let (column, id) = key(thread);
    Ok(sqlx::query_scalar(&format!(
        "SELECT id FROM threads WHERE {column} = $1 AND workspace_id = $2"
    ))
    .bind(id)
    .bind(workspace_id)
    .fetch_optional(conn)
    .await?)
}

fn key(thread: ThreadRef) -> (&'static str, i64) {
    match thread {
        ThreadRef::Team { task_id } => ("task_id", task_id),
        ThreadRef::Client { client_id } => ("client_id", client_id),
    }
}

/// The thread's id, made on first use. The caller has checked that the
/// task or client is of the workspace.
pub(crate) async fn ensure(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    thread: ThreadRef,
) -> Result<i64> {
    let (column, id) = key(thread);
    sqlx::query(&format!(
        "INSERT INTO threads (workspace_id, {column}) VALUES ($1, $2) \
         ON CONFLICT ({column}) DO NOTHING"
    ))
    .bind(workspace_id)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    find(conn, workspace_id, thread)
        .await?
        .ok_or_else(|| Error::internal("a thread just made is missing"))
}

pub(crate) struct NewMessage<'a> {
    pub thread_id: i64,
    pub side: Side,
    pub author_id: Option<i64>,
    pub body: &'a str,
    pub flags: &'a [Solicitation],
    pub forwarded_from: Option<i64>,
    pub contact_approved: bool,
}

pub(crate) fn flags_json(flags: &[Solicitation]) -> Result<String> {
    serde_json::to_string(flags).context("writing a message's flags")
}

pub(crate) fn parse_flags(raw: &str, what: &str) -> Result<Vec<Solicitation>> {
    serde_json::from_str(raw).corrupt(format!("flags of {what}"))
}

/// Adds a message, and answers every message of the other side that was
/// waiting for an answer: their reply time is now (for the scorecards).
pub(crate) async fn insert(
    conn: &mut sqlx::AnyConnection,
    m: NewMessage<'_>,
    now: i64,
) -> Result<i64> {
    sqlx::query(
        "UPDATE thread_messages SET answered_at = $1, reply_ms = $1 - created_at \
         WHERE thread_id = $2 AND side <> $3 AND answered_at IS NULL",
    )
    .bind(now)
    .bind(m.thread_id)
    .bind(m.side.as_str())
    .execute(&mut *conn)
    .await?;
    let id: i64 = sqlx::query_scalar(
        // `provider_id`: the task's provider as the message is written (none
        // in a client thread), so a later provider does not read it.
        "INSERT INTO thread_messages (thread_id, side, author_id, body, flags, forwarded_from, \
         contact_approved, created_at, provider_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
         (SELECT k.assignee_id FROM threads t JOIN tasks k ON k.id = t.task_id WHERE t.id = $1)) \
         RETURNING id",
    )
    .bind(m.thread_id)
    .bind(m.side.as_str())
    .bind(m.author_id)
    .bind(m.body)
    .bind(flags_json(m.flags)?)
    .bind(m.forwarded_from)
    .bind(i64::from(m.contact_approved))
    .bind(now)
    .fetch_one(conn)
    .await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: i64,
    side: String,
    author_name: Option<String>,
    body: String,
    flags: String,
    forwarded_from: Option<i64>,
    contact_approved: i64,
    created_at: i64,
    reply_ms: Option<i64>,
    relay_id: Option<i64>,
}

/// A stored message, decoded. Not `Serialize`: it holds raw text.
pub(crate) struct Message {
    pub id: i64,
    pub side: Side,
    pub author_name: Option<String>,
    pub body: String,
    pub flags: Vec<Solicitation>,
    pub forwarded_from: Option<i64>,
    pub contact_approved: bool,
    pub created_at: i64,
    pub reply_ms: Option<i64>,
    pub relay_id: Option<i64>,
}

const MESSAGE_SELECT: &str =
    "SELECT m.id, m.side, a.display_name AS author_name, m.body, m.flags, \
     m.forwarded_from, m.contact_approved, m.created_at, m.reply_ms, r.id AS relay_id \
     FROM thread_messages m LEFT JOIN members a ON a.id = m.author_id \
     LEFT JOIN relay_requests r ON r.message_id = m.id";

fn decode(r: MessageRow) -> Result<Message> {
    let side =
        Side::parse(&r.side).ok_or_else(|| Error::corrupt(format!("side of message {}", r.id)))?;
    let flags = parse_flags(&r.flags, &format!("message {}", r.id))?;
    Ok(Message {
        id: r.id,
        side,
        author_name: r.author_name,
        body: r.body,
        flags,
        forwarded_from: r.forwarded_from,
        contact_approved: r.contact_approved == 1,
        created_at: r.created_at,
        reply_ms: r.reply_ms,
        relay_id: r.relay_id,
    })
}

/// Every message of a thread, oldest first.
pub(crate) async fn messages(
    conn: &mut sqlx::AnyConnection,
    thread_id: i64,
) -> Result<Vec<Message>> {
    let rows: Vec<MessageRow> = sqlx::query_as(&format!(
        "{MESSAGE_SELECT} WHERE m.thread_id = $1 ORDER BY m.id"
    ))
    .bind(thread_id)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(decode).collect()
}

/// The messages of a team thread that `provider_id` may read, oldest
/// first: those written while they had the task, and owners' notes from
/// while it had no provider.
pub(crate) async fn provider_messages(
    conn: &mut sqlx::AnyConnection,
    thread_id: i64,
    provider_id: i64,
) -> Result<Vec<Message>> {
    let rows: Vec<MessageRow> = sqlx::query_as(&format!(
        "{MESSAGE_SELECT} WHERE m.thread_id = $1 AND {READ_BY_PROVIDER} ORDER BY m.id"
    ))
    .bind(thread_id)
    .bind(provider_id)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(decode).collect()
}

/// The messages (`m`) provider `$2` may read of a team thread.
pub(crate) const READ_BY_PROVIDER: &str =
    "(m.provider_id = $2 OR (m.provider_id IS NULL AND m.side = 'owners'))";

/// One message and the thread it is in, within a workspace.
pub(crate) async fn message(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    message_id: i64,
) -> Result<(Message, ThreadRef)> {
    let row: Option<(i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "SELECT t.id, t.task_id, t.client_id FROM thread_messages m JOIN threads t ON t.id = m.thread_id \
         WHERE m.id = $1 AND t.workspace_id = $2",
    )
    .bind(message_id)
    .bind(workspace_id)
    .fetch_optional(&mut *conn)
    .await?;
    let thread = match row.ok_or(Error::NotFound)? {
        (_, Some(task_id), None) => ThreadRef::Team { task_id },
        (_, None, Some(client_id)) => ThreadRef::Client { client_id },
        (id, _, _) => return Err(Error::corrupt(format!("thread {id}"))),
    };
    let row: MessageRow = sqlx::query_as(&format!("{MESSAGE_SELECT} WHERE m.id = $1"))
        .bind(message_id)
        .fetch_one(conn)
        .await?;
    Ok((decode(row)?, thread))
}

/// How far `reader` (a member's id, or 0 for the thread's client) has read.
pub(crate) async fn last_read(
    conn: &mut sqlx::AnyConnection,
    thread_id: Option<i64>,
    reader: i64,
) -> Result<i64> {
    let Some(thread_id) = thread_id else {
        return Ok(0);
    };
    Ok(sqlx::query_scalar(
        "SELECT last_read_id FROM read_cursors WHERE thread_id = $1 AND member_id = $2",
    )
    .bind(thread_id)
    .bind(reader)
    .fetch_optional(conn)
    .await?
    .unwrap_or(0))
}

/// Moves the reader's cursor forward to `up_to` (never back, never past
/// the thread's last message).
pub(crate) async fn mark_read(
    conn: &mut sqlx::AnyConnection,
    thread_id: i64,
    reader: i64,
    up_to: i64,
) -> Result<()> {
    let last: Option<i64> =
        sqlx::query_scalar("SELECT MAX(id) FROM thread_messages WHERE thread_id = $1")
            .bind(thread_id)
            .fetch_one(&mut *conn)
            .await?;
    let up_to = up_to.min(last.unwrap_or(0));
    if up_to <= 0 {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO read_cursors (thread_id, member_id, last_read_id) VALUES ($1, $2, $3) \
         ON CONFLICT (thread_id, member_id) DO UPDATE SET last_read_id = \
           CASE WHEN read_cursors.last_read_id < excluded.last_read_id \
                THEN excluded.last_read_id ELSE read_cursors.last_read_id END",
    )
    .bind(thread_id)
    .bind(reader)
    .bind(up_to)
    .execute(conn)
    .await?;
    Ok(())
}

/// After an erasure rewrote texts, the flags of the workspace's flagged
/// messages are computed again so their spans point into the text as it
/// now is.
pub(crate) async fn refresh_flags(conn: &mut sqlx::AnyConnection, workspace_id: i64) -> Result<()> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT m.id, m.body FROM thread_messages m JOIN threads t ON t.id = m.thread_id \
         WHERE t.workspace_id = $1 AND m.flags <> '[]'",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?;
    for (id, body) in rows {
        sqlx::query("UPDATE thread_messages SET flags = $1 WHERE id = $2")
            .bind(flags_json(&handoff::solicitation::flags(&body))?)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
