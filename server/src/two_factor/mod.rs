//! Two-factor sign-in with TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps,
//! one step of clock drift either way), one-time recovery codes, and the
//! workspace switch that requires it of every owner.

use crate::caller::Owner;
use crate::error::{Error, Result};
use crate::secrets;
use crate::session::{self, new_token, token_hash, NewSession};
use crate::throttle::{
    account_key, check_current_password, clear_attempts, count_attempt, give_back,
    MAX_FAILURES_PER_ADDRESS,
};
use crate::{Actor, Database, PasswordHasher};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use handoff::{Role, TwoFactorKey, TwoFactorStatus};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use totp_rs::{Algorithm, Secret, TOTP};

mod challenge;

pub use challenge::complete_sign_in;
pub(crate) use challenge::open_challenge;

/// How long a right password waits for its code.
pub const CHALLENGE_TTL_MS: i64 = 5 * 60 * 1000;
pub const RECOVERY_CODES: usize = 10;
/// Wrong codes (authenticator or recovery) per member within the throttle
/// window before the second step refuses further tries; counted apart from
/// wrong passwords.
pub const MAX_CODE_ATTEMPTS: i64 = 5;
/// A recovery code: 20 characters from a 32-letter alphabet, 100 bits,
/// shown in groups of five.
const RECOVERY_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
const RECOVERY_CHARS: usize = 20;

fn totp_context(member_id: i64) -> String {
    format!("totp:{member_id}")
}

fn reveal_context(member_id: i64) -> String {
    format!("recovery-codes:{member_id}")
}

/// A new recovery code, e.g. `7kq2m-x9d4t-0hv3c-pz8wa` (100 bits).
fn new_recovery_code() -> String {
    let mut bytes = [0u8; RECOVERY_CHARS];
    OsRng.fill_bytes(&mut bytes);
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| RECOVERY_ALPHABET[usize::from(b & 31)] as char)
        .collect();
    chars
        .chunks(5)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// How a typed recovery code is compared: lower case, without dashes or spaces.
