//! The home page of a signed-in member and the counts beside the
//! navigation's "Tasks": what needs them today. Owners read their whole
//! workspace, client names included; a provider reads only their own
//! tasks, each line through the provider lens (R1, R3, R8).

use super::line::{task_line, LineRow, LINE_COLUMNS, LINE_JOINS};
use super::provider_views::lines;
use super::store::{assigned_in, states_sql};
use crate::caller::{Member, Owner, Provider};
use crate::error::Result;
use crate::lens::looks::LookLog;
use crate::Database;
use handoff::dashboard::{Beginnings, DASHBOARD_LINES, DUE_SOON_MS};
use handoff::{
    Dashboard, OwnerDashboard, ProviderDashboard, Shortlist, TaskLine, TaskState, Waiting,
};

/// The home page the member's role has.
#[tracing::instrument(skip(db), fields(member = member.member_id()))]
pub async fn dashboard(db: &Database, member: &Member, now: i64) -> Result<Dashboard> {
    Ok(match member {
        Member::Owner(owner) => Dashboard::Owner(owner_dashboard(db, owner, now).await?),
        Member::Provider(provider) => {
            Dashboard::Provider(provider_dashboard(db, provider, now).await?)
        }
    })
}

/// What waits for the member: cheap counts for the navigation.
#[tracing::instrument(skip(db), fields(member = member.member_id()))]
pub async fn waiting(db: &Database, member: &Member, now: i64) -> Result<Waiting> {
    let mut conn = db.pool().acquire().await?;
    let (first, second) = crate::thread::unread_counts(&mut conn, member).await?;
    Ok(match member {
        Member::Owner(owner) => Waiting::Owner {
            to_review: count(&mut conn, owner.workspace_id(), OwnerList::ToReview, now).await?,
            overdue: count(&mut conn, owner.workspace_id(), OwnerList::Overdue, now).await?,
            relay_pending: first,
            unread_client: second,
        },
        Member::Provider(provider) => {
            let (to_do, changes_requested) = to_do_and_changes(&mut conn, provider).await?;
            Waiting::Provider {
                to_do,
                changes_requested,
                unread_team: first,
                returned_relays: second,
            }
        }
    })
}

/// A provider's work to do: given to them and not handed in yet.
const TO_DO: &[TaskState] = &[TaskState::Assigned, TaskState::InProgress];

#[derive(Clone, Copy, Debug)]
enum OwnerList {
    ToReview,
    Overdue,
    DueSoon,
    Unassigned,
}

impl OwnerList {
    /// The list's condition on `tasks t` (`$1` is the workspace) and the
    /// instants it compares with, bound from `$2` on. Review waits on the
    /// owner, so it is left out of the lists of tasks that wait on a
    /// provider.
    fn condition(self, now: i64) -> (&'static str, Vec<i64>) {
        match self {
            OwnerList::ToReview => ("t.state = 'submitted'", vec![]),
            OwnerList::Overdue => (
                "t.closed = 0 AND t.state <> 'submitted' AND t.due_sort < $2",
                vec![now],
            ),
            OwnerList::DueSoon => (
                "t.closed = 0 AND t.state <> 'submitted' AND t.due_sort >= $2 AND t.due_sort < $3",
                vec![now, now + DUE_SOON_MS],
            ),
            OwnerList::Unassigned => ("t.state = 'draft'", vec![]),
        }
    }
}

async fn count(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    list: OwnerList,
    now: i64,
) -> Result<i64> {
    let (condition, instants) = list.condition(now);
    let sql = format!("SELECT COUNT(*) FROM tasks t WHERE t.workspace_id = $1 AND {condition}");
    let mut query = sqlx::query_scalar(&sql).bind(workspace_id);
    for at in instants {
        query = query.bind(at);
    }
    Ok(query.fetch_one(conn).await?)
}

/// A provider's open tasks to do and with changes requested, in one
/// query (it runs on every page the provider opens).
async fn to_do_and_changes(
    conn: &mut sqlx::AnyConnection,
    provider: &Provider,
) -> Result<(i64, i64)> {
    let changes = [TaskState::ChangesRequested];
    let (to_do, changes_requested): (Option<i64>, Option<i64>) = sqlx::query_as(&format!(
        "SELECT SUM(CASE WHEN state IN ({to_do}) THEN 1 ELSE 0 END), \
                SUM(CASE WHEN state IN ({changes}) THEN 1 ELSE 0 END) \
         FROM tasks WHERE assignee_id = $1 AND workspace_id = $2 AND closed = 0 \
         AND state IN ({to_do}, {changes})",
        to_do = states_sql(TO_DO),
        changes = states_sql(&changes),
    ))
    .bind(provider.member_id())
    .bind(provider.workspace_id())
    .fetch_one(conn)
    .await?;
    Ok((to_do.unwrap_or(0), changes_requested.unwrap_or(0)))
}

