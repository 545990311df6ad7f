//! The outbox and the suppression list: all their SQL.
//! (Preferences own `mail_opt_outs`; the digest owns `mail_digest_items`.)

use super::Outgoing;
use crate::error::{Context, Error, Result};
use crate::{secrets, Database};
use handoff::{DatabaseKind, MailKind};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

/// The sealed part of a message: what it says.
#[derive(Serialize, Deserialize)]
struct Sealed {
    text: String,
    html: String,
    #[serde(default)]
    unsubscribe: Option<String>,
}

fn context(dedupe_key: &str) -> String {
    format!("mail:{dedupe_key}")
}

/// Writes `mail` in the caller's transaction (the write unit's). A message
/// with the same dedupe key already there is kept as it is.
pub(crate) async fn enqueue(conn: &mut AnyConnection, mail: &Outgoing, now: i64) -> Result<()> {
    let body = serde_json::to_string(&Sealed {
        text: mail.text.clone(),
        html: mail.html.clone(),
        unsubscribe: mail.unsubscribe.clone(),
    })
    .context("a message's body")?;
    sqlx::query(
        "INSERT INTO mail_outbox (workspace_id, client_id, kind, recipient, subject, body, \
         dedupe_key, next_attempt_at, created_at, read_thread_id, reader, read_past) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
         ON CONFLICT (dedupe_key) DO UPDATE SET read_past = excluded.read_past \
         WHERE mail_outbox.state = 'waiting' AND excluded.read_past IS NOT NULL",
    )
    .bind(mail.workspace_id)
    .bind(mail.client_id)
    .bind(mail.kind.as_str())
    .bind(&mail.recipient)
    .bind(&mail.subject)
    .bind(secrets::seal(&body, &context(&mail.dedupe_key))?)
    .bind(&mail.dedupe_key)
    .bind(now + mail.delay_ms)
    .bind(now)
    .bind(mail.unless_read.map(|u| u.thread_id))
    .bind(mail.unless_read.map(|u| u.reader))
    .bind(mail.unless_read.map(|u| u.message_id))
    .execute(conn)
    .await?;
    Ok(())
}

/// A message this server has claimed and will try to send now.
#[derive(Debug)]
pub(crate) struct Claimed {
    pub id: i64,
    pub kind: MailKind,
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub unsubscribe: Option<String>,
    /// (thread, reader, newest message): moot once read that far.
    pub unless_read: Option<(i64, i64, i64)>,
    /// Tries so far, this one included.
    pub attempts: i64,
}

#[derive(sqlx::FromRow)]
struct ClaimedRow {
    id: i64,
    kind: String,
    recipient: String,
    subject: String,
    body: Option<String>,
    attempts: i64,
    dedupe_key: String,
    read_thread_id: Option<i64>,
    reader: Option<i64>,
    read_past: Option<i64>,
}

/// Claims up to `limit` due messages until `now + lease_ms`: no other
/// server takes them meanwhile (one statement; PostgreSQL skips rows
/// another server is claiming, and re-checks the conditions on the rows it
/// locks).
pub(crate) async fn claim(
    db: &Database,
    now: i64,
    lease_ms: i64,
    limit: i64,
) -> Result<Vec<Claimed>> {
    let skip_locked = match db.kind() {
        DatabaseKind::Postgres => "FOR UPDATE SKIP LOCKED",
        DatabaseKind::Sqlite => "",
    };
    let rows: Vec<ClaimedRow> = sqlx::query_as(&format!(
        "UPDATE mail_outbox SET claimed_until = $1, attempts = attempts + 1 \
         WHERE state = 'waiting' AND next_attempt_at <= $2 AND claimed_until <= $2 \
         AND id IN (SELECT id FROM mail_outbox WHERE state = 'waiting' \
           AND next_attempt_at <= $2 AND claimed_until <= $2 ORDER BY id LIMIT $3 {skip_locked}) \
         RETURNING id, kind, recipient, subject, body, attempts, dedupe_key, \
           read_thread_id, reader, read_past"
    ))
    .bind(now + lease_ms)
    .bind(now)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    let mut claimed = Vec::with_capacity(rows.len());
    for row in rows {
        let kind = MailKind::parse(&row.kind)
            .ok_or_else(|| Error::corrupt(format!("kind of mail {}", row.id)))?;
        let body = row
            .body
            .ok_or_else(|| Error::corrupt(format!("body of waiting mail {}", row.id)))?;
        let sealed: Sealed =
            serde_json::from_str(&secrets::open(&body, &context(&row.dedupe_key))?)
                .corrupt(format!("body of mail {}", row.id))?;
        claimed.push(Claimed {
            id: row.id,
            kind,
            recipient: row.recipient,
            subject: row.subject,
            text: sealed.text,
            html: sealed.html,
            unsubscribe: sealed.unsubscribe,
            unless_read: match (row.read_thread_id, row.reader, row.read_past) {
                (Some(t), Some(r), Some(m)) => Some((t, r, m)),
                _ => None,
            },
            attempts: row.attempts,
        });
    }
    Ok(claimed)
}

