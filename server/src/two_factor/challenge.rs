//! The second step of a sign-in: the challenge a right password opens, and
//! the code or recovery code that completes it.

use super::*;
use crate::unit::Nobody;

/// A right password for a member with TOTP on: returns the challenge token
/// that the code must come back with.
pub(crate) async fn open_challenge(
    tx: &mut sqlx::AnyConnection,
    member_id: i64,
    now: i64,
) -> Result<String> {
    let token = new_token();
    sqlx::query("DELETE FROM sign_in_challenges WHERE expires_at <= $1")
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO sign_in_challenges (token_hash, member_id, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(token_hash(&token))
    .bind(member_id)
    .bind(now + CHALLENGE_TTL_MS)
    .execute(&mut *tx)
    .await?;
    Ok(token)
}

/// The second step of signing in: a current TOTP code (not one already
/// used) or an unused recovery code. Each try is counted (per member, apart
/// from passwords, and per address) before the code is checked; the
/// account's sign-in count is cleared only once this step succeeds.
#[tracing::instrument(skip_all)]
pub async fn complete_sign_in(
    db: &Database,
    challenge: &str,
    code: &str,
    address: &str,
    now: i64,
) -> Result<NewSession> {
    let row: Option<(i64, i64, String, String, Option<String>, i64)> = sqlx::query_as(
        "SELECT m.id, m.workspace_id, m.role, m.email, m.totp_secret, m.totp_last_step \
         FROM sign_in_challenges c JOIN members m ON m.id = c.member_id \
         WHERE c.token_hash = $1 AND c.expires_at > $2 AND m.active = 1",
    )
    .bind(token_hash(challenge))
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    let Some((member_id, workspace_id, role, email, Some(stored_secret), last_step)) = row else {
        return Err(Error::Unauthenticated);
    };
    let role = Role::parse(&role).ok_or_else(|| Error::internal(format!("role {role}")))?;
    let keys = [
        (format!("code:{member_id}"), MAX_CODE_ATTEMPTS),
        (format!("address:{address}"), MAX_FAILURES_PER_ADDRESS),
    ];
    count_attempt(db, &keys, now).await?;

    let secret = secrets::open(&stored_secret, &totp_context(member_id))?;
    let mut tx = db.write(&Nobody, now).await?;
    if !secrets::is_sealed(&stored_secret) {
        sqlx::query("UPDATE members SET totp_secret = $1 WHERE id = $2 AND totp_secret = $3")
            .bind(secrets::seal(&secret, &totp_context(member_id))?)
            .bind(member_id)
            .bind(&stored_secret)
            .execute(&mut *tx)
            .await?;
    }
    let accepted = match matching_step(&totp(&secret, &email)?, code, now) {
        Some(step) => {
            sqlx::query(
                "UPDATE members SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1",
            )
            .bind(step)
            .bind(member_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1
                && step > last_step
        }
        None => use_recovery_code(&mut tx, member_id, code, now).await?,
    };
    if !accepted {
        tx.commit().await?;
        return Err(Error::field(
            "code",
            "That code is not right. Enter the 6 digits your authenticator app shows now, or one of your recovery codes.",
        ));
    }
    sqlx::query("DELETE FROM sign_in_challenges WHERE token_hash = $1")
        .bind(token_hash(challenge))
        .execute(&mut *tx)
        .await?;
    clear_attempts(&mut *tx, &keys[0].0).await?;
    clear_attempts(&mut *tx, &account_key(&email)).await?;
    give_back(&mut tx, &keys[1..]).await?;
    let session = session::open(
        &mut tx,
        member_id,
        workspace_id,
        role,
        Some("password and two-factor code"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(session)
}

/// Marks one unused recovery code of the member used, if `code` is one.
async fn use_recovery_code(
    tx: &mut sqlx::AnyConnection,
    member_id: i64,
    code: &str,
    now: i64,
) -> Result<bool> {
    let rows: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT code_hash, salt FROM recovery_codes WHERE member_id = $1 AND used_at IS NULL",
    )
    .bind(member_id)
    .fetch_all(&mut *tx)
    .await?;
    let mut found = None;
    for (stored, salt) in rows {
        let typed = match &salt {
            Some(salt) => salted_code_hash(salt, code)?,
            // Codes made before salting: SHA-256 of the code as typed.
            None => token_hash(&code.trim().to_lowercase()),
        };
        if same_digest(&typed, &stored) {
            found = Some(stored);
        }
    }
    let Some(stored) = found else {
        return Ok(false);
    };
    Ok(sqlx::query(
        "UPDATE recovery_codes SET used_at = $1 \
         WHERE member_id = $2 AND code_hash = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(member_id)
    .bind(stored)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1)
}
