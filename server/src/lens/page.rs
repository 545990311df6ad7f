//! The lenses of one provider page, from a fixed number of set-based
//! queries however many rows it shows: the tasks' disclosures, the clients
//! they used to be about, and every client among them, each read once for
//! the page (a page of a hundred tasks used to ask five queries per row).

use super::looks::LookLog;
use super::provider::{Core, ProviderLens, TaskScope};
use super::workspace::{Likeness, WorkspaceSecrets};
use crate::bulk::IdSet;
use crate::caller::Provider;
use crate::client_row::{self, Client};
use crate::error::{Error, Result};
use handoff::ClientField;
use std::collections::HashMap;
use std::sync::Arc;

/// One lens per task of `scopes`, in their order.
pub(crate) async fn lenses(
    conn: &mut sqlx::AnyConnection,
    provider: &Provider,
    log: &LookLog,
    workspace: &WorkspaceSecrets,
    scopes: &[TaskScope],
) -> Result<Vec<ProviderLens>> {
    if scopes.is_empty() {
        return Ok(Vec::new());
    }
    let task_ids: Vec<i64> = scopes.iter().map(|s| s.task_id).collect();
    let tasks = IdSet::new(conn, &task_ids);
    let formers = crate::task::store::former_clients_of(conn, &tasks).await?;
    let disclosures = crate::disclosure::disclosed_keys_of(conn, &tasks).await?;
    let mut fields: HashMap<i64, Vec<ClientField>> = HashMap::new();
    for (task_id, key) in &disclosures {
        if let Some(field) = ClientField::parse_key(key) {
            fields.entry(*task_id).or_default().push(field);
        }
    }
    let mut former_ids: HashMap<i64, Vec<i64>> = HashMap::new();
    for (task_id, client_id) in &formers {
        former_ids.entry(*task_id).or_default().push(*client_id);
    }
    let likenesses: Vec<(Likeness, Vec<ClientField>)> = scopes
        .iter()
        .map(|scope| {
            let mut formers = former_ids.remove(&scope.task_id).unwrap_or_default();
            formers.sort_unstable();
            let disclosed = fields.remove(&scope.task_id).unwrap_or_default();
            let likeness = Likeness {
                open: scope.state.is_open(),
                client_id: scope.client_id,
                disclosed: disclosed.iter().map(|f| f.key()).collect(),
                formers,
            };
            (likeness, disclosed)
        })
        .collect();
    // Cores kept from earlier pages; the clients of the others are read once.
    let mut cores: HashMap<Likeness, Arc<Core>> = HashMap::new();
    let mut client_ids = Vec::new();
    for (likeness, _) in &likenesses {
        if cores.contains_key(likeness) {
            continue;
        }
        match workspace.core(likeness) {
            Some(core) => {
                cores.insert(likeness.clone(), core);
            }
            None => client_ids.extend(likeness.client_id.iter().chain(&likeness.formers)),
        }
    }
    client_ids.sort_unstable();
    client_ids.dedup();
    let clients = if client_ids.is_empty() {
        HashMap::new()
    } else {
        client_row::load_many(conn, provider.workspace_id(), &client_ids).await?
    };
    let client = |id: i64| -> Result<&Client> { clients.get(&id).ok_or(Error::NotFound) };
    let mut out = Vec::with_capacity(scopes.len());
    for (scope, (likeness, disclosed)) in scopes.iter().zip(likenesses) {
        let core = match cores.get(&likeness) {
            Some(core) => core.clone(),
            None => {
                let own = likeness.client_id.map(client).transpose()?;
                let former = likeness
                    .formers
                    .iter()
                    .map(|id| client(*id))
                    .collect::<Result<Vec<_>>>()?;
                let core =
                    ProviderLens::core(likeness.open, own, disclosed, &former, &workspace.0)?;
                workspace.keep_core(likeness.clone(), core.clone());
                cores.insert(likeness, core.clone());
                core
            }
        };
        out.push(ProviderLens::with_core(scope.task_id, core, log));
    }
    Ok(out)
}

/// The lens of one of the provider's tasks (a page about that task).
pub(crate) async fn lens(
    conn: &mut sqlx::AnyConnection,
    provider: &Provider,
    log: &LookLog,
    workspace: &WorkspaceSecrets,
    task: &TaskScope,
) -> Result<ProviderLens> {
    let mut lenses = lenses(conn, provider, log, workspace, std::slice::from_ref(task)).await?;
    lenses.pop().ok_or(Error::NotFound)
}
