//! "Forgot password?": a reset link by e-mail (ASVS 2.5).
//!
//! The answer to a request is the same whether or not the address has an
//! account. The token is 256 random bits, stored as its hash, for one
//! account and this purpose, for 30 minutes, and used once. The link's page
//! only shows a form (mail scanners open links); sending the form uses the
//! token, sets the password and ends every session of the account.

use crate::accounts::{active_member_by_email, check_new_password, set_password_hash};
use crate::error::{Error, Result};
use crate::mail::compose;
use crate::session::{self, new_token, token_hash};
use crate::throttle::{account_key, clear_attempts, count_attempt, Limit};
use crate::unit::{Entry, Nobody};
use crate::{Database, PasswordHasher};
use handoff::{AuditAction, Email};

/// How long a reset link works.
pub const RESET_TTL_MS: i64 = 30 * 60 * 1000;
/// Reset e-mails per address (and per network address) in 15 minutes.
const MAX_REQUESTS_PER_ACCOUNT: i64 = 3;
const MAX_REQUESTS_PER_ADDRESS: i64 = 10;

/// Asks for a reset link to `email`. `Ok` whether or not the address has
/// an account (the person is told to look in their mail); `Throttled`
/// after a few requests for the same address or from the same network
/// address, counted alike for addresses with and without an account.
#[tracing::instrument(skip_all)]
pub async fn request(db: &Database, email: &str, address: &str, now: i64) -> Result<()> {
    let email = Email::parse(email).map_err(|e| Error::Invalid(vec![e]))?;
    let keys: [Limit; 2] = [
        (
            format!("reset:{}", email.as_str()),
            MAX_REQUESTS_PER_ACCOUNT,
        ),
        (format!("reset-from:{address}"), MAX_REQUESTS_PER_ADDRESS),
    ];
    count_attempt(db, &keys, now).await?;
    let mut unit = db.write(&Nobody, now).await?;
    let Some((member_id, workspace_id)) = active_member_by_email(&mut unit, &email).await? else {
        return Ok(());
    };
    let token = new_token();
    let hash = token_hash(&token);
    sqlx::query(
        "INSERT INTO password_resets (token_hash, member_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(&hash)
    .bind(member_id)
    .bind(now)
    .bind(now + RESET_TTL_MS)
    .execute(&mut *unit)
    .await?;
    let language = crate::profile::language_of(&mut unit, member_id).await?;
    unit.mail(compose::password_reset(
        language,
        workspace_id,
        email.as_str(),
        &token,
        &hash,
        RESET_TTL_MS / 60_000,
    ));
    unit.audit_as(Entry {
        workspace_id,
        member_id: Some(member_id),
        action: AuditAction::PasswordResetRequested,
        client_id: None,
        task_id: None,
        detail: "a reset link sent to the member's address",
    });
    unit.commit().await
}

/// The member a reset token is for, if it is unused and not expired.
async fn holder(conn: &mut sqlx::AnyConnection, token: &str, now: i64) -> Result<Option<i64>> {
    Ok(sqlx::query_scalar(
        "SELECT r.member_id FROM password_resets r JOIN members m ON m.id = r.member_id \
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 AND m.active = 1",
    )
    .bind(token_hash(token))
    .bind(now)
    .fetch_optional(conn)
    .await?)
}

/// Whether a reset link still works (its page shows the form, or says it
/// does not). Reading changes nothing.
#[tracing::instrument(skip_all)]
pub async fn check(db: &Database, token: &str, now: i64) -> Result<()> {
    let mut conn = db.pool().acquire().await?;
    match holder(&mut conn, token, now).await? {
        Some(_) => Ok(()),
        None => Err(Error::LinkNoLongerWorks),
    }
}

/// Sets a new password through a reset link: the link is used up, every
/// other reset link of the account too, and every session of the account
/// ends (whoever asked must sign in with the new password, and with their
/// second factor if they have one).
#[tracing::instrument(skip_all)]
pub async fn complete(
    db: &Database,
    hasher: &PasswordHasher,
    token: &str,
    new_password: &str,
    now: i64,
) -> Result<()> {
    check_new_password("new_password", new_password).map_err(|e| Error::Invalid(vec![e]))?;
    {
        let mut conn = db.pool().acquire().await?;
        if holder(&mut conn, token, now).await?.is_none() {
            return Err(Error::LinkNoLongerWorks);
        }
    }
    let hash = hasher.hash(new_password).await?;
    let mut unit = db.write(&Nobody, now).await?;
    // Checked again under the write lock: a link is used once.
    let Some(member_id) = holder(&mut unit, token, now).await? else {
        return Err(Error::LinkNoLongerWorks);
    };
    sqlx::query("UPDATE password_resets SET used_at = $1 WHERE member_id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(member_id)
        .execute(&mut *unit)
        .await?;
    set_password_hash(&mut unit, member_id, &hash).await?;
    session::end_all_for_member(&mut *unit, member_id).await?;
    let (workspace_id, email) =
        crate::member_row::workspace_and_email(&mut unit, member_id).await?;
    // Locked out by wrong guesses before? The new password opens again.
    clear_attempts(&mut *unit, &account_key(&email)).await?;
    unit.audit_as(Entry {
        workspace_id,
        member_id: Some(member_id),
        action: AuditAction::PasswordReset,
        client_id: None,
        task_id: None,
        detail: "every session ended",
    });
    unit.commit().await
}