async fn count_mine(
    conn: &mut sqlx::AnyConnection,
    provider: &Provider,
    states: &[TaskState],
) -> Result<i64> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM tasks WHERE assignee_id = $1 AND workspace_id = $2 AND closed = 0 \
         AND state IN ({})",
        states_sql(states)
    ))
    .bind(provider.member_id())
    .bind(provider.workspace_id())
    .fetch_one(conn)
    .await?)
}

async fn owner_list(
    conn: &mut sqlx::AnyConnection,
    owner: &Owner,
    list: OwnerList,
    now: i64,
) -> Result<Shortlist<TaskLine>> {
    let viewer = crate::member_row::time_zone(conn, owner.member_id()).await?;
    let (condition, instants) = list.condition(now);
    let sql = format!(
        "SELECT {LINE_COLUMNS} {LINE_JOINS} \
         WHERE t.workspace_id = $1 AND {condition} ORDER BY t.due_sort, t.id LIMIT {DASHBOARD_LINES}"
    );
    let mut query = sqlx::query_as(&sql).bind(owner.workspace_id());
    for at in instants {
        query = query.bind(at);
    }
    let rows: Vec<LineRow> = query.fetch_all(&mut *conn).await?;
    let lines = rows
        .into_iter()
        .map(|row| task_line(row, viewer, now))
        .collect::<Result<Vec<_>>>()?;
    let total = if lines.len() < DASHBOARD_LINES {
        lines.len() as i64
    } else {
        count(conn, owner.workspace_id(), list, now).await?
    };
    Ok(Shortlist { lines, total })
}

/// Whether the workspace has any of the things an owner starts with.
async fn beginnings(conn: &mut sqlx::AnyConnection, workspace_id: i64) -> Result<Beginnings> {
    let tasks: Option<i64> =
        sqlx::query_scalar("SELECT id FROM tasks WHERE workspace_id = $1 LIMIT 1")
            .bind(workspace_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(Beginnings {
        clients: crate::client_refs::any(conn, workspace_id).await?,
        tasks: tasks.is_some(),
        providers: crate::member_row::any_active_provider(conn, workspace_id).await?,
    })
}

/// Owners: the review queue, overdue tasks, tasks due within seven days
/// and unassigned drafts, each its first lines and its count.
#[tracing::instrument(skip_all)]
pub async fn owner_dashboard(db: &Database, owner: &Owner, now: i64) -> Result<OwnerDashboard> {
    let mut conn = db.pool().acquire().await?;
    Ok(OwnerDashboard {
        to_review: owner_list(&mut conn, owner, OwnerList::ToReview, now).await?,
        overdue: owner_list(&mut conn, owner, OwnerList::Overdue, now).await?,
        due_soon: owner_list(&mut conn, owner, OwnerList::DueSoon, now).await?,
        unassigned: owner_list(&mut conn, owner, OwnerList::Unassigned, now).await?,
        beginnings: beginnings(&mut conn, owner.workspace_id()).await?,
    })
}

/// Providers: changes asked for first, then the next tasks by due time,
/// every line through the lens, due in the provider's own zone.
#[tracing::instrument(skip_all)]
pub async fn provider_dashboard(
    db: &Database,
    provider: &Provider,
    now: i64,
) -> Result<ProviderDashboard> {
    let mut conn = db.pool().acquire().await?;
    let (ws, me) = (provider.workspace_id(), provider.member_id());
    let limit = DASHBOARD_LINES as i64;
    let changes = assigned_in(&mut conn, ws, me, &[TaskState::ChangesRequested], limit).await?;
    let next = assigned_in(&mut conn, ws, me, TO_DO, limit).await?;
    let changes_total = count_mine(&mut conn, provider, &[TaskState::ChangesRequested]).await?;
    let next_total = count_mine(&mut conn, provider, TO_DO).await?;
    let waiting_for_review = count_mine(&mut conn, provider, &[TaskState::Submitted]).await?;
    let log = LookLog::new(db, provider, now);
    // Both lists through one page of lenses.
    let split = changes.len();
    let both = changes.into_iter().chain(next).collect();
    let mut changes = lines(db, &mut conn, provider, &log, both, now).await?;
    let next = changes.split_off(split);
    drop(conn);
    Ok(ProviderDashboard {
        changes_requested: Shortlist {
            lines: changes,
            total: changes_total,
        },
        next: Shortlist {
            lines: next,
            total: next_total,
        },
        waiting_for_review,
    })
}
