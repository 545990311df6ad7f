//! Sessions live in the database, so any app server can serve any request.
//! The browser holds a random token; the table holds only its SHA-256.

use crate::error::Result;
use crate::{Actor, Database};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use handoff::Role;
use sha2::{Digest, Sha256};

/// A session unused this long ends (NIST SP 800-63B AAL2: 30 minutes).
pub const IDLE_MS: i64 = 30 * 60 * 1000;
/// A session ends this long after sign-in, however busy (AAL2: 12 hours).
pub const ABSOLUTE_MS: i64 = 12 * 60 * 60 * 1000;
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY_MS: i64 = 60 * 1000;

/// A session just opened: the token goes into the cookie, once.
#[derive(Debug)]
pub struct NewSession {
    pub token: String,
    pub actor: Actor,
}

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Opens a session for a member inside the caller's write transaction.
/// `sign_in` says how they signed in, for the audit log (R8); a session
/// that replaces one (after a password change) passes `None`.
pub(crate) async fn open(
    tx: &mut crate::unit::Unit<'_>,
    member_id: i64,
    workspace_id: i64,
    role: Role,
    sign_in: Option<&str>,
    now: i64,
) -> Result<NewSession> {
    if let Some(how) = sign_in {
        tx.audit_as(crate::unit::Entry {
            workspace_id,
            member_id: Some(member_id),
            action: handoff::AuditAction::SignIn,
            client_id: None,
            task_id: None,
            detail: how,
        });
    }
    let token = new_token();
    let hash = token_hash(&token);
    sqlx::query(
        "INSERT INTO sessions (token_hash, member_id, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(&hash)
    .bind(member_id)
    .bind(now)
    .bind(now + ABSOLUTE_MS)
    .execute(&mut **tx)
    .await?;
    Ok(NewSession {
        token,
        actor: Actor {
            member_id,
            workspace_id,
            role,
            token_hash: hash,
            needs_two_factor_setup: false,
        },
    })
}

/// The one door: who holds this token, if the session is live and the
/// member still active. An expired session is removed on sight.
#[tracing::instrument(skip_all)]
pub async fn authenticate(db: &Database, token: &str, now: i64) -> Result<Option<Actor>> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let hash = token_hash(token);
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT m.id AS member_id, m.workspace_id, m.role, s.last_seen_at, s.expires_at, \
                CASE WHEN m.role = 'owner' AND w.require_owner_totp = 1 AND m.totp_secret IS NULL \
                     THEN 1 ELSE 0 END AS needs_setup \
         FROM sessions s JOIN members m ON m.id = s.member_id \
         JOIN workspaces w ON w.id = m.workspace_id \
         WHERE s.token_hash = $1 AND m.active = 1",
    )
    .bind(&hash)
    .fetch_optional(db.pool())
    .await?;
    let Some(SessionRow {
        member_id,
        workspace_id,
        role,
        last_seen_at,
        expires_at,
        needs_setup,
    }) = row
    else {
        return Ok(None);
    };
    if now >= expires_at || now - last_seen_at >= IDLE_MS {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(&hash)
            .execute(db.pool())
            .await?;
        return Ok(None);
    }
    if now - last_seen_at >= TOUCH_EVERY_MS {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(db.pool())
            .await?;
    }
    let Some(role) = Role::parse(&role) else {
        return Ok(None);
    };
    Ok(Some(Actor {
        member_id,
        workspace_id,
        role,
        token_hash: hash,
        needs_two_factor_setup: needs_setup == 1,
    }))
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    member_id: i64,
    workspace_id: i64,
    role: String,
    last_seen_at: i64,
    expires_at: i64,
    needs_setup: i64,
}

/// Whether the member's session is still live (not signed out, not expired,
/// member still active), without counting as use: an open event stream
/// must not keep an idle session alive.
#[tracing::instrument(skip_all)]
pub async fn still_live(db: &Database, actor: &Actor, now: i64) -> Result<bool> {
    let row: Option<(i64, i64)> = sqlx::query_as(
        "SELECT s.last_seen_at, s.expires_at FROM sessions s JOIN members m ON m.id = s.member_id \
         WHERE s.token_hash = $1 AND m.active = 1",
    )
    .bind(&actor.token_hash)
    .fetch_optional(db.pool())
    .await?;
    Ok(row
        .is_some_and(|(last_seen_at, expires_at)| now < expires_at && now - last_seen_at < IDLE_MS))
}

/// Ends the session this token names, if there is one: a browser that signs
/// in again leaves no older session of its own behind.
#[tracing::instrument(skip_all)]
pub async fn end_token(db: &Database, token: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Ends this session only.
#[tracing::instrument(skip_all)]
pub async fn sign_out(db: &Database, actor: &Actor) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(&actor.token_hash)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Ends every session of the acting member, this one included.
#[tracing::instrument(skip_all)]
pub async fn sign_out_everywhere(db: &Database, actor: &Actor) -> Result<()> {
    end_all_for_member(db.pool(), actor.member_id).await
}

pub(crate) async fn end_all_for_member<'e, E>(executor: E, member_id: i64) -> Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM sessions WHERE member_id = $1")
        .bind(member_id)
        .execute(executor)
        .await?;
    Ok(())
}

/// Ends a member's sessions but the one whose token hashes to `keep`.
pub(crate) async fn end_others(
    conn: &mut sqlx::AnyConnection,
    member_id: i64,
    keep: &str,
) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE member_id = $1 AND token_hash <> $2")
        .bind(member_id)
        .bind(keep)
        .execute(conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_hex_and_stored_only_as_a_hash() {
        let a = new_token();
        let b = new_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
