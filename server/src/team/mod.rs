//! The team: invitations for providers and co-owners, the member list, and
//! deactivation. Owners only, always within their own workspace (R7).

use crate::accounts::{check_new_password, check_time_zone, email_taken, insert_member, NewMember};
use crate::caller::Owner;
use crate::error::{Error, Result};
use crate::mail::compose;
use crate::secrets;
use crate::session::{self, token_hash, NewSession};
use crate::unit::Nobody;
use crate::{Database, PasswordHasher};
use handoff::{
    DisplayName, Email, FieldError, InvitationPreview, InvitationStatus, InvitationSummary,
    MemberSummary, Role,
};

mod members;

pub use members::{deactivate, members, reactivate};

/// An invitation link works for a week.
pub const INVITATION_TTL_MS: i64 = 7 * 24 * 60 * 60 * 1000;
/// How long the session that made an invitation can see its link again on
/// the team page (for browsers without JavaScript, which cannot carry the
/// link back from the form's answer).
pub const NEW_LINK_SHOWN_MS: i64 = 10 * 60 * 1000;

/// An invitation just made: the token goes into the link, shown once.
#[derive(Debug)]
pub struct NewInvitation {
    pub token: String,
    pub summary: InvitationSummary,
}

#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn invite(
    db: &Database,
    owner: &Owner,
    email: &str,
    role: &str,
    now: i64,
) -> Result<NewInvitation> {
    let actor = owner.account();
    let email = Email::parse(email).map_err(|e| Error::Invalid(vec![e]))?;
    let role = Role::parse(role).ok_or_else(|| {
        Error::field(
            "role",
            "Choose whether they join as a provider or an owner.",
        )
    })?;
    let token = session::new_token();
    let mut tx = db.write(owner, now).await?;
    // A member of this workspace is on the owner's own team list; whether
    // the address has an account anywhere else is never said (the
    // invitation is made as for anyone, and cannot be accepted while the
    // address has an account).
    let own_member: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM members WHERE email = $1 AND workspace_id = $2")
            .bind(email.as_str())
            .bind(actor.workspace_id)
            .fetch_one(&mut *tx)
            .await?;
    if own_member > 0 {
        return Err(Error::field(
            "email",
            "This e-mail already belongs to a member of your team.",
        ));
    }
    // One waiting invitation per address. The row lock on the workspace
    // makes a second, simultaneous invitation wait for the first on
    // PostgreSQL (SQLite's write transaction already does).
    crate::workspace::lock(&mut tx, actor.workspace_id).await?;
    let waiting: Option<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT id, token_hash, role, expires_at FROM invitations WHERE workspace_id = $1 AND email = $2 \
         AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3 ORDER BY id DESC LIMIT 1",
    )
    .bind(actor.workspace_id)
    .bind(email.as_str())
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some((invitation_id, hash, stored_role, expires_at)) = waiting {
        // The same owner asking again (a second click, a form sent twice)
        // gets the link they were just given; anyone else a clear refusal.
        return match own_recent_token(&mut tx, actor, now).await? {
            Some(token) if token_hash(&token) == hash => Ok(NewInvitation {
                token,
                summary: InvitationSummary {
                    invitation_id,
                    email: email.as_str().to_string(),
                    role: Role::parse(&stored_role).unwrap_or(role),
                    status: InvitationStatus::Pending,
                    expires_at,
                },
            }),
            _ => Err(Error::field(
                "email",
                "An invitation to this e-mail is already waiting. Revoke it below to make a new link.",
            )),
        };
    }
    let expires_at = now + INVITATION_TTL_MS;
    let invitation_id: i64 = sqlx::query_scalar(
        "INSERT INTO invitations (workspace_id, token_hash, email, role, invited_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(actor.workspace_id)
    .bind(token_hash(&token))
    .bind(email.as_str())
    .bind(role.as_str())
    .bind(actor.member_id)
    .bind(now)
    .bind(expires_at)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM session_flash WHERE token_hash = $1")
        .bind(&actor.token_hash)
        .execute(&mut *tx)
        .await?;
    // Only while the session lives (an actor made before its session ended
    // has nowhere to see the link).
    sqlx::query(
        "INSERT INTO session_flash (token_hash, value, expires_at) \
         SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM sessions WHERE token_hash = $1)",
    )
    .bind(&actor.token_hash)
    .bind(secrets::seal(
        &token,
        &format!("invitation-link:{}", actor.token_hash),
    )?)
    .bind(now + NEW_LINK_SHOWN_MS)
    .execute(&mut *tx)
    .await?;
    // The link also travels by e-mail, to the invited address only.
    let (business, inviter): (String, String) = sqlx::query_as(
        "SELECT w.name, m.display_name FROM members m \
         JOIN workspaces w ON w.id = m.workspace_id WHERE m.id = $1",
    )
    .bind(actor.member_id)
    .fetch_one(&mut *tx)
    .await?;
    let language = crate::profile::language_of(&mut tx, actor.member_id).await?;
    tx.mail(compose::invitation(
        language,
        actor.workspace_id,
        invitation_id,
        &business,
        &inviter,
        role,
        email.as_str(),
        &token,
    ));
    tx.commit().await?;
    Ok(NewInvitation {
        token,
        summary: InvitationSummary {
            invitation_id,
            email: email.as_str().to_string(),
            role,
            status: InvitationStatus::Pending,
            expires_at,
        },
    })
}

