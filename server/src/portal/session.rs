//! Portal sessions: a link exchanged for a session of its own (apart from
//! members' sessions), the portal's door, and signing out.

use crate::caller::PortalClient;
use crate::error::{Error, Result};
use crate::session::{new_token, token_hash};
use crate::throttle;
use crate::unit::Entry;
use crate::unit::Nobody;
use crate::Database;
use handoff::AuditAction;

use super::{PortalSession, MAX_EXCHANGES_PER_ADDRESS, SESSION_MS};

/// A portal session not used for this long ends, as a member's does.
pub const IDLE_MS: i64 = crate::session::IDLE_MS;
/// How often a session's last use is written (not on every request).
const TOUCH_EVERY_MS: i64 = 60 * 1000;

pub(super) async fn end_sessions(conn: &mut sqlx::AnyConnection, client_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM portal_sessions WHERE client_id = $1")
        .bind(client_id)
        .execute(conn)
        .await?;
    Ok(())
}

fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A client's link token becomes a portal session. Every attempt is
/// counted per address before the token is looked at, successes too: a
/// link that works is not a way to make sessions (and audit rows) without
/// end. Unknown, revoked and expired links get the same refusal.
#[tracing::instrument(skip(db, token))]
pub async fn exchange(
    db: &Database,
    token: &str,
    address: &str,
    now: i64,
) -> Result<PortalSession> {
    exchange_or_resume(db, token, None, address, now).await
}

/// As [`exchange`], but a browser that already holds a live portal session
/// of the link's own client (`current`, its cookie) keeps that session: a
/// client who opens their link again makes no new session.
#[tracing::instrument(skip(db, token, current))]
pub async fn exchange_or_resume(
    db: &Database,
    token: &str,
    current: Option<&str>,
    address: &str,
    now: i64,
) -> Result<PortalSession> {
    let keys = [(format!("portal:{address}"), MAX_EXCHANGES_PER_ADDRESS)];
    throttle::count_attempt(db, &keys, now).await?;
    if !well_formed(token) {
        return Err(Error::LinkNoLongerWorks);
    }
    let mut tx = db.write(&Nobody, now).await?;
    // PostgreSQL: the link's row is locked, so a revocation or a new link
    // either comes before (and this finds no live link) or waits for this
    // session and ends it. (SQLite's write transaction excludes them.)
    let lock = if db.kind() == handoff::DatabaseKind::Postgres {
        " FOR UPDATE OF l"
    } else {
        ""
    };
    let link: Option<(i64, i64)> = sqlx::query_as(&format!(
        "SELECT l.client_id, l.workspace_id FROM portal_links l JOIN clients c ON c.id = l.client_id \
         WHERE l.token_hash = $1 AND l.revoked_at IS NULL AND l.expires_at > $2 \
         AND c.erased_at IS NULL{lock}"
    ))
    .bind(token_hash(token))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((client_id, workspace_id)) = link else {
        return Err(Error::LinkNoLongerWorks);
    };
    if let Some(current) = current.filter(|t| well_formed(t)) {
        let live: Option<i64> = sqlx::query_scalar(
            "SELECT expires_at FROM portal_sessions WHERE token_hash = $1 AND client_id = $2 \
             AND expires_at > $3 AND last_seen_at > $4",
        )
        .bind(token_hash(current))
        .bind(client_id)
        .bind(now)
        .bind(now - IDLE_MS)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(expires_at) = live {
            sqlx::query("UPDATE portal_links SET last_opened_at = $1 WHERE client_id = $2")
                .bind(now)
                .bind(client_id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            return Ok(PortalSession {
                token: current.to_string(),
                expires_at,
            });
        }
    }
    sqlx::query("UPDATE portal_links SET last_opened_at = $1 WHERE client_id = $2")
        .bind(now)
        .bind(client_id)
        .execute(&mut *tx)
        .await?;
    let session = new_token();
    let expires_at = now + SESSION_MS;
    sqlx::query(
        "INSERT INTO portal_sessions (token_hash, client_id, workspace_id, created_at, \
         last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)",
    )
    .bind(token_hash(&session))
    .bind(client_id)
    .bind(workspace_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    tx.audit_as(Entry {
        workspace_id,
        member_id: None,
        action: AuditAction::PortalSignIn,
        client_id: Some(client_id),
        task_id: None,
        detail: "through the private link",
    });
    tx.commit().await?;
    Ok(PortalSession {
        token: session,
        expires_at,
    })
}

/// The portal's door: who holds this portal session token, if the session
/// is live: not past its end, used within the idle time, and made after
/// the client's link that is live now (a session that raced a revocation
/// or a new link ends with it). A dead one is removed on sight.
pub(crate) async fn authenticate(
    db: &Database,
    token: &str,
    now: i64,
) -> Result<Option<PortalClient>> {
    if !well_formed(token) {
        return Ok(None);
    }
    let hash = token_hash(token);
    let Some((client_id, workspace_id, last_seen_at, live)) = lookup(db, &hash, now).await? else {
        return Ok(None);
    };
    if !live {
        sqlx::query("DELETE FROM portal_sessions WHERE token_hash = $1")
            .bind(&hash)
            .execute(db.pool())
            .await?;
        return Ok(None);
    }
    if now - last_seen_at >= TOUCH_EVERY_MS {
        sqlx::query("UPDATE portal_sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(db.pool())
            .await?;
    }
    Ok(Some(PortalClient {
        client_id,
        workspace_id,
        token_hash: hash,
    }))
}

/// Whether this portal session is still live, without counting as a use:
/// an open event stream checks it now and then, and must not keep an
/// unused portal open past its idle time.
#[tracing::instrument(skip_all)]
pub async fn still_live(db: &Database, token: &str, now: i64) -> Result<bool> {
    if !well_formed(token) {
        return Ok(false);
    }
    Ok(lookup(db, &token_hash(token), now)
        .await?
        .is_some_and(|(_, _, _, live)| live))
}

/// The session's client, workspace and last use, and whether it is live.
async fn lookup(db: &Database, hash: &str, now: i64) -> Result<Option<(i64, i64, i64, bool)>> {
    let row: Option<(i64, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT s.client_id, s.workspace_id, s.expires_at, s.last_seen_at, \
                CASE WHEN l.client_id IS NULL THEN 0 ELSE 1 END \
         FROM portal_sessions s JOIN clients c ON c.id = s.client_id \
         LEFT JOIN portal_links l ON l.client_id = s.client_id AND l.revoked_at IS NULL \
              AND l.expires_at > $2 AND l.created_at <= s.created_at \
         WHERE s.token_hash = $1 AND c.erased_at IS NULL",
    )
    .bind(hash)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(
        row.map(|(client, workspace, expires_at, last_seen_at, link_live)| {
            let live = now < expires_at && now - last_seen_at < IDLE_MS && link_live == 1;
            (client, workspace, last_seen_at, live)
        }),
    )
}

/// Ends this portal session.
#[tracing::instrument(skip_all)]
pub async fn sign_out(db: &Database, client: &PortalClient) -> Result<()> {
    sqlx::query("DELETE FROM portal_sessions WHERE token_hash = $1")
        .bind(&client.token_hash)
        .execute(db.pool())
        .await?;
    Ok(())
}
