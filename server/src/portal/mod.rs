//! The client portal's backend (R2): per client one private link (a random
//! token of 256 bits, stored only as its SHA-256, expiring, revocable,
//! replaced when made again), exchanged for a portal session of its own
//! (apart from members' sessions), and what the client reads and writes
//! through it: the business's name, their client thread through the
//! client lens (no provider's name anywhere), the status of the tasks the
//! owner chose to show, and replies.

use crate::caller::{Owner, PortalClient};
use crate::error::{Error, Result};
use crate::lens::client::{ClientLens, Origin};
use crate::mail::notify::Notice;
use crate::thread::store::{self as thread_store, NewMessage};
use crate::thread::{Audience, Change};
use crate::throttle;
use crate::Database;
use handoff::thread::{check_message, PortalHome, PortalMessage, PortalTask, Side, ThreadRef};
use handoff::{NotifyKind, TaskState};

mod link;
mod session;

pub use link::{create_link, link_status, mail_link, revoke_link};
pub(crate) use session::authenticate;
pub use session::{exchange, exchange_or_resume, sign_out, still_live, IDLE_MS};

/// A link works this long after it is made (30 days).
pub const LINK_MS: i64 = 30 * 24 * 60 * 60 * 1000;
/// A portal session ends this long after the link was exchanged.
pub const SESSION_MS: i64 = 12 * 60 * 60 * 1000;
/// Link exchanges tried from one address per throttle window (15 min).
pub const MAX_EXCHANGES_PER_ADDRESS: i64 = 20;
/// Messages one client may send per throttle window (15 min).
pub const MAX_REPLIES_PER_WINDOW: i64 = 20;

/// A portal session just opened: its token goes into the portal cookie.
#[derive(Debug)]
pub struct PortalSession {
    pub token: String,
    pub expires_at: i64,
}
/// Status words a client reads: never who does the work.
fn status_words(state: TaskState) -> &'static str {
    match state {
        TaskState::Draft | TaskState::Assigned => "Planned",
        TaskState::InProgress | TaskState::ChangesRequested => "In progress",
        TaskState::Submitted => "Being checked",
        TaskState::Accepted => "Done",
        TaskState::Cancelled => "Cancelled",
    }
}

/// The portal's page: the business's name, the client's own thread and
/// the tasks the owner chose to show, all through the client lens.
#[tracing::instrument(skip(db), fields(client = client.client_id))]
pub async fn home(db: &Database, client: &PortalClient, _now: i64) -> Result<PortalHome> {
    let mut conn = db.pool().acquire().await?;
    let business_name = crate::workspace::name(&mut conn, client.workspace_id).await?;
    let lens = ClientLens::for_client(&mut conn, client.workspace_id, client.client_id).await?;
    let thread = ThreadRef::Client {
        client_id: client.client_id,
    };
    let thread_id = thread_store::find(&mut conn, client.workspace_id, thread).await?;
    let stored = match thread_id {
        Some(id) => thread_store::messages(&mut conn, id).await?,
        None => Vec::new(),
    };
    let last_read_id = thread_store::last_read(&mut conn, thread_id, 0).await?;
    let tasks =
        crate::task::store::shown_in_portal(&mut conn, client.workspace_id, client.client_id)
            .await?;
    let mut portal_tasks = Vec::with_capacity(tasks.len());
    for (title, state) in tasks {
        let state = TaskState::parse(&state).ok_or_else(|| Error::corrupt("a task state"))?;
        portal_tasks.push(PortalTask {
            title: lens.text(&title, Origin::Business),
            status: status_words(state).to_string(),
        });
    }
    let unread = stored
        .iter()
        .filter(|m| m.side == Side::Owners && m.id > last_read_id)
        .count() as i64;
    let messages = stored
        .into_iter()
        .map(|m| {
            let origin = if m.relay_id.is_some() {
                Origin::Provider {
                    knowingly: m.contact_approved,
                }
            } else {
                Origin::Business
            };
            PortalMessage {
                message_id: m.id,
                from_business: m.side != Side::Client,
                body_html: lens.html(&m.body, origin),
                at: m.created_at,
            }
        })
        .collect();
    Ok(PortalHome {
        business_name,
        messages,
        tasks: portal_tasks,
        last_read_id,
        unread,
    })
}

