//! The changes made to a task: owners create, edit, cancel and review;
//! providers start, decline, submit and resume. Every move is checked
//! against `handoff::work::next_state` for the caller's role and the task's
//! state, and against the version the caller saw.

use super::due::due_at;
use super::store::{self, AlsoChange, NewTask, Task};
use super::timeline::{self, event};
use crate::caller::{Member, Owner, Provider};
use crate::disclosure::{self, By};
use crate::draft;
use crate::error::{Error, Result};
use crate::live::Hint;
use crate::mail::notify::Notice;
use crate::unit::Unit;
use crate::Database;
use handoff::draft::{DraftKind, Submitted};
use handoff::submission::{Decision, ReviewInput, SubmissionInput};
use handoff::task::ValidTask;
use handoff::work::{next_state, Move, Tick};
use handoff::FieldError;
use handoff::{LiveKind, NotifyKind, TaskInput, TaskState};

mod outcome;

pub use outcome::{review, submit};

/// Live hints for a change to a task: its owners' pages (board, review
/// queue, counts) and each provider it concerns, before and after, change.
fn changed(unit: &mut Unit<'_>, workspace_id: i64, task_id: i64, providers: &[Option<i64>]) {
    let task = LiveKind::Task;
    unit.tell(Hint::to_owners(workspace_id, task, task_id));
    for provider in providers.iter().flatten() {
        unit.tell(Hint::to_member(workspace_id, *provider, task, task_id));
    }
}

/// The provider a task was just given to hears of it by mail.
fn tell_assignee(unit: &mut Unit<'_>, owner: &Owner, task_id: i64, assignee: Option<i64>) {
    if let Some(provider) = assignee {
        unit.notify(Notice::Member {
            workspace_id: owner.workspace_id(),
            member_id: provider,
            kind: NotifyKind::TaskAssigned,
            by: Some(owner.member_id()),
            task_id,
            seen: None,
        });
    }
}

/// Checks that the client and provider a task names are in the owner's
/// workspace (and usable), field by field.
async fn check_refs(conn: &mut sqlx::AnyConnection, owner: &Owner, t: &ValidTask) -> Result<()> {
    if let Some(id) = t.client_id {
        if !crate::client_refs::is_usable(conn, owner.workspace_id(), id).await? {
            return Err(Error::field("client_id", "Choose a client from the list."));
        }
    }
    if let Some(id) = t.assignee_id {
        if !crate::member_row::is_active_provider(conn, owner.workspace_id(), id).await? {
            return Err(Error::field(
                "assignee_id",
                "Choose an active provider from the list.",
            ));
        }
    }
    Ok(())
}

async fn due_for(
    conn: &mut sqlx::AnyConnection,
    owner: &Owner,
    t: &ValidTask,
    now: i64,
) -> Result<Option<i64>> {
    let owner_zone = crate::member_row::time_zone(&mut *conn, owner.member_id()).await?;
    let provider = match t.assignee_id {
        Some(p) => Some(crate::member_row::time_zone(&mut *conn, p).await?),
        None => None,
    };
    due_at(&t.due, owner_zone, provider, now)
}

/// A due time that has already passed is most often a slip of the year or
/// the month: the owner corrects it, or confirms that the task is due
/// already (it shows as overdue at once).
fn check_passed(t: &ValidTask, due_at: Option<i64>, now: i64) -> Result<()> {
    match due_at {
        Some(at) if at <= now && !t.due_passed_ok => Err(Error::Invalid(vec![
            FieldError::new(
                "due",
                "This due time has already passed. Check the date, or keep it below.",
            ),
            FieldError::new(
                "due_passed_ok",
                "Tick to keep a due time that has passed: the task is overdue at once.",
            ),
        ])),
        _ => Ok(()),
    }
}

async fn assigned_line(conn: &mut sqlx::AnyConnection, assignee: Option<i64>) -> Result<String> {
    Ok(match assignee {
        Some(id) => format!(
            "Assigned it to {}",
            crate::member_row::display_name(conn, id)
                .await?
                .unwrap_or_default()
        ),
        None => "Took it back as a draft".to_string(),
    })
}

