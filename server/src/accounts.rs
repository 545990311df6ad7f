//! Signing up, signing in, and the member's own account.

use crate::error::{Error, Result};
use crate::session::{self, NewSession};
use crate::unit::Nobody;
use crate::{Actor, Database, PasswordHasher};
use handoff::{
    check_password_shape, CurrencyCode, DisplayName, Email, FieldError, Me, Role, WorkspaceName,
};

use crate::throttle::{
    check_current_password, clear_attempts, count_attempt, give_back, sign_in_keys,
};
pub use crate::throttle::{MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, THROTTLE_WINDOW_MS};

/// What an owner types to open a workspace.
#[derive(Clone, Debug, Default)]
pub struct SignUp {
    pub workspace_name: String,
    pub time_zone: String,
    pub currency: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
}

/// The zone typed, by its IANA name: a city or a common name is read as
/// the zone it plainly means (time_zone.rs).
pub fn check_time_zone(field: &str, raw: &str) -> Result<String, FieldError> {
    crate::time_zone::resolve(raw).ok_or_else(|| {
        FieldError::new(
            field,
            "Choose a time zone from the list, or type a city such as Chicago or Lisbon.",
        )
    })
}

pub fn check_new_password(field: &str, password: &str) -> Result<(), FieldError> {
    check_password_shape(password).map_err(|e| FieldError::new(field, e.message))?;
    if crate::password::is_common(password) {
        return Err(FieldError::new(
            field,
            "This password is one of the most common ones and easy to guess. Choose another.",
        ));
    }
    Ok(())
}

/// Opens a workspace with its first owner, and signs that owner in.
#[tracing::instrument(skip_all)]
pub async fn sign_up(
    db: &Database,
    hasher: &PasswordHasher,
    form: SignUp,
    address: &str,
    now: i64,
) -> Result<NewSession> {
    // Probing which e-mails have accounts through sign-up counts toward the
    // same throttle as wrong passwords. The attempt is counted first; one
    // that did not hit a taken e-mail is given back.
    let keys = sign_in_keys(&form.email, address);
    count_attempt(db, &keys, now).await?;
    let mut taken = false;
    let result = sign_up_counted(db, hasher, form, &mut taken, now).await;
    if !taken {
        let mut conn = db.pool().acquire().await?;
        give_back(&mut conn, &keys).await?;
    }
    result
}

async fn sign_up_counted(
    db: &Database,
    hasher: &PasswordHasher,
    form: SignUp,
    taken: &mut bool,
    now: i64,
) -> Result<NewSession> {
    let mut errors = Vec::new();
    let workspace_name = WorkspaceName::parse(&form.workspace_name)
        .map_err(|e| errors.push(FieldError::new("workspace_name", e.to_string())))
        .ok();
    let currency = CurrencyCode::parse(&form.currency)
        .map_err(|e| errors.push(FieldError::new("currency", e.to_string())))
        .ok();
    let time_zone = check_time_zone("time_zone", &form.time_zone)
        .map_err(|e| errors.push(e))
        .ok();
    let display_name = DisplayName::parse(&form.display_name)
        .map_err(|e| errors.push(e))
        .ok();
    let email = Email::parse(&form.email).map_err(|e| errors.push(e)).ok();
    if let Err(e) = check_new_password("password", &form.password) {
        errors.push(e);
    }
    let (Some(workspace_name), Some(currency), Some(time_zone), Some(display_name), Some(email)) =
        (workspace_name, currency, time_zone, display_name, email)
    else {
        return Err(Error::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }

    let password_hash = hasher.hash(&form.password).await?;
    let mut tx = db.write(&Nobody, now).await?;
    if email_taken(&mut tx, &email).await? {
        tx.rollback().await?;
        *taken = true;
        return Err(Error::field(
            "email",
            "This e-mail already has a Handoff account. Sign in instead, or use another address.",
        ));
    }
    let workspace_id = crate::workspace::create(
        &mut tx,
        workspace_name.as_str(),
        &time_zone,
        currency.as_str(),
        now,
    )
    .await?;
    let member_id = insert_member(
        &mut tx,
        NewMember {
            workspace_id,
            email: &email,
            display_name: &display_name,
            role: Role::Owner,
            time_zone: &time_zone,
            password_hash: &password_hash,
        },
        now,
    )
    .await?;
    let session = session::open(
        &mut tx,
        member_id,
        workspace_id,
        Role::Owner,
        Some("created the workspace"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(session)
}

pub(crate) struct NewMember<'a> {
    pub workspace_id: i64,
    pub email: &'a Email,
    pub display_name: &'a DisplayName,
    pub role: Role,
    pub time_zone: &'a str,
    pub password_hash: &'a str,
}

pub(crate) async fn insert_member(
    tx: &mut sqlx::AnyConnection,
    m: NewMember<'_>,
    now: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO members (workspace_id, email, display_name, role, time_zone, password_hash, active, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7) RETURNING id",
    )
    .bind(m.workspace_id)
    .bind(m.email.as_str())
    .bind(m.display_name.as_str())
    .bind(m.role.as_str())
    .bind(m.time_zone)
    .bind(m.password_hash)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?)
}

