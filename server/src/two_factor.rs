//! Two-factor sign-in with TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps,
//! one step of clock drift either way), one-time recovery codes, and the
//! workspace switch that requires it of every owner.

use crate::accounts::{record_failure, throttle_check};
use crate::error::{Error, Result};
use crate::session::{self, new_token, token_hash, NewSession};
use crate::{Actor, Database, PasswordHasher};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use handoff::{Role, TwoFactorKey, TwoFactorStatus};
use totp_rs::{Algorithm, Secret, TOTP};

/// How long a right password waits for its code.
pub const CHALLENGE_TTL_MS: i64 = 5 * 60 * 1000;
pub const RECOVERY_CODES: usize = 10;

fn totp(secret_base32: &str, account: &str) -> Result<TOTP> {
    let bytes = Secret::Encoded(secret_base32.to_string())
        .to_bytes()
        .map_err(|e| Error::Internal(format!("totp secret: {e:?}")))?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        Some("Handoff".into()),
        account.to_string(),
    )
    .map_err(|e| Error::Internal(format!("totp: {e:?}")))
}

/// The 30-second step whose code this is, if it is one of the current,
/// previous or next step's.
fn matching_step(totp: &TOTP, code: &str, now_ms: i64) -> Option<i64> {
    let code = code.trim().replace(' ', "");
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = u64::try_from(now_ms / 1000).ok()?;
    [now.saturating_sub(30), now, now + 30]
        .into_iter()
        .find(|t| totp.generate(*t) == code)
        .map(|t| (t / 30) as i64)
}

#[derive(sqlx::FromRow)]
struct StatusRow {
    enabled: i64,
    required: i64,
    email: String,
    pending: Option<String>,
    reveal: Option<String>,
    left_codes: i64,
}

/// The member's two-factor state. New recovery codes are in it once: this
/// call hands them over and forgets them.
pub async fn status(db: &Database, actor: &Actor) -> Result<TwoFactorStatus> {
    // One read; a write only on the rare load that hands over new codes.
    let row: StatusRow = sqlx::query_as(
        "SELECT CASE WHEN m.totp_secret IS NULL THEN 0 ELSE 1 END AS enabled, \
                w.require_owner_totp AS required, m.email, m.totp_pending AS pending, \
                m.recovery_reveal AS reveal, \
                (SELECT COUNT(*) FROM recovery_codes r \
                  WHERE r.member_id = m.id AND r.used_at IS NULL) AS left_codes \
         FROM members m JOIN workspaces w ON w.id = m.workspace_id WHERE m.id = $1",
    )
    .bind(actor.member_id)
    .fetch_one(db.pool())
    .await?;
    if let Some(reveal) = &row.reveal {
        sqlx::query(
            "UPDATE members SET recovery_reveal = NULL WHERE id = $1 AND recovery_reveal = $2",
        )
        .bind(actor.member_id)
        .bind(reveal)
        .execute(db.pool())
        .await?;
    }
    let StatusRow {
        enabled,
        required,
        email,
        pending,
        reveal,
        left_codes: left,
    } = row;
    let pending = match pending {
        Some(secret) => Some(TwoFactorKey {
            otpauth_url: totp(&secret, &email)?.get_url(),
            secret,
        }),
        None => None,
    };
    Ok(TwoFactorStatus {
        enabled: enabled == 1,
        required_for_owners: required == 1,
        recovery_codes_left: left,
        setup_needed: actor.needs_two_factor_setup,
        can_require: actor.role == Role::Owner,
        pending,
        new_recovery_codes: reveal
            .map(|r| r.split(' ').map(str::to_string).collect())
            .unwrap_or_default(),
    })
}

/// Starts (or restarts) setting up TOTP: a new secret waits for its first code.
pub async fn start(db: &Database, actor: &Actor) -> Result<TwoFactorKey> {
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    let secret = Secret::Raw(bytes.to_vec()).to_encoded().to_string();
    let email: String = sqlx::query_scalar("SELECT email FROM members WHERE id = $1")
        .bind(actor.member_id)
        .fetch_one(db.pool())
        .await?;
    let url = totp(&secret, &email)?.get_url();
    sqlx::query("UPDATE members SET totp_pending = $1 WHERE id = $2")
        .bind(&secret)
        .bind(actor.member_id)
        .execute(db.pool())
        .await?;
    Ok(TwoFactorKey {
        secret,
        otpauth_url: url,
    })
}

