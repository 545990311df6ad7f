//! What a provider reads of their tasks: only through the provider lens, so
//! every text is a `ProviderText` made with the right secrets, and every
//! look at disclosed data is recorded (R1, R3, R8).

use super::store::{self, Task};
use super::work_view::{self, Viewer};
use crate::caller::Provider;
use crate::error::{Error, Result};
use crate::lens::looks::LookLog;
use crate::lens::page;
use crate::lens::provider::TaskScope;
use crate::lens::workspace::WorkspaceSecrets;
use crate::Database;
use handoff::{ProviderTask, ProviderTaskLine, Role};

fn scope(task: &Task) -> TaskScope {
    TaskScope {
        task_id: task.id,
        client_id: task.client_id,
        state: task.state,
    }
}

/// A provider's tasks: open first, by due time, in their own zone.
#[tracing::instrument(skip(db), fields(member = provider.member_id()))]
pub async fn my_tasks(
    db: &Database,
    provider: &Provider,
    now: i64,
) -> Result<Vec<ProviderTaskLine>> {
    let mut conn = db.pool().acquire().await?;
    let tasks = store::assigned_to(
        &mut conn,
        provider.workspace_id(),
        provider.member_id(),
        100,
    )
    .await?;
    let log = LookLog::new(db, provider, now);
    lines(db, &mut conn, provider, &log, tasks, now).await
}

/// The lines of a list of the provider's tasks, each through its task's
/// lens, due in the provider's zone.
pub(super) async fn lines(
    db: &Database,
    conn: &mut sqlx::AnyConnection,
    provider: &Provider,
    log: &LookLog,
    tasks: Vec<Task>,
    now: i64,
) -> Result<Vec<ProviderTaskLine>> {
    // The reader's zone, the business's and its values' version: one query.
    let here = crate::member_row::page_context(conn, provider.member_id()).await?;
    let (viewer, business) = (here.member_zone, here.workspace_zone);
    let workspace = WorkspaceSecrets::at_version(
        db,
        conn,
        provider.workspace_id(),
        here.values_version,
        business.name(),
    )
    .await?;
    let scopes: Vec<TaskScope> = tasks.iter().map(scope).collect();
    let lenses = page::lenses(conn, provider, log, &workspace, &scopes).await?;
    let mut out = Vec::with_capacity(tasks.len());
    for (task, lens) in tasks.into_iter().zip(lenses) {
        out.push(ProviderTaskLine {
            task_id: task.id,
            title: lens.text(&task.title),
            state: task.state,
            client_alias: lens.alias(),
            outcome_kind: lens.text(&task.outcome_kind),
            due: task
                .due_at
                .filter(|_| task.state.is_open())
                .map(|at| super::due::due_view(task.state, at, viewer, Some(business), now)),
        });
    }
    Ok(out)
}

/// One of the provider's tasks: alias, disclosed fields, instructions and
/// the work loop, all through the lens.
#[tracing::instrument(skip(db), fields(member = provider.member_id()))]
pub async fn provider_task(
    db: &Database,
    provider: &Provider,
    task_id: i64,
    now: i64,
) -> Result<ProviderTask> {
    let mut conn = db.pool().acquire().await?;
    let task = store::load(&mut conn, provider.workspace_id(), task_id).await?;
    if task.assignee_id != Some(provider.member_id()) {
        return Err(Error::NotFound);
    }
    let workspace = WorkspaceSecrets::load(db, &mut conn, provider.workspace_id()).await?;
    let log = LookLog::new(db, provider, now);
    let lens = page::lens(&mut conn, provider, &log, &workspace, &scope(&task)).await?;
    let (viewer, currency) =
        Viewer::of(&mut conn, Role::Provider, provider.member_id(), &task).await?;
    let work = work_view::build(
        &mut conn,
        &viewer,
        &currency,
        &task,
        now,
        |t| lens.text(t),
        |t| lens.html(t),
    )
    .await?;
    drop(conn);
    let page = ProviderTask {
        task_id,
        version: task.version,
        title: lens.text(&task.title),
        instructions_html: lens.html(&task.instructions),
        state: task.state,
        client: lens.client_view(),
        work,
    };
    Ok(page)
}

/// Whether a provider's device may keep this task's page for reading
/// offline: only their own open task. A task that is over has had its
/// disclosures end, so no copy of it stays on the device.
#[tracing::instrument(skip_all)]
pub async fn keeps_offline(db: &Database, provider: &Provider, task_id: i64) -> Result<bool> {
    let mut conn = db.pool().acquire().await?;
    match store::load(&mut conn, provider.workspace_id(), task_id).await {
        Ok(task) => Ok(task.assignee_id == Some(provider.member_id()) && task.state.is_open()),
        Err(crate::Error::NotFound) => Ok(false),
        Err(e) => Err(e),
    }
}
