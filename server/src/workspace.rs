//! The `workspaces` table's one owner: the business's name, zone and
//! currency, its settings and the version of its clients' values. Features
//! ask here; none of them writes SQL about a workspace.

use crate::error::Result;
use chrono_tz::Tz;

/// A new business, made with its first owner on sign-up.
pub(crate) async fn create(
    conn: &mut sqlx::AnyConnection,
    name: &str,
    time_zone: &str,
    currency: &str,
    now: i64,
) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO workspaces (name, time_zone, currency, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(name)
    .bind(time_zone)
    .bind(currency)
    .bind(now)
    .fetch_one(conn)
    .await?)
}

/// The business's name, as clients know it.
pub(crate) async fn name(conn: &mut sqlx::AnyConnection, workspace_id: i64) -> Result<String> {
    Ok(
        sqlx::query_scalar("SELECT name FROM workspaces WHERE id = $1")
            .bind(workspace_id)
            .fetch_one(conn)
            .await?,
    )
}

/// The business's time zone (UTC if the stored one no longer parses) and
/// its currency.
pub(crate) async fn zone_and_currency(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
) -> Result<(Tz, String)> {
    let (zone, currency): (String, String) =
        sqlx::query_as("SELECT time_zone, currency FROM workspaces WHERE id = $1")
            .bind(workspace_id)
            .fetch_one(conn)
            .await?;
    Ok((zone.parse().unwrap_or(Tz::UTC), currency))
}

/// The version of the workspace's clients' values (bumped by every write
/// that changes one) and its zone as stored: what decides whether a
/// compiled copy of the values is still good.
pub(crate) async fn values_version_and_zone(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
) -> Result<(i64, String)> {
    Ok(
        sqlx::query_as("SELECT client_values_version, time_zone FROM workspaces WHERE id = $1")
            .bind(workspace_id)
            .fetch_one(conn)
            .await?,
    )
}

/// Says, in the write's own transaction, that a client's values changed:
/// every app server's compiled copy is stale from its commit on.
pub(crate) async fn values_changed(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE workspaces SET client_values_version = client_values_version + 1 WHERE id = $1",
    )
    .bind(workspace_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Takes the workspace's row lock, so that a second write of the same kind
/// waits for the first on PostgreSQL (SQLite's write transaction already
/// does).
pub(crate) async fn lock(conn: &mut sqlx::AnyConnection, workspace_id: i64) -> Result<()> {
    sqlx::query("UPDATE workspaces SET name = name WHERE id = $1")
        .bind(workspace_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Whether every owner must sign in with a second factor.
pub(crate) async fn set_owner_two_factor_required(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    required: bool,
) -> Result<()> {
    sqlx::query("UPDATE workspaces SET require_owner_totp = $1 WHERE id = $2")
        .bind(i64::from(required))
        .bind(workspace_id)
        .execute(conn)
        .await?;
    Ok(())
}
