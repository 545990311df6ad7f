//! The reads other features make of the client list (the audit log's
//! filter, the task form's choices, the home page's first steps). The
//! records themselves are `clients` and `client_row`.

use crate::error::Result;

/// Every client of the workspace, erased ones too, by alias.
pub(crate) async fn aliases(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
) -> Result<Vec<(i64, String)>> {
    Ok(
        sqlx::query_as("SELECT id, alias FROM clients WHERE workspace_id = $1 ORDER BY alias")
            .bind(workspace_id)
            .fetch_all(conn)
            .await?,
    )
}

/// The clients that still have a name (id, alias, name), by name; at most
/// 500, as a form's choices.
pub(crate) async fn named(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
) -> Result<Vec<(i64, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, alias, name FROM clients WHERE workspace_id = $1 AND erased_at IS NULL \
         ORDER BY name_search, id LIMIT 500",
    )
    .bind(workspace_id)
    .fetch_all(conn)
    .await?)
}

/// Whether `client_id` is a client of the workspace that is not erased.
pub(crate) async fn is_usable(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    client_id: i64,
) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM clients WHERE id = $1 AND workspace_id = $2 AND erased_at IS NULL",
    )
    .bind(client_id)
    .bind(workspace_id)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}

/// Whether the workspace has any client that is not erased.
pub(crate) async fn any(conn: &mut sqlx::AnyConnection, workspace_id: i64) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM clients WHERE workspace_id = $1 AND erased_at IS NULL LIMIT 1",
    )
    .bind(workspace_id)
    .fetch_optional(conn)
    .await?;
    Ok(found.is_some())
}