/// Sent: what it said is no longer kept, only who, what kind and when.
pub(crate) async fn mark_sent(db: &Database, id: i64, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE mail_outbox SET state = 'sent', sent_at = $1, body = NULL, claimed_until = 0, \
         last_error = NULL WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// A notification whose reader had already read what it tells of.
pub(crate) async fn mark_read(db: &Database, id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE mail_outbox SET state = 'read', body = NULL, claimed_until = 0 WHERE id = $1",
    )
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// A transient failure: tried again at `at`.
pub(crate) async fn retry_at(db: &Database, id: i64, at: i64, reason: &str) -> Result<()> {
    sqlx::query(
        "UPDATE mail_outbox SET next_attempt_at = $1, claimed_until = 0, last_error = $2 \
         WHERE id = $3",
    )
    .bind(at)
    .bind(reason)
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Given up on. Its body stays until an owner sends it again or the
/// recipient's data is erased.
pub(crate) async fn mark_dead(db: &Database, id: i64, reason: &str) -> Result<()> {
    sqlx::query(
        "UPDATE mail_outbox SET state = 'dead', claimed_until = 0, last_error = $1 WHERE id = $2",
    )
    .bind(reason)
    .bind(id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Nothing more goes to `address` (its server refused it for good).
pub(crate) async fn suppress(db: &Database, address: &str, reason: &str, now: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO mail_suppressed (address, reason, at) VALUES ($1, $2, $3) \
         ON CONFLICT (address) DO NOTHING",
    )
    .bind(address.to_lowercase())
    .bind(reason)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Why `address` is suppressed, if it is.
pub(crate) async fn suppressed(db: &Database, address: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT reason FROM mail_suppressed WHERE address = $1")
            .bind(address.to_lowercase())
            .fetch_optional(db.pool())
            .await?,
    )
}

/// Erasing a client: their mail and their address go.
pub(crate) async fn erase_client(
    conn: &mut AnyConnection,
    client_id: i64,
    address: Option<&str>,
) -> Result<()> {
    sqlx::query("DELETE FROM mail_outbox WHERE client_id = $1")
        .bind(client_id)
        .execute(&mut *conn)
        .await?;
    super::digest_store::erase_client(conn, client_id).await?;
    if let Some(address) = address {
        sqlx::query("DELETE FROM mail_suppressed WHERE address = $1")
            .bind(address.to_lowercase())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
pub(crate) struct ProblemRow {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub next_attempt_at: i64,
}

/// The workspace's mail that failed at least once and is not sent: dead,
/// or waiting to be tried again. Newest first.
pub(crate) async fn problems(db: &Database, workspace_id: i64) -> Result<Vec<ProblemRow>> {
    Ok(sqlx::query_as(
        "SELECT id, kind, recipient, state, attempts, last_error, created_at, next_attempt_at \
         FROM mail_outbox WHERE workspace_id = $1 AND state IN ('waiting', 'dead') AND last_error IS NOT NULL \
         ORDER BY id DESC LIMIT 50",
    )
    .bind(workspace_id)
    .fetch_all(db.pool())
    .await?)
}

/// Messages of the workspace sent since `since`, and waiting now.
pub(crate) async fn counts(db: &Database, workspace_id: i64, since: i64) -> Result<(i64, i64)> {
    let (sent, waiting): (Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT SUM(CASE WHEN state = 'sent' AND sent_at >= $2 THEN 1 ELSE 0 END), \
                SUM(CASE WHEN state = 'waiting' THEN 1 ELSE 0 END) \
         FROM mail_outbox WHERE workspace_id = $1",
    )
    .bind(workspace_id)
    .bind(since)
    .fetch_one(db.pool())
    .await?;
    Ok((sent.unwrap_or(0), waiting.unwrap_or(0)))
}

/// Whether the workspace has message `id`, and whether it is dead.
pub(crate) async fn dead_or_not(
    conn: &mut AnyConnection,
    workspace_id: i64,
    id: i64,
) -> Result<Option<bool>> {
    let state: Option<String> =
        sqlx::query_scalar("SELECT state FROM mail_outbox WHERE id = $1 AND workspace_id = $2")
            .bind(id)
            .bind(workspace_id)
            .fetch_optional(conn)
            .await?;
    Ok(state.map(|s| s == "dead"))
}

/// An owner sends a dead message of their workspace again (its address
/// leaves the suppression list). `false`: no such dead message.
pub(crate) async fn send_again(
    conn: &mut AnyConnection,
    workspace_id: i64,
    id: i64,
    now: i64,
) -> Result<bool> {
    let recipient: Option<String> = sqlx::query_scalar(
        "UPDATE mail_outbox SET state = 'waiting', attempts = 0, next_attempt_at = $1, \
         claimed_until = 0, last_error = NULL \
         WHERE id = $2 AND workspace_id = $3 AND state = 'dead' AND body IS NOT NULL \
         RETURNING recipient",
    )
    .bind(now)
    .bind(id)
    .bind(workspace_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(recipient) = recipient else {
        return Ok(false);
    };
    sqlx::query("DELETE FROM mail_suppressed WHERE address = $1")
        .bind(recipient.to_lowercase())
        .execute(&mut *conn)
        .await?;
    Ok(true)
}

impl crate::unit::Mailed for Outgoing {
    fn write<'a>(
        self: Box<Self>,
        conn: &'a mut AnyConnection,
        now: i64,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<bool>> + Send + 'a>> {
        Box::pin(async move {
            enqueue(conn, &self, now).await?;
            Ok(true)
        })
    }
}
