//! What owners and providers read of a thread: one call per page.

use super::own_task;
use super::store::{self, Message};
use crate::caller::{Owner, Provider};
use crate::client_row;
use crate::error::Result;
use crate::lens::looks::LookLog;
use crate::lens::provider::TaskScope;
use crate::lens::workspace::WorkspaceSecrets;
use crate::markdown::to_safe_html;
use crate::relay;
use crate::task::store as task_store;
use crate::Database;
use handoff::thread::{
    OwnerMessage, OwnerThread, ProviderMessage, ProviderThread, Side, ThreadRef,
};

/// Owners: a team thread or a client thread, every message with its
/// author's name (the client's too), the flags of provider text, and the
/// relay requests of the task (team) or for the client (client thread).
#[tracing::instrument(skip(db), fields(member = owner.member_id()))]
pub async fn owner_thread(db: &Database, owner: &Owner, thread: ThreadRef) -> Result<OwnerThread> {
    let ws = owner.workspace_id();
    let mut conn = db.pool().acquire().await?;
    let (title, client_id, provider_name) = match thread {
        ThreadRef::Team { task_id } => {
            let task = task_store::load(&mut conn, ws, task_id).await?;
            let provider = match task.assignee_id {
                Some(id) => crate::member_row::display_name(&mut conn, id).await?,
                None => None,
            };
            (task.title, task.client_id, provider)
        }
        ThreadRef::Client { client_id } => (String::new(), Some(client_id), None),
    };
    let client = match client_id {
        Some(id) => Some(client_row::load(&mut conn, ws, id).await?),
        None => None,
    };
    let client_alias = match &client {
        Some(c) => Some(c.row.alias()?.to_string()),
        None => None,
    };
    let client_name = client
        .as_ref()
        .filter(|c| c.row.erased_at.is_none())
        .map(|c| c.row.name.clone());
    let title = match thread {
        ThreadRef::Team { .. } => title,
        ThreadRef::Client { .. } => client_name
            .clone()
            .or(client_alias.clone())
            .unwrap_or_default(),
    };
    let thread_id = store::find(&mut conn, ws, thread).await?;
    let messages = match thread_id {
        Some(id) => store::messages(&mut conn, id).await?,
        None => Vec::new(),
    };
    let last_read_id = store::last_read(&mut conn, thread_id, owner.member_id()).await?;
    let client_label = client_name
        .clone()
        .or(client_alias.clone())
        .unwrap_or_default();
    let messages = messages
        .into_iter()
        .map(|m| owner_message(m, &client_label))
        .collect();
    let relays = match thread {
        ThreadRef::Team { task_id } => {
            relay::items(&mut conn, ws, relay::Of::Task(task_id)).await?
        }
        ThreadRef::Client { client_id } => {
            relay::items(&mut conn, ws, relay::Of::Client(client_id)).await?
        }
    };
    Ok(OwnerThread {
        thread,
        title,
        client_id,
        client_alias,
        client_name,
        provider_name,
        messages,
        relays,
        last_read_id,
    })
}

fn owner_message(m: Message, client_label: &str) -> OwnerMessage {
    let author = match m.side {
        Side::Client => client_label.to_string(),
        _ => m.author_name.clone().unwrap_or_default(),
    };
    let flags = if handoff::solicitation::fit(&m.body, &m.flags) {
        m.flags
    } else {
        handoff::solicitation::flags(&m.body)
    };
    OwnerMessage {
        message_id: m.id,
        side: m.side,
        author,
        body_html: to_safe_html(&m.body),
        body: m.body,
        at: m.created_at,
        flags,
        forwarded_from: m.forwarded_from,
        relay_id: m.relay_id,
        reply_ms: m.reply_ms,
    }
}

/// Providers: the team thread of their own task, every text through the
/// task's lens (a task that is over: under its alias alone), with their
/// relay requests and what became of them. The look is recorded (R8).
#[tracing::instrument(skip(db), fields(member = provider.member_id()))]
pub async fn provider_thread(
    db: &Database,
    provider: &Provider,
    task_id: i64,
    now: i64,
) -> Result<ProviderThread> {
    let ws = provider.workspace_id();
    let mut conn = db.pool().acquire().await?;
    let task = own_task(&mut conn, provider, task_id).await?;
    let workspace = WorkspaceSecrets::load(db, &mut conn, ws).await?;
    let scope = TaskScope {
        task_id,
        client_id: task.client_id,
        state: task.state,
    };
    let log = LookLog::new(db, provider, now);
    let lens = crate::lens::page::lens(&mut conn, provider, &log, &workspace, &scope).await?;
    let thread_id = store::find(&mut conn, ws, ThreadRef::Team { task_id }).await?;
    let stored = match thread_id {
        Some(id) => store::provider_messages(&mut conn, id, provider.member_id()).await?,
        None => Vec::new(),
    };
    let last_read_id = store::last_read(&mut conn, thread_id, provider.member_id()).await?;
    let relays = relay::provider_relays(&mut conn, provider, task_id, &lens).await?;
    drop(conn);
    let messages = stored
        .into_iter()
        .map(|m| ProviderMessage {
            message_id: m.id,
            from_owners: m.side == Side::Owners,
            author: lens.text(m.author_name.as_deref().unwrap_or_default()),
            body_html: lens.html(&m.body),
            at: m.created_at,
            forwarded: m.forwarded_from.is_some(),
        })
        .collect();
    let open = task.state.is_open();
    let view = ProviderThread {
        task_id,
        title: lens.text(&task.title),
        client_alias: lens.alias(),
        can_write: open,
        can_relay: open && task.client_id.is_some(),
        messages,
        relays,
        last_read_id,
    };
    Ok(view)
}