fn by_owner(owner: &Owner) -> By {
    By {
        workspace_id: owner.workspace_id(),
        member_id: owner.member_id(),
    }
}

/// Owners: a new task; assigned at once when it names a provider.
#[tracing::instrument(skip(db, input), fields(member = owner.member_id()))]
pub async fn create(db: &Database, owner: &Owner, input: &TaskInput, now: i64) -> Result<i64> {
    let t = input.validate().map_err(Error::Invalid)?;
    let mut tx = db.write(owner, now).await?;
    check_refs(&mut tx, owner, &t).await?;
    let due_at = due_for(&mut tx, owner, &t, now).await?;
    check_passed(&t, due_at, now)?;
    let state = if t.assignee_id.is_some() {
        TaskState::Assigned
    } else {
        TaskState::Draft
    };
    let new = NewTask {
        workspace_id: owner.workspace_id(),
        created_by: owner.member_id(),
        task: &t,
        state,
        due_at,
    };
    let id = store::insert(&mut tx, new, now).await?;
    event(&mut tx, id, owner.member_id(), "Created the task", now).await?;
    if t.assignee_id.is_some() {
        let line = assigned_line(&mut tx, t.assignee_id).await?;
        event(&mut tx, id, owner.member_id(), &line, now).await?;
    }
    tell_assignee(&mut tx, owner, id, t.assignee_id);
    changed(&mut tx, owner.workspace_id(), id, &[t.assignee_id]);
    tx.commit().await?;
    Ok(id)
}

/// Owners: changes what the task says, who it is for and who does it. A
/// change based on an older version is refused (`Conflict`). A new client or
/// a new provider ends the disclosures made for the old ones; a former
/// client is remembered, so its values stay masked in the task's text.
#[tracing::instrument(skip(db, input), fields(member = owner.member_id()))]
pub async fn update(
    db: &Database,
    owner: &Owner,
    task_id: i64,
    version: i64,
    input: &TaskInput,
    now: i64,
) -> Result<()> {
    let t = input.validate().map_err(Error::Invalid)?;
    let mut tx = db.write(owner, now).await?;
    let row = store::load(&mut tx, owner.workspace_id(), task_id).await?;
    if row.version != version {
        return Err(Error::Conflict(row.version));
    }
    if !row.state.is_open() {
        return Err(Error::field(
            "title",
            "This task is over and can no longer be changed.",
        ));
    }
    check_refs(&mut tx, owner, &t).await?;
    let by = by_owner(owner);
    if row.client_id != t.client_id {
        disclosure::end_for_task(
            &mut tx,
            &by,
            task_id,
            row.client_id,
            "the task's client changed",
        )
        .await?;
        if let Some(former) = row.client_id {
            store::remember_former_client(&mut tx, task_id, former).await?;
        }
        // What the owner chose to show one client is not shown to the next:
        // the task leaves every portal until an owner shows it again.
        store::set_show_in_portal(&mut tx, task_id, false, now).await?;
    } else if row.assignee_id.is_some() && row.assignee_id != t.assignee_id {
        disclosure::end_for_task(
            &mut tx,
            &by,
            task_id,
            row.client_id,
            "the task was reassigned",
        )
        .await?;
    }
    let new_state = match (t.assignee_id, row.assignee_id == t.assignee_id) {
        (None, _) => TaskState::Draft,
        (Some(_), true) => row.state,
        (Some(_), false) => TaskState::Assigned,
    };
    // An unchanged "next morning" keeps its instant; a new one is counted
    // from now.
    let due_at = match (&t.due, row.due_at) {
        (handoff::Due::ProviderNextMorning, Some(at)) if row.assignee_id == t.assignee_id => {
            Some(at)
        }
        _ => due_for(&mut tx, owner, &t, now).await?,
    };
    // A task already overdue is saved as it is; only a newly set time asks.
    if due_at != row.due_at {
        check_passed(&t, due_at, now)?;
    }
    store::update_terms(&mut tx, task_id, &t, new_state, due_at, now).await?;
    event(&mut tx, task_id, owner.member_id(), "Edited the task", now).await?;
    if row.assignee_id != t.assignee_id {
        let line = assigned_line(&mut tx, t.assignee_id).await?;
        event(&mut tx, task_id, owner.member_id(), &line, now).await?;
        tell_assignee(&mut tx, owner, task_id, t.assignee_id);
    }
    let providers = [row.assignee_id, t.assignee_id];
    changed(&mut tx, owner.workspace_id(), task_id, &providers);
    tx.commit().await?;
    Ok(())
}

