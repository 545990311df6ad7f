//! The members of a workspace as owners manage them: the list, and
//! deactivation (which ends every session at once) and its undoing.

use super::*;

/// The workspace's members, owners first, then by name.
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn members(db: &Database, owner: &Owner) -> Result<Vec<MemberSummary>> {
    let actor = owner.account();
    let rows: Vec<(i64, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, display_name, email, role, time_zone, active FROM members \
         WHERE workspace_id = $1 ORDER BY role, display_name, id",
    )
    .bind(actor.workspace_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, display_name, email, role, time_zone, active)| {
            Some(MemberSummary {
                member_id: id,
                display_name,
                email,
                role: Role::parse(&role)?,
                time_zone,
                active: active == 1,
            })
        })
        .collect())
}

/// Deactivates a provider of the actor's workspace: their sessions end at
/// once and they can no longer sign in. Their history keeps their name.
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn deactivate(db: &Database, owner: &Owner, member_id: i64) -> Result<()> {
    let actor = owner.account();
    let mut tx = db.write(owner, 0).await?;
    let role: Option<String> = sqlx::query_scalar(
        "SELECT role FROM members WHERE id = $1 AND workspace_id = $2 AND active = 1",
    )
    .bind(member_id)
    .bind(actor.workspace_id)
    .fetch_optional(&mut *tx)
    .await?;
    match role.as_deref().and_then(Role::parse) {
        None => return Err(Error::NotFound),
        Some(Role::Owner) => return Err(Error::Forbidden),
        Some(Role::Provider) => {}
    }
    sqlx::query("UPDATE members SET active = 0 WHERE id = $1")
        .bind(member_id)
        .execute(&mut *tx)
        .await?;
    session::end_all_for_member(&mut *tx, member_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Lets a deactivated provider of the actor's workspace sign in again.
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn reactivate(db: &Database, owner: &Owner, member_id: i64) -> Result<()> {
    let actor = owner.account();
    let changed = sqlx::query(
        "UPDATE members SET active = 1 \
         WHERE id = $1 AND workspace_id = $2 AND role = 'provider' AND active = 0",
    )
    .bind(member_id)
    .bind(actor.workspace_id)
    .execute(db.pool())
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(Error::NotFound);
    }
    Ok(())
}