/// The token of the invitation this session made in the last
/// `NEW_LINK_SHOWN_MS`, for the team page to show as a link (never taken
/// from the URL). Reading it changes nothing; it lapses on its own and is
/// replaced by the session's next invitation.
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn new_invitation_token(
    db: &Database,
    owner: &Owner,
    now: i64,
) -> Result<Option<String>> {
    let mut conn = db.pool().acquire().await?;
    own_recent_token(&mut conn, owner.account(), now).await
}

async fn own_recent_token(
    conn: &mut sqlx::AnyConnection,
    actor: &crate::Actor,
    now: i64,
) -> Result<Option<String>> {
    let sealed: Option<String> = sqlx::query_scalar(
        "SELECT value FROM session_flash WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(&actor.token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await?;
    sealed
        .map(|v| secrets::open(&v, &format!("invitation-link:{}", actor.token_hash)))
        .transpose()
}

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    email: String,
    role: String,
    expires_at: i64,
    accepted_at: Option<i64>,
    revoked_at: Option<i64>,
    /// Members of the workspace with this e-mail (0 or 1).
    joined: i64,
}

/// The workspace's invitations, newest first; at most the latest 100.
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn invitations(db: &Database, owner: &Owner, now: i64) -> Result<Vec<InvitationSummary>> {
    let actor = owner.account();
    let rows: Vec<InvitationRow> = sqlx::query_as(
        "SELECT i.id, i.email, i.role, i.expires_at, i.accepted_at, i.revoked_at, \
         (SELECT COUNT(*) FROM members m WHERE m.workspace_id = i.workspace_id AND m.email = i.email) AS joined \
         FROM invitations i WHERE i.workspace_id = $1 ORDER BY i.created_at DESC, i.id DESC LIMIT 100",
    )
    .bind(actor.workspace_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            // An invitee who joined (through this invitation or another to
            // the same address) is no longer waiting for anything.
            let status = match (row.accepted_at, row.revoked_at) {
                (Some(_), _) => InvitationStatus::Accepted,
                (None, None) if row.joined > 0 => InvitationStatus::Accepted,
                (None, Some(_)) => InvitationStatus::Revoked,
                (None, None) if now >= row.expires_at => InvitationStatus::Expired,
                (None, None) => InvitationStatus::Pending,
            };
            Some(InvitationSummary {
                invitation_id: row.id,
                email: row.email,
                role: Role::parse(&row.role)?,
                status,
                expires_at: row.expires_at,
            })
        })
        .collect())
}

#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn revoke_invitation(
    db: &Database,
    owner: &Owner,
    invitation_id: i64,
    now: i64,
) -> Result<()> {
    let actor = owner.account();
    let changed = sqlx::query(
        "UPDATE invitations SET revoked_at = $1 \
         WHERE id = $2 AND workspace_id = $3 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(invitation_id)
    .bind(actor.workspace_id)
    .execute(db.pool())
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}

/// What a live invitation link offers; `None` for a used, revoked, expired
/// or unknown link (which of these is not said).
#[tracing::instrument(skip_all)]
pub async fn preview(db: &Database, token: &str, now: i64) -> Result<Option<InvitationPreview>> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT w.name, i.email, i.role FROM invitations i JOIN workspaces w ON w.id = i.workspace_id \
         WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $2",
    )
    .bind(token_hash(token))
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.and_then(|(workspace_name, email, role)| {
        Some(InvitationPreview {
            workspace_name,
            email,
            role: Role::parse(&role)?,
        })
    }))
}

/// What the invitee types to join.
#[derive(Clone, Debug, Default)]
pub struct Acceptance {
    pub display_name: String,
    pub time_zone: String,
    pub password: String,
}

/// Turns a live invitation into a member and signs them in. The link works
/// once: the check and the use share one write transaction.
#[tracing::instrument(skip_all)]
pub async fn accept(
    db: &Database,
    hasher: &PasswordHasher,
    token: &str,
    form: Acceptance,
    now: i64,
) -> Result<NewSession> {
    let mut errors: Vec<FieldError> = Vec::new();
    let display_name = DisplayName::parse(&form.display_name)
        .map_err(|e| errors.push(e))
        .ok();
    let time_zone = check_time_zone("time_zone", &form.time_zone)
        .map_err(|e| errors.push(e))
        .ok();
    if let Err(e) = check_new_password("password", &form.password) {
        errors.push(e);
    }
    let (Some(display_name), Some(time_zone), true) = (display_name, time_zone, errors.is_empty())
    else {
        return Err(Error::Invalid(errors));
    };
    let password_hash = hasher.hash(&form.password).await?;

    let mut tx = db.write(&Nobody, now).await?;
    let row: Option<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT id, workspace_id, email, role FROM invitations \
         WHERE token_hash = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash(token))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((invitation_id, workspace_id, email, role)) = row else {
        return Err(Error::NotFound);
    };
    let email = Email::parse(&email).map_err(|e| Error::internal(e.message))?;
    let role = Role::parse(&role).ok_or_else(|| Error::internal(format!("role {role}")))?;
    if email_taken(&mut tx, &email).await? {
        return Err(Error::NotFound);
    }
    let used = sqlx::query(
        "UPDATE invitations SET accepted_at = $1 WHERE id = $2 AND accepted_at IS NULL",
    )
    .bind(now)
    .bind(invitation_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if used != 1 {
        return Err(Error::NotFound);
    }
    let member_id = insert_member(
        &mut tx,
        NewMember {
            workspace_id,
            email: &email,
            display_name: &display_name,
            role,
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
        role,
        Some("accepted an invitation"),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(session)
}
