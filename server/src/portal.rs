//! The client portal's backend (R2): per client one private link (a random
//! token of 256 bits, stored only as its SHA-256, expiring, revocable,
//! replaced when made again), exchanged for a portal session of its own
//! (apart from members' sessions), and what the client reads and writes
//! through it: the business's name, their client thread through the
//! client lens (no provider's name anywhere), the status of the tasks the
//! owner chose to show, and replies.

use crate::audit::{self, Entry};
use crate::caller::{Owner, PortalClient};
use crate::client_row;
use crate::error::{Error, Result};
use crate::lens::client::{ClientLens, Origin};
use crate::session::{new_token, token_hash};
use crate::thread::store::{self as thread_store, NewMessage};
use crate::thread::{Audience, Change};
use crate::throttle;
use crate::Database;
use handoff::thread::{
    check_message, NewPortalLink, PortalHome, PortalLinkStatus, PortalMessage, PortalTask, Side,
    ThreadRef,
};
use handoff::{AuditAction, TaskState};

/// A link works this long after it is made (30 days).
pub const LINK_MS: i64 = 30 * 24 * 60 * 60 * 1000;
/// A portal session ends this long after the link was exchanged.
pub const SESSION_MS: i64 = 12 * 60 * 60 * 1000;
/// Link exchanges tried from one address per throttle window.
pub const MAX_EXCHANGES_PER_ADDRESS: i64 = 20;

/// A portal session just opened: its token goes into the portal cookie.
#[derive(Debug)]
pub struct PortalSession {
    pub token: String,
    pub expires_at: i64,
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    created_at: i64,
    expires_at: i64,
    revoked_at: Option<i64>,
    last_opened_at: Option<i64>,
}

async fn live_client(conn: &mut sqlx::AnyConnection, owner: &Owner, client_id: i64) -> Result<()> {
    let client = client_row::load(conn, owner.workspace_id(), client_id).await?;
    if client.row.erased_at.is_some() {
        return Err(Error::NotFound);
    }
    Ok(())
}

/// Owners: the state of a client's link.
pub async fn link_status(
    db: &Database,
    owner: &Owner,
    client_id: i64,
    now: i64,
) -> Result<PortalLinkStatus> {
    let mut conn = db.pool().acquire().await?;
    client_row::load(&mut conn, owner.workspace_id(), client_id).await?;
    let row: Option<LinkRow> = sqlx::query_as(
        "SELECT created_at, expires_at, revoked_at, last_opened_at FROM portal_links \
         WHERE client_id = $1 AND workspace_id = $2",
    )
    .bind(client_id)
    .bind(owner.workspace_id())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match row {
        None => PortalLinkStatus::None,
        Some(r) => match r.revoked_at {
            Some(revoked_at) => PortalLinkStatus::Revoked {
                revoked_at,
                last_opened_at: r.last_opened_at,
            },
            None if now >= r.expires_at => PortalLinkStatus::Expired {
                expires_at: r.expires_at,
                last_opened_at: r.last_opened_at,
            },
            None => PortalLinkStatus::Live {
                created_at: r.created_at,
                expires_at: r.expires_at,
                last_opened_at: r.last_opened_at,
            },
        },
    })
}