pub(crate) async fn email_taken(tx: &mut sqlx::AnyConnection, email: &Email) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM members WHERE email = $1")
        .bind(email.as_str())
        .fetch_one(&mut *tx)
        .await?;
    Ok(n > 0)
}

/// Signs a member in. Wrong e-mail, wrong password and deactivated account
/// all answer `SignInRefused` after the same amount of work; repeated
/// attempts per account or per address answer `Throttled`; a member with
/// two-factor sign-in gets `SecondFactorRequired` with a challenge for
/// `two_factor::complete_sign_in`.
///
/// The attempt is counted (atomically, per account and per address) before
/// the password is checked, so a burst of parallel guesses gets at most
/// `MAX_FAILURES_PER_ACCOUNT` checks. A right password gives the address
/// its attempt back; the account's count is cleared only once the member is
/// fully signed in (after the second factor, when they have one).
#[tracing::instrument(skip_all)]
pub async fn sign_in(
    db: &Database,
    hasher: &PasswordHasher,
    email: &str,
    password: &str,
    address: &str,
    now: i64,
) -> Result<NewSession> {
    let keys = sign_in_keys(email, address);
    count_attempt(db, &keys, now).await?;

    let member: Option<(i64, i64, String, String, Option<String>)> = match Email::parse(email) {
        Ok(email) => {
            sqlx::query_as(
                "SELECT id, workspace_id, role, password_hash, totp_secret FROM members \
                 WHERE email = $1 AND active = 1",
            )
            .bind(email.as_str())
            .fetch_optional(db.pool())
            .await?
        }
        Err(_) => None,
    };
    let hash = member.as_ref().map(|m| m.3.clone());
    let matches = hasher.verify(password, hash).await?;

    let Some((member_id, workspace_id, role, _, totp_secret)) = member.filter(|_| matches) else {
        return Err(Error::SignInRefused);
    };
    let role = Role::parse(&role).ok_or_else(|| Error::internal(format!("role {role}")))?;
    let mut tx = db.write(&Nobody, now).await?;
    give_back(&mut tx, &keys[1..]).await?;
    if totp_secret.is_some() {
        let challenge = crate::two_factor::open_challenge(&mut tx, member_id, now).await?;
        tx.commit().await?;
        return Err(Error::SecondFactorRequired(challenge));
    }
    clear_attempts(&mut *tx, &keys[0].0).await?;
    let session = session::open(
        &mut tx,
        member_id,
        workspace_id,
        role,
        Some("password"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(session)
}

/// The acting member's own view of themselves.
#[tracing::instrument(skip_all)]
pub async fn me(db: &Database, actor: &Actor) -> Result<Me> {
    let (display_name, email, time_zone, workspace_name): (String, String, String, String) =
        sqlx::query_as(
            "SELECT m.display_name, m.email, m.time_zone, w.name \
             FROM members m JOIN workspaces w ON w.id = m.workspace_id \
             WHERE m.id = $1 AND m.workspace_id = $2",
        )
        .bind(actor.member_id)
        .bind(actor.workspace_id)
        .fetch_one(db.pool())
        .await?;
    Ok(Me {
        member_id: actor.member_id,
        display_name,
        email,
        role: actor.role,
        time_zone,
        workspace_name,
        two_factor_setup_needed: actor.needs_two_factor_setup,
    })
}

/// Changes the acting member's password after checking the current one
/// (throttled: five wrong tries per 15 minutes).
/// Every session of theirs ends; the caller gets a fresh one for this device.
#[tracing::instrument(skip_all)]
pub async fn change_password(
    db: &Database,
    hasher: &PasswordHasher,
    actor: &Actor,
    current: &str,
    new: &str,
    now: i64,
) -> Result<NewSession> {
    check_current_password(db, hasher, actor, current, "current_password", now).await?;
    check_new_password("new_password", new).map_err(|e| Error::Invalid(vec![e]))?;
    let hash = hasher.hash(new).await?;
    let mut tx = db.write(actor, now).await?;
    set_password_hash(&mut tx, actor.member_id, &hash).await?;
    session::end_all_for_member(&mut *tx, actor.member_id).await?;
    let session = session::open(
        &mut tx,
        actor.member_id,
        actor.workspace_id,
        actor.role,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(session)
}

pub(crate) async fn set_password_hash(
    conn: &mut sqlx::AnyConnection,
    member_id: i64,
    hash: &str,
) -> Result<()> {
    sqlx::query("UPDATE members SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(member_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The active member who signs in with `email`: (member, workspace).
pub(crate) async fn active_member_by_email(
    conn: &mut sqlx::AnyConnection,
    email: &Email,
) -> Result<Option<(i64, i64)>> {
    Ok(
        sqlx::query_as("SELECT id, workspace_id FROM members WHERE email = $1 AND active = 1")
            .bind(email.as_str())
            .fetch_optional(conn)
            .await?,
    )
}

/// Every IANA zone name `check_time_zone` accepts, for the pickers.
pub fn zone_names() -> impl Iterator<Item = &'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())
}
