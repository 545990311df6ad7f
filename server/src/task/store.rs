//! The SQL of a task's own tables (`tasks`, `task_former_clients`, and the
//! zones a task's instants are shown in). Rows are decoded strictly: a
//! stored value that breaks the rules is an error, never a default.

use crate::error::Context;
use crate::error::{Error, Result};
use handoff::task::ValidTask;
use handoff::work::{PriceKind, Priority};
use handoff::TaskState;

#[derive(sqlx::FromRow)]
struct TaskRow {
    id: i64,
    workspace_id: i64,
    title: String,
    instructions: String,
    client_id: Option<i64>,
    assignee_id: Option<i64>,
    state: String,
    version: i64,
    criteria: String,
    outcome_kind: String,
    outcome_target: String,
    priority: String,
    due_at: Option<i64>,
    price_kind: String,
    price_minor: i64,
    bonus_minor: i64,
    revisions: i64,
}

const COLUMNS: &str = "id, workspace_id, title, instructions, client_id, assignee_id, \
     state, version, criteria, outcome_kind, outcome_target, priority, due_at, price_kind, \
     price_minor, bonus_minor, revisions";

/// A task as stored, decoded.
#[derive(Clone, Debug)]
pub(crate) struct Task {
    pub id: i64,
    pub workspace_id: i64,
    pub title: String,
    pub instructions: String,
    pub client_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub state: TaskState,
    pub version: i64,
    pub criteria: Vec<String>,
    pub outcome_kind: String,
    pub outcome_target: String,
    pub priority: Priority,
    pub due_at: Option<i64>,
    pub price_kind: PriceKind,
    pub price_minor: i64,
    pub bonus_minor: i64,
    pub revisions: i64,
}

fn corrupt(what: &str, id: i64, value: &str) -> Error {
    Error::corrupt(format!("{what} {value:?} of task {id}"))
}

impl TryFrom<TaskRow> for Task {
    type Error = Error;

    fn try_from(r: TaskRow) -> Result<Task> {
        Ok(Task {
            state: TaskState::parse(&r.state).ok_or_else(|| corrupt("state", r.id, &r.state))?,
            priority: Priority::parse(&r.priority)
                .ok_or_else(|| corrupt("priority", r.id, &r.priority))?,
            price_kind: PriceKind::parse(&r.price_kind)
                .ok_or_else(|| corrupt("price kind", r.id, &r.price_kind))?,
            criteria: serde_json::from_str(&r.criteria)
                .map_err(|_| corrupt("criteria", r.id, &r.criteria))?,
            id: r.id,
            workspace_id: r.workspace_id,
            title: r.title,
            instructions: r.instructions,
            client_id: r.client_id,
            assignee_id: r.assignee_id,
            version: r.version,
            outcome_kind: r.outcome_kind,
            outcome_target: r.outcome_target,
            due_at: r.due_at,
            price_minor: r.price_minor,
            bonus_minor: r.bonus_minor,
            revisions: r.revisions,
        })
    }
}

pub(crate) async fn load(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    task_id: i64,
) -> Result<Task> {
    let row: TaskRow = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM tasks WHERE id = $1 AND workspace_id = $2"
    ))
    .bind(task_id)
    .bind(workspace_id)
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound)?;
    row.try_into()
}

/// A provider's tasks, open first, by due time (the `tasks_mine` index).
pub(crate) async fn assigned_to(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    member_id: i64,
    limit: i64,
) -> Result<Vec<Task>> {
    let rows: Vec<TaskRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM tasks WHERE assignee_id = $1 AND workspace_id = $2 \
         ORDER BY closed, due_sort, id LIMIT $3"
    ))
    .bind(member_id)
    .bind(workspace_id)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(Task::try_from).collect()
}

fn criteria_json(t: &ValidTask) -> Result<String> {
    serde_json::to_string(&t.criteria).context("writing a task's criteria")
}

pub(crate) struct NewTask<'a> {
    pub workspace_id: i64,
    pub created_by: i64,
    pub task: &'a ValidTask,
    pub state: TaskState,
    pub due_at: Option<i64>,
}

pub(crate) async fn insert(
    conn: &mut sqlx::AnyConnection,
    n: NewTask<'_>,
    now: i64,
) -> Result<i64> {
    let t = n.task;
    Ok(sqlx::query_scalar(
        "INSERT INTO tasks (workspace_id, title, instructions, client_id, assignee_id, state, version, \
         created_by, created_at, updated_at, criteria, outcome_kind, outcome_target, priority, due_at, \
         price_kind, price_minor, bonus_minor, due_sort) \
         VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
         COALESCE($13, 9000000000000000)) RETURNING id",
    )
    .bind(n.workspace_id)
    .bind(&t.title)
    .bind(&t.instructions)
    .bind(t.client_id)
    .bind(t.assignee_id)
    .bind(n.state.as_str())
    .bind(n.created_by)
    .bind(now)
    .bind(criteria_json(t)?)
    .bind(&t.outcome_kind)
    .bind(&t.outcome_target)
    .bind(t.priority.as_str())
    .bind(n.due_at)
    .bind(t.price_kind.as_str())
    .bind(t.price_minor)
    .bind(t.bonus_minor)
    .fetch_one(conn)
    .await?)
}

