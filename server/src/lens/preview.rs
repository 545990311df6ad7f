//! What the owner's preview applies: the provider lens's secrets for a
//! task not saved yet, so the owner reads exactly what the provider will.

use super::workspace::WorkspaceSecrets;
use crate::client_row;
use crate::error::Result;
use handoff::redaction::Secrets;
use handoff::{ClientField, ProviderSecrets};

/// The owner's preview: the secrets the provider lens would apply to a task
/// for `client_id` (none chosen: the workspace's clients alone), so the
/// preview, asked of the server at every pause in typing, is exactly what
/// the provider will get. The workspace's values (and country) come from the
/// compiled cache the provider pages use: not read again per preview.
pub(crate) async fn preview_secrets(
    db: &crate::Database,
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    task_id: Option<i64>,
    client_id: Option<i64>,
) -> Result<ProviderSecrets> {
    let workspace = WorkspaceSecrets::load(db, conn, workspace_id).await?.0;
    let mut secrets = Secrets::new();
    let mut shown = Vec::new();
    if let Some(client_id) = client_id {
        let c = client_row::load(conn, workspace_id, client_id).await?;
        let fields = match task_id {
            Some(task_id) => crate::disclosure::disclosed_fields(conn, task_id).await?,
            None => Vec::new(),
        };
        let fields: Vec<ClientField> = fields
            .into_iter()
            .filter(|f| {
                c.row
                    .field(&c.custom, *f)
                    .is_some_and(|(_, kind, _)| kind.disclosable())
            })
            .collect();
        shown = fields
            .iter()
            .filter_map(|f| c.row.field(&c.custom, *f).map(|(_, _, v)| v))
            .chain(c.disclosed_name_parts(&fields))
            .collect();
        secrets.extend(&c.task_secrets_except(&fields));
    }
    if let Some(task_id) = task_id {
        for former in crate::task::store::former_clients(conn, task_id).await? {
            if Some(former) != client_id {
                let c = client_row::load(conn, workspace_id, former).await?;
                secrets.extend(&c.task_secrets());
            }
        }
    }
    Ok(ProviderSecrets {
        client: secrets,
        workspace,
        shown,
    })
}