/// The client writes to the business: into their client thread.
#[tracing::instrument(skip(db, body), fields(client = client.client_id))]
pub async fn reply(db: &Database, client: &PortalClient, body: &str, now: i64) -> Result<Change> {
    let body = check_message(body).map_err(|m| Error::field("body", m))?;
    // A client writes a few messages an hour; a flood (or a leaked link)
    // would bury the owners' queue.
    let keys = [(
        format!("portal-reply:{}", client.client_id),
        MAX_REPLIES_PER_WINDOW,
    )];
    throttle::count_attempt(db, &keys, now)
        .await
        .map_err(|e| match e {
            Error::Throttled(minutes) => Error::TooManyMessages(minutes),
            other => other,
        })?;
    let mut tx = db.write(client, now).await?;
    let thread = ThreadRef::Client {
        client_id: client.client_id,
    };
    let thread_id = thread_store::ensure(&mut tx, client.workspace_id, thread).await?;
    let message_id = thread_store::insert(
        &mut tx,
        NewMessage {
            thread_id,
            side: Side::Client,
            author_id: None,
            body: &body,
            flags: &[],
            forwarded_from: None,
            contact_approved: false,
        },
        now,
    )
    .await?;
    thread_store::mark_read(&mut tx, thread_id, 0, message_id).await?;
    let change = Change {
        workspace_id: client.workspace_id,
        thread: Some(thread),
        message_id: Some(message_id),
        relay_id: None,
        audience: Audience {
            owners: true,
            provider_id: None,
            portal_client_id: Some(client.client_id),
        },
    };
    change.announce(&mut tx);
    tx.notify(Notice::Owners {
        workspace_id: client.workspace_id,
        kind: NotifyKind::ClientReplied,
        by: None,
        task_id: None,
        client_id: Some(client.client_id),
        seen: Some((thread_id, message_id)),
    });
    tx.commit().await?;
    Ok(change)
}

/// The client has read their thread up to a message.
#[tracing::instrument(skip_all)]
pub async fn mark_read(db: &Database, client: &PortalClient, up_to: i64) -> Result<()> {
    let mut tx = db.write(client, 0).await?;
    let thread = ThreadRef::Client {
        client_id: client.client_id,
    };
    if let Some(id) = thread_store::find(&mut tx, client.workspace_id, thread).await? {
        thread_store::mark_read(&mut tx, id, 0, up_to).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Owners: whether a task's status shows in its client's portal.
#[tracing::instrument(skip(db), fields(member = owner.member_id()))]
pub async fn show_task(
    db: &Database,
    owner: &Owner,
    task_id: i64,
    show: bool,
    now: i64,
) -> Result<Change> {
    let mut tx = db.write(owner, now).await?;
    let task = crate::task::store::load(&mut tx, owner.workspace_id(), task_id).await?;
    let Some(client_id) = task.client_id else {
        return Err(Error::field(
            "show_in_portal",
            "This task is not about a client.",
        ));
    };
    crate::task::store::set_show_in_portal(&mut tx, task_id, show, now).await?;
    let change = Change {
        workspace_id: owner.workspace_id(),
        thread: None,
        message_id: None,
        relay_id: None,
        audience: Audience {
            owners: true,
            provider_id: None,
            portal_client_id: Some(client_id),
        },
    };
    change.announce(&mut tx);
    tx.commit().await?;
    Ok(change)
}

/// Erasure: the client's link and portal sessions go.
pub(crate) async fn erase(conn: &mut sqlx::AnyConnection, client_id: i64) -> Result<()> {
    session::end_sessions(conn, client_id).await?;
    sqlx::query("DELETE FROM portal_links WHERE client_id = $1")
        .bind(client_id)
        .execute(conn)
        .await?;
    Ok(())
}
