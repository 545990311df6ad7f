//! A member's own name and time zone, changed from their account page.

use crate::accounts::check_time_zone;
use crate::error::{Error, Result};
use crate::{Actor, Database};
use handoff::{AuditAction, DisplayName, Language};

/// What the account form posts.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    pub display_name: String,
    pub time_zone: String,
}

/// Changes the acting member's display name and time zone (any IANA zone).
/// Both are checked before either is saved; the change is audit-logged by
/// what changed, never the values (a name is personal data).
#[tracing::instrument(skip_all)]
pub async fn update(db: &Database, actor: &Actor, form: &Profile, now: i64) -> Result<()> {
    let mut errors = Vec::new();
    let name = DisplayName::parse(&form.display_name)
        .map_err(|e| errors.push(e))
        .ok();
    let zone = check_time_zone("time_zone", &form.time_zone)
        .map_err(|e| errors.push(e))
        .ok();
    let (Some(name), Some(zone)) = (name, zone) else {
        return Err(Error::Invalid(errors));
    };

    let mut tx = db.write(actor, now).await?;
    let (old_name, old_zone): (String, String) = sqlx::query_as(
        "SELECT display_name, time_zone FROM members WHERE id = $1 AND workspace_id = $2",
    )
    .bind(actor.member_id)
    .bind(actor.workspace_id)
    .fetch_one(&mut *tx)
    .await?;
    let changed: Vec<&str> = [
        (old_name != name.as_str()).then_some("display name"),
        (old_zone != zone).then_some("time zone"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if changed.is_empty() {
        tx.rollback().await?;
        return Ok(());
    }
    if old_name != name.as_str() {
        // The client lens masks every name a provider has had.
        sqlx::query(
            "INSERT INTO member_former_names (member_id, workspace_id, display_name, replaced_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(actor.member_id)
        .bind(actor.workspace_id)
        .bind(&old_name)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("UPDATE members SET display_name = $1, time_zone = $2 WHERE id = $3")
        .bind(name.as_str())
        .bind(&zone)
        .bind(actor.member_id)
        .execute(&mut *tx)
        .await?;
    tx.audit(AuditAction::ProfileChanged, None, None, &changed.join(", "));
    tx.commit().await?;
    Ok(())
}

/// What mail to a member needs: where it goes, their zone and digest hour.
#[derive(Clone, Debug)]
pub(crate) struct MailContact {
    pub member_id: i64,
    pub email: String,
    pub time_zone: String,
    pub digest_hour: u8,
    pub language: Language,
}

type ContactRow = (i64, String, String, i64, String);

fn contact((member_id, email, time_zone, hour, language): ContactRow) -> MailContact {
    MailContact {
        member_id,
        email,
        time_zone,
        digest_hour: u8::try_from(hour.clamp(0, 23)).unwrap_or(8),
        language: Language::parse(&language).unwrap_or_default(),
    }
}

/// An active member's mail contact (none once deactivated).
pub(crate) async fn mail_contact(
    conn: &mut sqlx::AnyConnection,
    member_id: i64,
) -> Result<Option<MailContact>> {
    let row: Option<ContactRow> = sqlx::query_as(
        "SELECT id, email, time_zone, digest_hour, language FROM members WHERE id = $1 AND active = 1",
    )
    .bind(member_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(contact))
}

/// The active owners of a workspace, but `except` (who acted).
pub(crate) async fn owner_contacts(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    except: Option<i64>,
) -> Result<Vec<MailContact>> {
    let rows: Vec<ContactRow> = sqlx::query_as(
        "SELECT id, email, time_zone, digest_hour, language FROM members WHERE workspace_id = $1 \
         AND role = 'owner' AND active = 1 AND id <> $2 ORDER BY id",
    )
    .bind(workspace_id)
    .bind(except.unwrap_or(0))
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(contact).collect())
}

/// Sets the hour of the member's own day their digest comes.
pub(crate) async fn set_digest_hour(
    conn: &mut sqlx::AnyConnection,
    member_id: i64,
    hour: u8,
) -> Result<()> {
    sqlx::query("UPDATE members SET digest_hour = $1 WHERE id = $2")
        .bind(i64::from(hour))
        .bind(member_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Sets the language of the member's e-mail.
pub(crate) async fn set_language(
    conn: &mut sqlx::AnyConnection,
    member_id: i64,
    language: Language,
) -> Result<()> {
    sqlx::query("UPDATE members SET language = $1 WHERE id = $2")
        .bind(language.code())
        .bind(member_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A stored language code as a language (English for none).
fn language_in(code: Option<String>) -> Language {
    code.as_deref()
        .and_then(Language::parse)
        .unwrap_or_default()
}

/// The language of a member's e-mail (English for no such member).
pub(crate) async fn language_of(
    conn: &mut sqlx::AnyConnection,
    member_id: i64,
) -> Result<Language> {
    let code: Option<String> = sqlx::query_scalar("SELECT language FROM members WHERE id = $1")
        .bind(member_id)
        .fetch_optional(conn)
        .await?;
    Ok(language_in(code))
}

/// The business's language, for mail to its clients: its first owner's.
pub(crate) async fn business_language(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
) -> Result<Language> {
    let code: Option<String> = sqlx::query_scalar(
        "SELECT language FROM members WHERE workspace_id = $1 AND role = 'owner' \
         ORDER BY active DESC, id LIMIT 1",
    )
    .bind(workspace_id)
    .fetch_optional(conn)
    .await?;
    Ok(language_in(code))
}

/// A member's own name, as their colleagues see it (none for no member).
pub(crate) async fn display_name(
    conn: &mut sqlx::AnyConnection,
    member_id: Option<i64>,
) -> Result<Option<String>> {
    let Some(id) = member_id else { return Ok(None) };
    Ok(
        sqlx::query_scalar("SELECT display_name FROM members WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?,
    )
}
