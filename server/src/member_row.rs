//! The reads other features make of `members` (names, zones, the list of
//! providers). Writes belong to the features that own the columns:
//! `accounts` (sign-up, password), `profile` (name, zone, mail), `team`
//! (roles, activity), `two_factor` (second factor).

use crate::error::Result;
use chrono_tz::Tz;

/// A member's own time zone (UTC for no member, or a zone that no longer
/// parses).
pub(crate) async fn time_zone(conn: &mut sqlx::AnyConnection, member_id: i64) -> Result<Tz> {
    let zone: Option<String> = sqlx::query_scalar("SELECT time_zone FROM members WHERE id = $1")
        .bind(member_id)
        .fetch_optional(conn)
        .await?;
    Ok(zone.and_then(|z| z.parse().ok()).unwrap_or(Tz::UTC))
}

/// A member's name as their colleagues see it.
pub(crate) async fn display_name(
    conn: &mut sqlx::AnyConnection,
    id: i64,
) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT display_name FROM members WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?,
    )
}

/// A member's workspace and e-mail address.
pub(crate) async fn workspace_and_email(
    conn: &mut sqlx::AnyConnection,
    member_id: i64,
) -> Result<(i64, String)> {
    Ok(
        sqlx::query_as("SELECT workspace_id, email FROM members WHERE id = $1")
            .bind(member_id)
            .fetch_one(conn)
            .await?,
    )
}

/// The stored hash of a member's password.
pub(crate) async fn password_hash(
    conn: &mut sqlx::AnyConnection,
    member_id: i64,
) -> Result<String> {
    Ok(
        sqlx::query_scalar("SELECT password_hash FROM members WHERE id = $1")
            .bind(member_id)
            .fetch_one(conn)
            .await?,
    )
}

/// Everyone who ever joined the workspace, by name (the audit log's filter).
pub(crate) async fn names(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, display_name FROM members WHERE workspace_id = $1 ORDER BY display_name, id",
    )
    .bind(workspace_id)
    .fetch_all(conn)
    .await?)
}

/// The providers a task can be given to, by name.
pub(crate) async fn active_providers(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, display_name FROM members WHERE workspace_id = $1 AND role = 'provider' \
         AND active = 1 ORDER BY display_name, id",
    )
    .bind(workspace_id)
    .fetch_all(conn)
    .await?)
}

/// Whether `member_id` is an active provider of the workspace.
pub(crate) async fn is_active_provider(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    member_id: i64,
) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM members WHERE id = $1 AND workspace_id = $2 AND role = 'provider' AND active = 1",
    )
    .bind(member_id)
    .bind(workspace_id)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

/// Whether the workspace has any active provider yet.
pub(crate) async fn any_active_provider(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM members WHERE workspace_id = $1 AND role = 'provider' AND active = 1 LIMIT 1",
    )
    .bind(workspace_id)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

/// Every name a provider of the workspace goes or went by: what a client
/// must never read.
pub(crate) async fn provider_names_ever(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT display_name FROM members WHERE workspace_id = $1 AND role = 'provider' \
         UNION SELECT f.display_name FROM member_former_names f \
         JOIN members m ON m.id = f.member_id \
         WHERE f.workspace_id = $1 AND m.role = 'provider'",
    )
    .bind(workspace_id)
    .fetch_all(conn)
    .await?)
}

/// What a member's page needs of them and their workspace, in one query:
/// their zone, the business's, and the version of the workspace's client
/// values (whether its compiled copy is still good).
pub(crate) struct PageContext {
    pub member_zone: Tz,
    pub workspace_zone: Tz,
    pub values_version: i64,
}

pub(crate) async fn page_context(
    conn: &mut sqlx::AnyConnection,
    member_id: i64,
) -> Result<PageContext> {
    let (member_zone, workspace_zone, values_version): (String, String, i64) = sqlx::query_as(
        "SELECT m.time_zone, w.time_zone, w.client_values_version \
             FROM members m JOIN workspaces w ON w.id = m.workspace_id WHERE m.id = $1",
    )
    .bind(member_id)
    .fetch_one(conn)
    .await?;
    Ok(PageContext {
        member_zone: member_zone.parse().unwrap_or(Tz::UTC),
        workspace_zone: workspace_zone.parse().unwrap_or(Tz::UTC),
        values_version,
    })
}