async fn end_sessions(conn: &mut sqlx::AnyConnection, client_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM portal_sessions WHERE client_id = $1")
        .bind(client_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Owners: makes the client's link, replacing any earlier one (which stops
/// working, with every portal session it opened). The token is returned
/// once; only its hash is kept.
#[tracing::instrument(skip(db), fields(member = owner.member_id()))]
pub async fn create_link(
    db: &Database,
    owner: &Owner,
    client_id: i64,
    now: i64,
) -> Result<NewPortalLink> {
    let mut tx = db.begin_write().await?;
    live_client(&mut tx, owner, client_id).await?;
    let token = new_token();
    let expires_at = now + LINK_MS;
    sqlx::query(
        "INSERT INTO portal_links (client_id, workspace_id, token_hash, created_by, created_at, \
         expires_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (client_id) DO UPDATE SET token_hash = excluded.token_hash, \
           created_by = excluded.created_by, created_at = excluded.created_at, \
           expires_at = excluded.expires_at, revoked_at = NULL, last_opened_at = NULL",
    )
    .bind(client_id)
    .bind(owner.workspace_id())
    .bind(token_hash(&token))
    .bind(owner.member_id())
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    end_sessions(&mut tx, client_id).await?;
    record(
        &mut tx,
        owner,
        client_id,
        AuditAction::PortalLinkCreated,
        "a new private link; any earlier one stopped working",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(NewPortalLink { token, expires_at })
}

async fn record(
    conn: &mut sqlx::AnyConnection,
    owner: &Owner,
    client_id: i64,
    action: AuditAction,
    detail: &str,
    now: i64,
) -> Result<()> {
    audit::record(
        conn,
        Entry {
            workspace_id: owner.workspace_id(),
            member_id: Some(owner.member_id()),
            action,
            client_id: Some(client_id),
            task_id: None,
            detail,
        },
        now,
    )
    .await
}

/// Owners: the client's link stops working, and every portal session it
/// opened ends.
#[tracing::instrument(skip(db), fields(member = owner.member_id()))]
pub async fn revoke_link(db: &Database, owner: &Owner, client_id: i64, now: i64) -> Result<()> {
    let mut tx = db.begin_write().await?;
    client_row::load(&mut tx, owner.workspace_id(), client_id).await?;
    let done = sqlx::query(
        "UPDATE portal_links SET revoked_at = $1 WHERE client_id = $2 AND workspace_id = $3 \
         AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(client_id)
    .bind(owner.workspace_id())
    .execute(&mut *tx)
    .await?;
    end_sessions(&mut tx, client_id).await?;
    if done.rows_affected() > 0 {
        record(
            &mut tx,
            owner,
            client_id,
            AuditAction::PortalLinkRevoked,
            "the private link stopped working",
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A client's link token becomes a portal session. Attempts are counted per
/// address before the token is looked at; a valid exchange gives its
/// attempt back. Unknown, revoked and expired links get the same refusal.
#[tracing::instrument(skip(db, token))]
pub async fn exchange(
    db: &Database,
    token: &str,
    address: &str,
    now: i64,
) -> Result<PortalSession> {
    let keys = [(format!("portal:{address}"), MAX_EXCHANGES_PER_ADDRESS)];
    throttle::count_attempt(db, &keys, now).await?;
    if !well_formed(token) {
        return Err(Error::LinkNoLongerWorks);
    }
    let mut tx = db.begin_write().await?;
    let link: Option<(i64, i64)> = sqlx::query_as(
        "SELECT l.client_id, l.workspace_id FROM portal_links l JOIN clients c ON c.id = l.client_id \
         WHERE l.token_hash = $1 AND l.revoked_at IS NULL AND l.expires_at > $2 \
         AND c.erased_at IS NULL",
    )
    .bind(token_hash(token))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((client_id, workspace_id)) = link else {
        return Err(Error::LinkNoLongerWorks);
    };
    sqlx::query("UPDATE portal_links SET last_opened_at = $1 WHERE client_id = $2")
        .bind(now)
        .bind(client_id)
        .execute(&mut *tx)
        .await?;
    let session = new_token();
    let expires_at = now + SESSION_MS;
    sqlx::query(
        "INSERT INTO portal_sessions (token_hash, client_id, workspace_id, created_at, \
         last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5)",
    )
    .bind(token_hash(&session))
    .bind(client_id)
    .bind(workspace_id)
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Entry {
            workspace_id,
            member_id: None,
            action: AuditAction::PortalSignIn,
            client_id: Some(client_id),
            task_id: None,
            detail: "through the private link",
        },
        now,
    )
    .await?;
    throttle::give_back(&mut tx, &keys).await?;
    tx.commit().await?;
    Ok(PortalSession {
        token: session,
        expires_at,
    })
}

/// The portal's door: who holds this portal session token, if the session
/// is live. An expired one is removed on sight.
pub(crate) async fn authenticate(
    db: &Database,
    token: &str,
    now: i64,
) -> Result<Option<PortalClient>> {
    if !well_formed(token) {
        return Ok(None);
    }
    let hash = token_hash(token);
    let row: Option<(i64, i64, i64)> = sqlx::query_as(
        "SELECT s.client_id, s.workspace_id, s.expires_at FROM portal_sessions s \
         JOIN clients c ON c.id = s.client_id WHERE s.token_hash = $1 AND c.erased_at IS NULL",
    )
    .bind(&hash)
    .fetch_optional(db.pool())
    .await?;
    let Some((client_id, workspace_id, expires_at)) = row else {
        return Ok(None);
    };
    if now >= expires_at {
        sqlx::query("DELETE FROM portal_sessions WHERE token_hash = $1")
            .bind(&hash)
            .execute(db.pool())
            .await?;
        return Ok(None);
    }
    Ok(Some(PortalClient {
        client_id,
        workspace_id,
        token_hash: hash,
    }))
}

/// Ends this portal session.
pub async fn sign_out(db: &Database, client: &PortalClient) -> Result<()> {
    sqlx::query("DELETE FROM portal_sessions WHERE token_hash = $1")
        .bind(&client.token_hash)
        .execute(db.pool())
        .await?;
    Ok(())
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
    let business_name: String = sqlx::query_scalar("SELECT name FROM workspaces WHERE id = $1")
        .bind(client.workspace_id)
        .fetch_one(&mut *conn)
        .await?;
    let lens = ClientLens::for_workspace(&mut conn, client.workspace_id).await?;
    let thread = ThreadRef::Client {
        client_id: client.client_id,
    };
    let thread_id = thread_store::find(&mut conn, client.workspace_id, thread).await?;
    let stored = match thread_id {
        Some(id) => thread_store::messages(&mut conn, id).await?,
        None => Vec::new(),
    };
    let last_read_id = thread_store::last_read(&mut conn, thread_id, 0).await?;
    let tasks: Vec<(String, String)> = sqlx::query_as(
        "SELECT title, state FROM tasks WHERE workspace_id = $1 AND client_id = $2 \
         AND show_in_portal = 1 ORDER BY closed, due_sort, id",
    )
    .bind(client.workspace_id)
    .bind(client.client_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut portal_tasks = Vec::with_capacity(tasks.len());
    for (title, state) in tasks {
        let state =
            TaskState::parse(&state).ok_or_else(|| Error::Corrupt("a task state".into()))?;
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
    let mut tx = db.begin_write().await?;
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
    change.announce(db, &mut tx, now).await?;
    tx.commit().await?;
    Ok(change)
}

/// The client has read their thread up to a message.
pub async fn mark_read(db: &Database, client: &PortalClient, up_to: i64) -> Result<()> {
    let mut tx = db.begin_write().await?;
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
    let mut tx = db.begin_write().await?;
    let task = crate::task::store::load(&mut tx, owner.workspace_id(), task_id).await?;
    let Some(client_id) = task.client_id else {
        return Err(Error::field(
            "show_in_portal",
            "This task is not about a client.",
        ));
    };
    sqlx::query("UPDATE tasks SET show_in_portal = $1, updated_at = $2 WHERE id = $3")
        .bind(i64::from(show))
        .bind(now)
        .bind(task_id)
        .execute(&mut *tx)
        .await?;
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
    change.announce(db, &mut tx, now).await?;
    tx.commit().await?;
    Ok(change)
}

/// Erasure: the client's link and portal sessions go.
pub(crate) async fn erase(conn: &mut sqlx::AnyConnection, client_id: i64) -> Result<()> {
    end_sessions(conn, client_id).await?;
    sqlx::query("DELETE FROM portal_links WHERE client_id = $1")
        .bind(client_id)
        .execute(conn)
        .await?;
    Ok(())
}
