//! A member's own name and time zone, changed from their account page.

use crate::accounts::check_time_zone;
use crate::error::{Error, Result};
use crate::{Actor, Database};
use handoff::{AuditAction, DisplayName};

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