/// Turns TOTP on once a code from the new secret checks out, and returns the
/// recovery codes. Only their hashes are kept, and the plain codes until the
/// member's next `status` shows them (a form posted without JavaScript
/// cannot carry them back).
pub async fn confirm(db: &Database, actor: &Actor, code: &str, now: i64) -> Result<Vec<String>> {
    let mut tx = db.begin_write().await?;
    let (pending, email): (Option<String>, String) =
        sqlx::query_as("SELECT totp_pending, email FROM members WHERE id = $1")
            .bind(actor.member_id)
            .fetch_one(&mut *tx)
            .await?;
    let pending = pending.ok_or_else(|| {
        Error::field(
            "code",
            "Start the set-up again: no new authenticator key is waiting.",
        )
    })?;
    let step = matching_step(&totp(&pending, &email)?, code, now).ok_or_else(|| {
        Error::field(
            "code",
            "That code does not match. Enter the 6 digits your app shows now.",
        )
    })?;
    sqlx::query(
        "UPDATE members SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = $1 WHERE id = $2",
    )
    .bind(step)
    .bind(actor.member_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM recovery_codes WHERE member_id = $1")
        .bind(actor.member_id)
        .execute(&mut *tx)
        .await?;
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let raw = new_token();
        let code = format!("{}-{}", &raw[..5], &raw[5..10]);
        sqlx::query("INSERT INTO recovery_codes (member_id, code_hash) VALUES ($1, $2)")
            .bind(actor.member_id)
            .bind(token_hash(&code))
            .execute(&mut *tx)
            .await?;
        codes.push(code);
    }
    sqlx::query("UPDATE members SET recovery_reveal = $1 WHERE id = $2")
        .bind(codes.join(" "))
        .bind(actor.member_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(codes)
}

/// Turns TOTP off after the password checks out. An owner whose workspace
/// requires it cannot.
pub async fn disable(
    db: &Database,
    hasher: &PasswordHasher,
    actor: &Actor,
    password: &str,
) -> Result<()> {
    let (hash, required): (String, i64) = sqlx::query_as(
        "SELECT m.password_hash, w.require_owner_totp FROM members m \
         JOIN workspaces w ON w.id = m.workspace_id WHERE m.id = $1",
    )
    .bind(actor.member_id)
    .fetch_one(db.pool())
    .await?;
    if actor.role == Role::Owner && required == 1 {
        return Err(Error::field(
            "password",
            "Your workspace requires two-factor sign-in for owners, so it stays on.",
        ));
    }
    if !hasher.verify(password, Some(hash)).await? {
        return Err(Error::field(
            "password",
            "That is not your current password.",
        ));
    }
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE members SET totp_secret = NULL, totp_pending = NULL WHERE id = $1")
        .bind(actor.member_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM recovery_codes WHERE member_id = $1")
        .bind(actor.member_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Owners: require (or stop requiring) two-factor sign-in of every owner.
pub async fn set_owner_requirement(db: &Database, actor: &Actor, required: bool) -> Result<()> {
    if actor.role != Role::Owner {
        return Err(Error::Forbidden);
    }
    sqlx::query("UPDATE workspaces SET require_owner_totp = $1 WHERE id = $2")
        .bind(i64::from(required))
        .bind(actor.workspace_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

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
/// used) or an unused recovery code. Failures count toward the same
/// throttle as wrong passwords.
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
    let Some((member_id, workspace_id, role, email, Some(secret), last_step)) = row else {
        return Err(Error::Unauthenticated);
    };
    let role = Role::parse(&role).ok_or_else(|| Error::Internal(format!("role {role}")))?;
    let keys = [format!("account:{email}"), format!("address:{address}")];
    throttle_check(db, &keys, now).await?;

    let mut tx = db.begin_write().await?;
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
        None => {
            sqlx::query(
                "UPDATE recovery_codes SET used_at = $1 \
                 WHERE member_id = $2 AND code_hash = $3 AND used_at IS NULL",
            )
            .bind(now)
            .bind(member_id)
            .bind(token_hash(&code.trim().to_lowercase()))
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1
        }
    };
    if !accepted {
        tx.rollback().await?;
        record_failure(db, &keys, now).await?;
        return Err(Error::field(
            "code",
            "That code is not right. Enter the 6 digits your authenticator app shows now, or one of your recovery codes.",
        ));
    }
    sqlx::query("DELETE FROM sign_in_challenges WHERE token_hash = $1")
        .bind(token_hash(challenge))
        .execute(&mut *tx)
        .await?;
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
