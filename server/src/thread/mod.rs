//! Threads (R2, R3): a task's team thread (owners and the task's
//! provider) and a client's client thread (owners and the client through
//! the portal). Owners read everything with client names; a provider reads
//! only the team threads of their own tasks, through the provider lens
//! (R1, R3, R7, R8); the client reads their own thread through the client
//! lens (`portal`). Provider text is scanned for solicitation when written
//! and the flags are stored with it.
//!
//! Every write returns a `Change`: which workspace, thread and audiences it
//! concerns, so a live-update stream can send each subscriber a hint.

mod forward;
pub(crate) mod store;
mod views;

pub use forward::{forward, preview_forward};
pub use views::{owner_thread, provider_thread};

use crate::caller::{Member, Owner, Provider};
use crate::client_row;
use crate::error::{Error, Result};
use crate::live::Hint;
use crate::mail::notify::Notice;
use crate::relay::store as relay_store;
use crate::task::store as task_store;
use crate::unit::Unit;
use crate::{draft, Database};
use handoff::dashboard::BADGE_MAX;
use handoff::draft::DraftKind;
use handoff::solicitation;
use handoff::thread::{check_message, Side, ThreadRef};
use handoff::LiveKind;
use serde::{Deserialize, Serialize};
use store::NewMessage;

/// Who a change concerns, for live updates: the workspace's owners, a
/// provider (by member id), the client in the portal (by client id).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audience {
    pub owners: bool,
    pub provider_id: Option<i64>,
    pub portal_client_id: Option<i64>,
}

/// What a write changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub workspace_id: i64,
    pub thread: Option<ThreadRef>,
    pub message_id: Option<i64>,
    pub relay_id: Option<i64>,
    pub audience: Audience,
}

impl Change {
    /// Tells every reader whose page shows this change, inside the writing
    /// transaction (just before its commit): a hint per audience, never text.
    /// A thread's readers hear `Thread`; the owners also hear `Relay` when a
    /// relay request came or went; a portal's task list hears `Task`.
    pub(crate) fn announce(&self, unit: &mut Unit<'_>) {
        let ws = self.workspace_id;
        let kind = if self.thread.is_some() {
            LiveKind::Thread
        } else {
            LiveKind::Task
        };
        let object = self.message_id.or(self.relay_id).unwrap_or(0);
        let mut hints = Vec::new();
        if let Some(relay_id) = self.relay_id {
            hints.push(Hint::to_owners(ws, LiveKind::Relay, relay_id));
        }
        if self.audience.owners {
            hints.push(Hint::to_owners(ws, kind, object));
        }
        if let Some(provider) = self.audience.provider_id {
            hints.push(Hint::to_member(ws, provider, kind, object));
        }
        if let Some(client) = self.audience.portal_client_id {
            hints.push(Hint::to_client(ws, client, kind, object));
        }
        for hint in hints {
            unit.tell(hint);
        }
    }
}

/// Who reads a thread besides the owners: a team thread's provider (the
/// task's assignee), a client thread's client.
pub(crate) async fn audience_of(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    thread: ThreadRef,
) -> Result<Audience> {
    Ok(match thread {
        ThreadRef::Team { task_id } => Audience {
            owners: true,
            provider_id: task_store::load(conn, workspace_id, task_id)
                .await?
                .assignee_id,
            portal_client_id: None,
        },
        ThreadRef::Client { client_id } => Audience {
            owners: true,
            provider_id: None,
            portal_client_id: Some(client_id),
        },
    })
}

fn invalid(message: String) -> Error {
    Error::field("body", message)
}

/// Owners: writes in a team thread (to the task's provider) or in a client
/// thread (to the client, signed by the business).
#[tracing::instrument(skip(db, body), fields(member = owner.member_id()))]
pub async fn post(
    db: &Database,
    owner: &Owner,
    thread: ThreadRef,
    body: &str,
    now: i64,
) -> Result<Change> {
    let body = check_message(body).map_err(invalid)?;
    let ws = owner.workspace_id();
    let mut tx = db.write(owner, now).await?;
    if let ThreadRef::Client { client_id } = thread {
        let client = client_row::load(&mut tx, ws, client_id).await?;
        if client.row.erased_at.is_some() {
            return Err(Error::NotFound);
        }
    }
    let audience = audience_of(&mut tx, ws, thread).await?;
    let thread_id = store::ensure(&mut tx, ws, thread).await?;
    let message_id = store::insert(
        &mut tx,
        NewMessage {
            thread_id,
            side: Side::Owners,
            author_id: Some(owner.member_id()),
            body: &body,
            flags: &[],
            forwarded_from: None,
            contact_approved: false,
        },
        now,
    )
    .await?;
    store::mark_read(&mut tx, thread_id, owner.member_id(), message_id).await?;
    match thread {
        ThreadRef::Team { task_id } => {
            if let Some(provider) = audience.provider_id {
                tx.notify(Notice::team_message(
                    ws,
                    provider,
                    owner.member_id(),
                    task_id,
                    (thread_id, message_id),
                ));
            }
        }
        ThreadRef::Client { client_id } => tx.notify(Notice::Client {
            workspace_id: ws,
            client_id,
            seen: Some((thread_id, message_id)),
        }),
    }
    let change = Change {
        workspace_id: ws,
        thread: Some(thread),
        message_id: Some(message_id),
        relay_id: None,
        audience,
    };
    change.announce(&mut tx);
    tx.commit_with(change).await
}