/// Replaces what the task says, who it is for and who does it.
pub(crate) async fn update_terms(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
    t: &ValidTask,
    state: TaskState,
    due_at: Option<i64>,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "UPDATE tasks SET title = $1, instructions = $2, client_id = $3, assignee_id = $4, state = $5, \
         version = version + 1, updated_at = $6, criteria = $8, outcome_kind = $9, outcome_target = $10, \
         priority = $11, due_at = $12, price_kind = $13, price_minor = $14, bonus_minor = $15, \
         due_sort = COALESCE($12, 9000000000000000), \
         overdue_told_at = CASE WHEN due_at IS NOT DISTINCT FROM $12 THEN overdue_told_at END \
         WHERE id = $7",
    )
    .bind(&t.title)
    .bind(&t.instructions)
    .bind(t.client_id)
    .bind(t.assignee_id)
    .bind(state.as_str())
    .bind(now)
    .bind(task_id)
    .bind(criteria_json(t)?)
    .bind(&t.outcome_kind)
    .bind(&t.outcome_target)
    .bind(t.priority.as_str())
    .bind(due_at)
    .bind(t.price_kind.as_str())
    .bind(t.price_minor)
    .bind(t.bonus_minor)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether the task's status shows in its client's portal.
pub(crate) async fn set_show_in_portal(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
    show: bool,
    now: i64,
) -> Result<()> {
    sqlx::query("UPDATE tasks SET show_in_portal = $1, updated_at = $2 WHERE id = $3")
        .bind(i64::from(show))
        .bind(now)
        .bind(task_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// What else changes with a state.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum AlsoChange {
    Nothing,
    /// The provider declined: the task goes back unassigned.
    Unassign,
    /// Changes were asked for: one more round.
    AddRevision,
}

pub(crate) async fn set_state(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
    state: TaskState,
    also: AlsoChange,
    now: i64,
) -> Result<()> {
    let closed = i64::from(!state.is_open());
    sqlx::query(
        "UPDATE tasks SET state = $1, version = version + 1, updated_at = $2, closed = $3, \
         assignee_id = CASE WHEN $4 = 1 THEN NULL ELSE assignee_id END, \
         revisions = revisions + $5 WHERE id = $6",
    )
    .bind(state.as_str())
    .bind(now)
    .bind(closed)
    .bind(i64::from(also == AlsoChange::Unassign))
    .bind(i64::from(also == AlsoChange::AddRevision))
    .bind(task_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Remembers a client the task was about before its client changed.
pub(crate) async fn remember_former_client(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
    client_id: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO task_former_clients (task_id, client_id) VALUES ($1, $2) \
         ON CONFLICT (task_id, client_id) DO NOTHING",
    )
    .bind(task_id)
    .bind(client_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Which of a provider's tasks a list holds (home page, counts).
pub(crate) fn states_sql(states: &[TaskState]) -> String {
    // Only `as_str` values, which are fixed words: never input.
    let quoted: Vec<String> = states.iter().map(|s| format!("'{}'", s.as_str())).collect();
    quoted.join(", ")
}

/// A provider's tasks in some states, soonest due first (`tasks_mine`).
pub(crate) async fn assigned_in(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    member_id: i64,
    states: &[TaskState],
    limit: i64,
) -> Result<Vec<Task>> {
    let rows: Vec<TaskRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM tasks WHERE assignee_id = $1 AND workspace_id = $2 AND closed = 0 \
         AND state IN ({}) ORDER BY due_sort, id LIMIT $3",
        states_sql(states)
    ))
    .bind(member_id)
    .bind(workspace_id)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.into_iter().map(Task::try_from).collect()
}

/// A client's tasks for their record (newest first, at most 100): id,
/// title, state and the assignee's name.
pub(crate) async fn of_client(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    client_id: i64,
) -> Result<Vec<(i64, String, String, Option<String>)>> {
    Ok(sqlx::query_as(
        "SELECT t.id, t.title, t.state, m.display_name FROM tasks t \
         LEFT JOIN members m ON m.id = t.assignee_id \
         WHERE t.client_id = $1 AND t.workspace_id = $2 ORDER BY t.id DESC LIMIT 100",
    )
    .bind(client_id)
    .bind(workspace_id)
    .fetch_all(conn)
    .await?)
}

/// What deciding a task's disclosures needs: its client, state and
/// assignee (`None`: no such task in the workspace).
pub(crate) async fn disclosure_facts(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    task_id: i64,
) -> Result<Option<(Option<i64>, String, Option<i64>)>> {
    Ok(sqlx::query_as(
        "SELECT client_id, state, assignee_id FROM tasks WHERE id = $1 AND workspace_id = $2",
    )
    .bind(task_id)
    .bind(workspace_id)
    .fetch_optional(conn)
    .await?)
}

/// The titles and states of the tasks an owner shows in a client's portal,
/// in the order of the owner's board.
pub(crate) async fn shown_in_portal(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    client_id: i64,
) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as(
        "SELECT title, state FROM tasks WHERE workspace_id = $1 AND client_id = $2 \
         AND show_in_portal = 1 ORDER BY closed, due_sort, id",
    )
    .bind(workspace_id)
    .bind(client_id)
    .fetch_all(conn)
    .await?)
}

/// The clients a task had before its present one (the provider's lens
/// keeps hiding their values).
pub(crate) async fn former_clients(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
) -> Result<Vec<i64>> {
    Ok(
        sqlx::query_scalar("SELECT client_id FROM task_former_clients WHERE task_id = $1")
            .bind(task_id)
            .fetch_all(conn)
            .await?,
    )
}

/// The same for a page of tasks at once: (task, former client) pairs.
pub(crate) async fn former_clients_of(
    conn: &mut sqlx::AnyConnection,
    tasks: &crate::bulk::IdSet,
) -> Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(&format!(
        "SELECT task_id, client_id FROM task_former_clients WHERE task_id IN ({})",
        tasks.sql(1)
    ))
    .bind(tasks.json())
    .fetch_all(conn)
    .await?)
}