/// Checks the move against the caller's role, the task's state and the
/// version the caller saw; a provider may move only their own task.
fn check_move(member: &Member, task: &Task, mv: Move, version: i64) -> Result<TaskState> {
    if let Member::Provider(p) = member {
        if task.assignee_id != Some(p.member_id()) {
            return Err(Error::NotFound);
        }
    }
    if task.version != version {
        return Err(Error::Conflict(task.version));
    }
    next_state(task.state, mv, member.role()).map_err(|e| Error::field("move", e.to_string()))
}

/// Owners: cancels an open task (from the version they saw); its
/// disclosures end.
#[tracing::instrument(skip(db), fields(member = owner.member_id()))]
pub async fn cancel(
    db: &Database,
    owner: &Owner,
    task_id: i64,
    version: i64,
    now: i64,
) -> Result<()> {
    move_task(
        db,
        &Member::Owner(owner.clone()),
        task_id,
        version,
        "cancel",
        "",
        now,
    )
    .await
}

/// A move without a form of its own: start, resume, decline (with a
/// reason) by the task's provider, and cancel by an owner.
#[tracing::instrument(skip(db, reason), fields(member = member.member_id()))]
pub async fn move_task(
    db: &Database,
    member: &Member,
    task_id: i64,
    version: i64,
    mv: &str,
    reason: &str,
    now: i64,
) -> Result<()> {
    let mv = Move::parse(mv)
        .ok_or_else(|| Error::field("move", "That is not something a task can do."))?;
    if matches!(
        mv,
        Move::Submit | Move::Accept | Move::RequestChanges | Move::Assign
    ) {
        return Err(Error::field("move", "Use the task's form for this."));
    }
    let mut tx = db.write(member, now).await?;
    let task = store::load(&mut tx, member.workspace_id(), task_id).await?;
    let next = check_move(member, &task, mv, version)?;
    let by = By {
        workspace_id: member.workspace_id(),
        member_id: member.member_id(),
    };
    let who = member.member_id();
    match mv {
        Move::Decline => {
            let reason = reason.trim();
            if reason.is_empty() || reason.chars().count() > 1000 {
                return Err(Error::field(
                    "reason",
                    "Say in a sentence why you are declining, so the owner can find someone else.",
                ));
            }
            disclosure::end_for_task(
                &mut tx,
                &by,
                task_id,
                task.client_id,
                "the provider declined the task",
            )
            .await?;
            store::set_state(&mut tx, task_id, next, AlsoChange::Unassign, now).await?;
            event(
                &mut tx,
                task_id,
                who,
                &format!("Declined the task: {reason}"),
                now,
            )
            .await?;
        }
        Move::Cancel => {
            disclosure::end_for_task(
                &mut tx,
                &by,
                task_id,
                task.client_id,
                "the task was cancelled",
            )
            .await?;
            store::set_state(&mut tx, task_id, next, AlsoChange::Nothing, now).await?;
            event(&mut tx, task_id, who, "Cancelled the task", now).await?;
        }
        Move::Start => {
            store::set_state(&mut tx, task_id, next, AlsoChange::Nothing, now).await?;
            event(&mut tx, task_id, who, "Started work", now).await?;
        }
        Move::Resume => {
            store::set_state(&mut tx, task_id, next, AlsoChange::Nothing, now).await?;
            event(
                &mut tx,
                task_id,
                who,
                "Started on the requested changes",
                now,
            )
            .await?;
        }
        Move::Submit | Move::Accept | Move::RequestChanges | Move::Assign => {
            return Err(Error::field("move", "Use the task's form for this."))
        }
    }
    let ws = member.workspace_id();
    changed(&mut tx, ws, task_id, &[task.assignee_id]);
    tx.commit().await?;
    Ok(())
}