/// The provider's own task, or `NotFound` (R7: another's task does not
/// exist for them).
pub(crate) async fn own_task(
    conn: &mut sqlx::AnyConnection,
    provider: &Provider,
    task_id: i64,
) -> Result<task_store::Task> {
    let task = task_store::load(conn, provider.workspace_id(), task_id).await?;
    if task.assignee_id != Some(provider.member_id()) {
        return Err(Error::NotFound);
    }
    Ok(task)
}

/// Providers: writes in the team thread of their own open task. The text
/// is scanned for solicitation; the owners see the flags. The draft the
/// message was written from (same text) goes with it. `key`: the
/// idempotency key of a message queued in the browser while offline, which
/// may arrive twice; a replay posts nothing and answers the same.
#[tracing::instrument(skip(db, body, key), fields(member = provider.member_id()))]
pub async fn provider_post(
    db: &Database,
    provider: &Provider,
    task_id: i64,
    body: &str,
    key: Option<&str>,
    now: i64,
) -> Result<Change> {
    let checked = check_message(body).map_err(invalid)?;
    let mut tx = db.write(provider, now).await?;
    if let Some(first) = tx.once(key).await? {
        return Ok(first);
    }
    let task = own_task(&mut tx, provider, task_id).await?;
    if !task.state.is_open() {
        return Err(Error::field(
            "body",
            "This task is over; its thread can be read but not written to.",
        ));
    }
    let thread = ThreadRef::Team { task_id };
    let thread_id = store::ensure(&mut tx, provider.workspace_id(), thread).await?;
    let flags = solicitation::flags(&checked);
    let message_id = store::insert(
        &mut tx,
        NewMessage {
            thread_id,
            side: Side::Provider,
            author_id: Some(provider.member_id()),
            body: &checked,
            flags: &flags,
            forwarded_from: None,
            contact_approved: false,
        },
        now,
    )
    .await?;
    store::mark_read(&mut tx, thread_id, provider.member_id(), message_id).await?;
    draft::delete_sent(
        &mut tx,
        provider.member_id(),
        task_id,
        DraftKind::TeamMessage,
        body,
    )
    .await?;
    let change = Change {
        workspace_id: provider.workspace_id(),
        thread: Some(thread),
        message_id: Some(message_id),
        relay_id: None,
        audience: Audience {
            owners: true,
            provider_id: Some(provider.member_id()),
            portal_client_id: None,
        },
    };
    change.announce(&mut tx);
    tx.commit_with(change).await
}

/// A member has read a thread up to a message: owners any thread of their
/// workspace, a provider the team threads of their own tasks (which also
/// marks their decided relay requests seen).
#[tracing::instrument(skip(db), fields(member = member.member_id()))]
pub async fn mark_read(
    db: &Database,
    member: &Member,
    thread: ThreadRef,
    up_to: i64,
) -> Result<()> {
    let ws = member.workspace_id();
    // A read mark: the unit collects nothing timed, so no instant is needed.
    let mut tx = db.write(member, 0).await?;
    match (member, thread) {
        (Member::Owner(_), ThreadRef::Team { task_id }) => {
            task_store::load(&mut tx, ws, task_id).await?;
        }
        (Member::Owner(_), ThreadRef::Client { client_id }) => {
            client_row::load(&mut tx, ws, client_id).await?;
        }
        (Member::Provider(p), ThreadRef::Team { task_id }) => {
            own_task(&mut tx, p, task_id).await?;
            relay_store::mark_decisions_seen(&mut tx, task_id, p.member_id(), up_to.max(1)).await?;
        }
        (Member::Provider(_), ThreadRef::Client { .. }) => return Err(Error::NotFound),
    }
    if let Some(thread_id) = store::find(&mut tx, ws, thread).await? {
        store::mark_read(&mut tx, thread_id, member.member_id(), up_to).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Owners: relay requests waiting and client messages this owner has not
/// read. Providers: owners' team messages not read, and relay requests
/// returned and not seen. For the navigation, whose badges count up to
/// `BADGE_MAX` and no further: the query stops there.
pub(crate) async fn unread_counts(
    conn: &mut sqlx::AnyConnection,
    member: &Member,
) -> Result<(i64, i64)> {
    let ws = member.workspace_id();
    let me = member.member_id();
    Ok(match member {
        Member::Owner(_) => {
            let pending = relay_store::pending_count(conn, ws).await?;
            let unread: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM (SELECT 1 FROM thread_messages m \
                 JOIN threads t ON t.id = m.thread_id \
                 LEFT JOIN read_cursors c ON c.thread_id = t.id AND c.member_id = $2 \
                 WHERE t.workspace_id = $1 AND t.client_id IS NOT NULL AND m.side = 'client' \
                 AND m.id > COALESCE(c.last_read_id, 0) LIMIT $3) AS capped",
            )
            .bind(ws)
            .bind(me)
            .bind(BADGE_MAX + 1)
            .fetch_one(&mut *conn)
            .await?;
            (pending, unread)
        }
        Member::Provider(_) => {
            let unread: i64 = sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM (SELECT 1 FROM thread_messages m \
                 JOIN threads t ON t.id = m.thread_id JOIN tasks k ON k.id = t.task_id \
                 LEFT JOIN read_cursors c ON c.thread_id = t.id AND c.member_id = $2 \
                 WHERE k.workspace_id = $1 AND k.assignee_id = $2 AND m.side = 'owners' \
                 AND {} AND m.id > COALESCE(c.last_read_id, 0) LIMIT $3) AS capped",
                store::READ_BY_PROVIDER
            ))
            .bind(ws)
            .bind(me)
            .bind(BADGE_MAX + 1)
            .fetch_one(&mut *conn)
            .await?;
            let returned = relay_store::returned_unseen_count(conn, ws, me).await?;
            (unread, returned)
        }
    })
}