fn normalize_recovery_code(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// HMAC-SHA256 of the normalized code under the code's own random salt.
fn salted_code_hash(salt_hex: &str, code: &str) -> Result<String> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(salt_hex.as_bytes())
        .map_err(|_| Error::internal("hmac key"))?;
    mac.update(normalize_recovery_code(code).as_bytes());
    Ok(mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// Constant-time comparison of two hex digests.
fn same_digest(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Seals every TOTP secret (and pending one, and recovery codes waiting to
/// be shown) still stored in plain text from before sealing existed. Run at
/// start-up; reading also accepts a plain value and re-seals it on use.
/// Returns how many rows it sealed.
#[tracing::instrument(skip_all)]
pub async fn seal_plaintext_secrets(db: &Database) -> Result<u64> {
    type Row = (i64, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, totp_secret, totp_pending, recovery_reveal FROM members \
         WHERE (totp_secret IS NOT NULL AND totp_secret NOT LIKE 'sealed1:%') \
            OR (totp_pending IS NOT NULL AND totp_pending NOT LIKE 'sealed1:%') \
            OR (recovery_reveal IS NOT NULL AND recovery_reveal NOT LIKE 'sealed1:%')",
    )
    .fetch_all(db.pool())
    .await?;
    let mut sealed = 0;
    for (id, secret, pending, reveal) in rows {
        let reseal = |value: Option<String>, context: String| -> Result<Option<String>> {
            value
                .map(|v| {
                    if secrets::is_sealed(&v) {
                        Ok(v)
                    } else {
                        secrets::seal(&v, &context)
                    }
                })
                .transpose()
        };
        let secret_new = reseal(secret.clone(), totp_context(id))?;
        let pending_new = reseal(pending.clone(), totp_context(id))?;
        let reveal_new = reseal(reveal.clone(), reveal_context(id))?;
        // Only if nobody changed the row meanwhile (another server sealing).
        sqlx::query(
            "UPDATE members SET totp_secret = $1, totp_pending = $2, recovery_reveal = $3 \
             WHERE id = $4 AND totp_secret IS NOT DISTINCT FROM $5 \
               AND totp_pending IS NOT DISTINCT FROM $6 AND recovery_reveal IS NOT DISTINCT FROM $7",
        )
        .bind(secret_new)
        .bind(pending_new)
        .bind(reveal_new)
        .bind(id)
        .bind(secret)
        .bind(pending)
        .bind(reveal)
        .execute(db.pool())
        .await?;
        sealed += 1;
    }
    Ok(sealed)
}

fn totp(secret_base32: &str, account: &str) -> Result<TOTP> {
    let bytes = Secret::Encoded(secret_base32.to_string())
        .to_bytes()
        .map_err(|e| Error::internal(format!("totp secret: {e:?}")))?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        30,
        bytes,
        Some("Handoff".into()),
        account.to_string(),
    )
    .map_err(|e| Error::internal(format!("totp: {e:?}")))
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

/// The member's two-factor state. Recovery codes just made are in it until
/// the member says they saved them (`dismiss_recovery_codes`, a POST):
/// reading changes nothing.
#[tracing::instrument(skip_all)]
pub async fn status(db: &Database, actor: &Actor) -> Result<TwoFactorStatus> {
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
    let StatusRow {
        enabled,
        required,
        email,
        pending,
        reveal,
        left_codes: left,
    } = row;
    let pending = match pending {
        Some(sealed) => {
            let secret = secrets::open(&sealed, &totp_context(actor.member_id))?;
            let otpauth_url = totp(&secret, &email)?.get_url();
            Some(TwoFactorKey {
                qr_svg: crate::qr::svg_of(&otpauth_url)?,
                otpauth_url,
                secret,
            })
        }
        None => None,
    };
    let new_recovery_codes = match reveal {
        Some(sealed) => secrets::open(&sealed, &reveal_context(actor.member_id))?
            .split(' ')
            .map(str::to_string)
            .collect(),
        None => Vec::new(),
    };
    Ok(TwoFactorStatus {
        enabled: enabled == 1,
        required_for_owners: required == 1,
        recovery_codes_left: left,
        setup_needed: actor.needs_two_factor_setup,
        can_require: actor.role == Role::Owner,
        pending,
        new_recovery_codes,
    })
}

/// The member saved their new recovery codes: stop showing them.
#[tracing::instrument(skip_all)]
pub async fn dismiss_recovery_codes(db: &Database, actor: &Actor) -> Result<()> {
    sqlx::query("UPDATE members SET recovery_reveal = NULL WHERE id = $1")
        .bind(actor.member_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Starts (or restarts) setting up TOTP after the member's current password
/// checks out (throttled): a new secret, sealed, waits for its first code.
#[tracing::instrument(skip_all)]
pub async fn start(
    db: &Database,
    hasher: &PasswordHasher,
    actor: &Actor,
    password: &str,
    now: i64,
) -> Result<TwoFactorKey> {
    check_current_password(db, hasher, actor, password, "password", now).await?;
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    let secret = Secret::Raw(bytes.to_vec()).to_encoded().to_string();
    let email: String = sqlx::query_scalar("SELECT email FROM members WHERE id = $1")
        .bind(actor.member_id)
        .fetch_one(db.pool())
        .await?;
    let url = totp(&secret, &email)?.get_url();
    sqlx::query("UPDATE members SET totp_pending = $1 WHERE id = $2")
        .bind(secrets::seal(&secret, &totp_context(actor.member_id))?)
        .bind(actor.member_id)
        .execute(db.pool())
        .await?;
    Ok(TwoFactorKey {
        secret,
        qr_svg: crate::qr::svg_of(&url)?,
        otpauth_url: url,
    })
}

/// Turns TOTP on once a code from the new secret checks out, ends every
/// other session of the member, and returns the recovery codes. Only their
/// salted hashes are kept, and the plain codes, sealed, until the member
/// dismisses them (a form posted without JavaScript cannot carry them back).
#[tracing::instrument(skip_all)]
pub async fn confirm(db: &Database, actor: &Actor, code: &str, now: i64) -> Result<Vec<String>> {
    let mut tx = db.write(actor, now).await?;
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
    let secret = secrets::open(&pending, &totp_context(actor.member_id))?;
    let step = matching_step(&totp(&secret, &email)?, code, now).ok_or_else(|| {
        Error::field(
            "code",
            "That code does not match. Enter the 6 digits your app shows now.",
        )
    })?;
    sqlx::query(
        "UPDATE members SET totp_secret = $1, totp_pending = NULL, totp_last_step = $2 WHERE id = $3",
    )
    .bind(secrets::seal(&secret, &totp_context(actor.member_id))?)
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
        let code = new_recovery_code();
        let mut salt = [0u8; 16];
        OsRng.fill_bytes(&mut salt);
        let salt: String = salt.iter().map(|b| format!("{b:02x}")).collect();
        sqlx::query("INSERT INTO recovery_codes (member_id, code_hash, salt) VALUES ($1, $2, $3)")
            .bind(actor.member_id)
            .bind(salted_code_hash(&salt, &code)?)
            .bind(&salt)
            .execute(&mut *tx)
            .await?;
        codes.push(code);
    }
    sqlx::query("UPDATE members SET recovery_reveal = $1 WHERE id = $2")
        .bind(secrets::seal(
            &codes.join(" "),
            &reveal_context(actor.member_id),
        )?)
        .bind(actor.member_id)
        .execute(&mut *tx)
        .await?;
    // A session opened before two-factor was on (perhaps by whoever had the
    // password) does not outlive it.
    session::end_others(&mut tx, actor.member_id, &actor.token_hash).await?;
    tx.commit().await?;
    Ok(codes)
}

/// Turns TOTP off after the password checks out (throttled). An owner whose
/// workspace requires it cannot.
#[tracing::instrument(skip_all)]
pub async fn disable(
    db: &Database,
    hasher: &PasswordHasher,
    actor: &Actor,
    password: &str,
    now: i64,
) -> Result<()> {
    let required: i64 = sqlx::query_scalar(
        "SELECT w.require_owner_totp FROM members m \
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
    check_current_password(db, hasher, actor, password, "password", now).await?;
    let mut tx = db.write(actor, now).await?;
    sqlx::query(
        "UPDATE members SET totp_secret = NULL, totp_pending = NULL, recovery_reveal = NULL \
         WHERE id = $1",
    )
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
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn set_owner_requirement(db: &Database, owner: &Owner, required: bool) -> Result<()> {
    let actor = owner.account();
    let mut conn = db.pool().acquire().await?;
    crate::workspace::set_owner_two_factor_required(&mut conn, actor.workspace_id, required)
        .await?;
    Ok(())
}
