//! Owners forward a client's message, or a part of it, to the team thread
//! of a task about that client (R2: nothing a client writes reaches a
//! provider unless an owner forwards it). The provider reads it through the
//! lens; `preview_forward` shows the owner exactly that text first.

use super::store::{self, NewMessage};
use super::{Audience, Change};
use crate::caller::Owner;
use crate::error::{Error, Result};
use crate::lens::preview::preview_secrets;
use crate::mail::notify::Notice;
use crate::task::store as task_store;
use crate::Database;
use handoff::thread::{ForwardPreview, Side, ThreadRef};
use handoff::AuditAction;

/// What is forwarded: the client's message, or the part the owner selected
/// (it must be a part of it, as written).
async fn excerpt(
    conn: &mut sqlx::AnyConnection,
    owner: &Owner,
    message_id: i64,
    task_id: i64,
    part: Option<&str>,
) -> Result<(String, task_store::Task)> {
    let ws = owner.workspace_id();
    let (message, thread) = store::message(conn, ws, message_id).await?;
    let ThreadRef::Client { client_id } = thread else {
        return Err(Error::NotFound);
    };
    if message.side != Side::Client {
        return Err(Error::field(
            "message",
            "Only a client's own messages are forwarded.",
        ));
    }
    let task = task_store::load(conn, ws, task_id).await?;
    if task.client_id != Some(client_id) {
        return Err(Error::field(
            "task",
            "Forward a client's message only to a task about that client.",
        ));
    }
    let text = match part.map(str::trim).filter(|p| !p.is_empty()) {
        Some(part) if message.body.contains(part) => part.to_string(),
        Some(_) => {
            return Err(Error::field(
                "part",
                "Select a part of the client's message as it was written.",
            ))
        }
        None => message.body,
    };
    Ok((text, task))
}

/// Owners: exactly the text the task's provider will read if this is
/// forwarded (contact details and undisclosed values masked).
#[tracing::instrument(skip(db, part), fields(member = owner.member_id()))]
pub async fn preview_forward(
    db: &Database,
    owner: &Owner,
    message_id: i64,
    task_id: i64,
    part: Option<&str>,
) -> Result<ForwardPreview> {
    let mut conn = db.pool().acquire().await?;
    let (text, task) = excerpt(&mut conn, owner, message_id, task_id, part).await?;
    let secrets = preview_secrets(
        db,
        &mut conn,
        owner.workspace_id(),
        Some(task_id),
        task.client_id,
    )
    .await?;
    Ok(ForwardPreview {
        text: secrets.text(&text).0,
        disguises: handoff::solicitation::disguises(&text),
    })
}

/// Owners: forwards the client's message (or the selected part) to the
/// task's team thread. Audit-logged.
#[tracing::instrument(skip(db, part), fields(member = owner.member_id()))]
pub async fn forward(
    db: &Database,
    owner: &Owner,
    message_id: i64,
    task_id: i64,
    part: Option<&str>,
    now: i64,
) -> Result<Change> {
    let ws = owner.workspace_id();
    let mut tx = db.write(owner, now).await?;
    let (text, task) = excerpt(&mut tx, owner, message_id, task_id, part).await?;
    let thread = ThreadRef::Team { task_id };
    let thread_id = store::ensure(&mut tx, ws, thread).await?;
    let id = store::insert(
        &mut tx,
        NewMessage {
            thread_id,
            side: Side::Owners,
            author_id: Some(owner.member_id()),
            body: &text,
            flags: &[],
            forwarded_from: Some(message_id),
            contact_approved: false,
        },
        now,
    )
    .await?;
    tx.audit(
        AuditAction::MessageForwarded,
        task.client_id,
        Some(task_id),
        if part.is_some() {
            "a part of a client message, through the provider lens"
        } else {
            "a client message, through the provider lens"
        },
    );
    let change = Change {
        workspace_id: ws,
        thread: Some(thread),
        message_id: Some(id),
        relay_id: None,
        audience: Audience {
            owners: true,
            provider_id: task.assignee_id,
            portal_client_id: None,
        },
    };
    change.announce(&mut tx);
    if let Some(provider) = task.assignee_id {
        tx.notify(Notice::team_message(
            ws,
            provider,
            owner.member_id(),
            task_id,
            (thread_id, id),
        ));
    }
    tx.commit().await?;
    Ok(change)
}
