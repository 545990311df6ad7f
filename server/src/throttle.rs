//! Throttling of everything that checks a secret (R7's door, ASVS 2.2):
//! sign-in per account and per address, second-factor codes, and the
//! current password asked for before a member changes how they sign in.
//! Each attempt is counted atomically before the check, so a burst of
//! parallel guesses gets at most the limit of checks.

use crate::error::{Error, Result};
use crate::unit::Nobody;
use crate::{Actor, Database, PasswordHasher};

/// Failed sign-ins counted over this window…
pub const THROTTLE_WINDOW_MS: i64 = 15 * 60 * 1000;
/// …refuse further tries for one account after this many…
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// …and from one network address after this many (several people may share
/// an office address).
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;

/// A throttle key and how many attempts it allows per window.
pub(crate) type Limit = (String, i64);

pub(crate) fn account_key(email: &str) -> String {
    format!("account:{}", email.trim().to_lowercase())
}

/// The account (first) and the address (second) a sign-in is counted against.
pub(crate) fn sign_in_keys(email: &str, address: &str) -> [Limit; 2] {
    [
        (account_key(email), MAX_FAILURES_PER_ACCOUNT),
        (format!("address:{address}"), MAX_FAILURES_PER_ADDRESS),
    ]
}

/// Counts one attempt against each key, atomically (one upsert per key in
/// one write transaction), and refuses with `Throttled` when any key is now
/// past its limit. A key's window starts at its first attempt and resets
/// once it has passed. Call it before checking any secret.
///
/// At most `max` attempts pass per window and key: an attempt passes only when its
/// own count, taken under the row's lock, is within the limit.
pub(crate) async fn count_attempt(db: &Database, keys: &[Limit], now: i64) -> Result<()> {
    let mut tx = db.write(&Nobody, now).await?;
    let mut wait_minutes: Option<i64> = None;
    for (key, max) in keys {
        let (attempts, window_start): (i64, i64) = sqlx::query_as(
            "INSERT INTO sign_in_throttle (throttle_key, window_start, attempts) VALUES ($1, $2, 1) \
             ON CONFLICT (throttle_key) DO UPDATE SET \
               attempts = CASE WHEN sign_in_throttle.window_start <= $3 THEN 1 \
                               ELSE sign_in_throttle.attempts + 1 END, \
               window_start = CASE WHEN sign_in_throttle.window_start <= $3 THEN $2 \
                                   ELSE sign_in_throttle.window_start END \
             RETURNING attempts, window_start",
        )
        .bind(key)
        .bind(now)
        .bind(now - THROTTLE_WINDOW_MS)
        .fetch_one(&mut *tx)
        .await?;
        if attempts > *max {
            let free_at = window_start + THROTTLE_WINDOW_MS;
            let minutes = ((free_at - now) as f64 / 60_000.0).ceil().max(1.0) as i64;
            wait_minutes = Some(wait_minutes.unwrap_or(0).max(minutes));
        }
    }
    if wait_minutes.is_some() {
        // Refused before any check: the attempt is given back on every key
        // (it only undoes its own count, so no later attempt gets through
        // that would not have), and a throttled client does not use up
        // its address's allowance for others.
        give_back(&mut tx, keys).await?;
    }
    tx.commit().await?;
    match wait_minutes {
        Some(minutes) => Err(Error::Throttled(minutes)),
        None => Ok(()),
    }
}

/// Gives back the attempt counted against each key (it was not a failure).
pub(crate) async fn give_back(conn: &mut sqlx::AnyConnection, keys: &[Limit]) -> Result<()> {
    for (key, _) in keys {
        sqlx::query(
            "UPDATE sign_in_throttle SET attempts = attempts - 1 \
             WHERE throttle_key = $1 AND attempts > 0",
        )
        .bind(key)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Forgets every attempt counted against a key.
pub(crate) async fn clear_attempts<'e, E>(executor: E, key: &str) -> Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM sign_in_throttle WHERE throttle_key = $1")
        .bind(key)
        .execute(executor)
        .await?;
    Ok(())
}

/// Re-authentication before changing how the member signs in (password,
/// two-factor): their current password, throttled per member like a
/// sign-in (the attempt is counted before the check, given back when right).
pub(crate) async fn check_current_password(
    db: &Database,
    hasher: &PasswordHasher,
    actor: &Actor,
    password: &str,
    field: &str,
    now: i64,
) -> Result<()> {
    let keys = [(
        format!("reauth:{}", actor.member_id),
        MAX_FAILURES_PER_ACCOUNT,
    )];
    count_attempt(db, &keys, now).await?;
    let stored = {
        let mut conn = db.pool().acquire().await?;
        crate::member_row::password_hash(&mut conn, actor.member_id).await?
    };
    if !hasher.verify(password, Some(stored)).await? {
        return Err(Error::field(field, "That is not your current password."));
    }
    let mut conn = db.pool().acquire().await?;
    give_back(&mut conn, &keys).await?;
    Ok(())
}
