//! Notifications: a use case says what happened (`unit.notify(Notice…)`);
//! at its commit the write unit resolves who hears of it — minus whoever
//! acted and whoever turned that kind off — and what each may read.
//!
//! What a notification may say (R1–R3): to a provider, the task's number,
//! who acted and a link — never a title, a client or a value; to owners,
//! a client's alias at most; to a client, the business's name and a link —
//! never a provider, never a message's text.

use super::compose::{self, Note};
use super::{batch_window_ms, public_url, store, Outgoing, UnlessRead};
use crate::error::Result;
use crate::secrets;
use handoff::{Alias, NotifyKind};
use sqlx::AnyConnection;

/// Something that happened, and whom it concerns.
#[derive(Clone, Debug)]
pub(crate) enum Notice {
    /// The workspace's owners, except the member who acted.
    Owners {
        workspace_id: i64,
        kind: NotifyKind,
        by: Option<i64>,
        task_id: Option<i64>,
        client_id: Option<i64>,
        /// The thread and message it tells of, if any (moot once read).
        seen: Option<(i64, i64)>,
    },
    /// One member (a task's provider).
    Member {
        workspace_id: i64,
        member_id: i64,
        kind: NotifyKind,
        by: Option<i64>,
        task_id: i64,
        seen: Option<(i64, i64)>,
    },
    /// A client: the business wrote to them.
    Client {
        workspace_id: i64,
        client_id: i64,
        seen: Option<(i64, i64)>,
    },
}

/// The address a recipient's one-click unsubscribe goes to for `kind`.
fn unsubscribe_url(recipient: &str, kind: NotifyKind) -> Result<String> {
    let tag = secrets::tag(&format!("{recipient}:{}", kind.as_str()))?;
    Ok(format!(
        "{}/unsubscribe/{recipient}/{}/{tag}",
        public_url(),
        kind.as_str()
    ))
}

/// Whether `tag` is the one this server put in a message to `recipient`.
pub(crate) fn tag_is_ours(recipient: &str, kind: NotifyKind, tag: &str) -> Result<bool> {
    secrets::tag_matches(&format!("{recipient}:{}", kind.as_str()), tag)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn unless_read(seen: Option<(i64, i64)>, reader: i64) -> Option<UnlessRead> {
    seen.map(|(thread_id, message_id)| UnlessRead {
        thread_id,
        reader,
        message_id,
    })
}

async fn name_of(conn: &mut AnyConnection, member: Option<i64>) -> Result<String> {
    let name: Option<String> = match member {
        Some(id) => {
            sqlx::query_scalar("SELECT display_name FROM members WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
        }
        None => None,
    };
    Ok(name.unwrap_or_else(|| "Someone".into()))
}

/// Who hears of `notice`, as messages ready for the outbox.
pub(crate) async fn resolve(
    conn: &mut AnyConnection,
    notice: &Notice,
    now: i64,
) -> Result<Vec<Outgoing>> {
    let window = batch_window_ms();
    let bucket = if window > 0 { now / window } else { now };
    let business: String = {
        let ws = match notice {
            Notice::Owners { workspace_id, .. }
            | Notice::Member { workspace_id, .. }
            | Notice::Client { workspace_id, .. } => *workspace_id,
        };
        sqlx::query_scalar("SELECT name FROM workspaces WHERE id = $1")
            .bind(ws)
            .fetch_one(&mut *conn)
            .await?
    };
    let mut out = Vec::new();
    match notice {
        Notice::Owners {
            workspace_id,
            kind,
            by,
            task_id,
            client_id,
            seen,
        } => {
            let by_name = name_of(conn, *by).await?;
            let alias = match client_id {
                Some(id) => {
                    let raw: Option<String> =
                        sqlx::query_scalar("SELECT alias FROM clients WHERE id = $1")
                            .bind(id)
                            .fetch_optional(&mut *conn)
                            .await?;
                    raw.and_then(|a| Alias::parse(&a).map(|a| a.to_string()))
                }
                None => None,
            };
            let alias = alias.unwrap_or_else(|| "a client".into());
            let task = task_id.map(|t| format!("task #{t}")).unwrap_or_default();
            let (subject, line, action, path) = match kind {
                NotifyKind::RelayWaiting => (
                    format!("A message to {alias} waits for your approval"),
                    format!("{by_name} asked to send a message to {alias}. It waits in your relay queue."),
                    "Open the relay queue",
                    "/relay".to_string(),
                ),
                NotifyKind::TaskOverdue => (
                    format!("{} is overdue", capitalised(&task)),
                    format!("{} passed its due time and has not been handed in.", capitalised(&task)),
                    "Open the task",
                    format!("/tasks/{}", task_id.unwrap_or(0)),
                ),
                NotifyKind::WorkSubmitted => (
                    format!("Work handed in on {task}"),
                    format!("{by_name} handed in work on {task}. It waits for your review."),
                    "Review the work",
                    format!("/tasks/{}", task_id.unwrap_or(0)),
                ),
                _ => (
                    format!("{alias} wrote to you"),
                    format!("{alias} wrote to you in their portal."),
                    "Read the conversation",
                    format!("/clients/{}", client_id.unwrap_or(0)),
                ),
            };
            let owners: Vec<(i64, String)> = sqlx::query_as(
                "SELECT m.id, m.email FROM members m WHERE m.workspace_id = $1 \
                 AND m.role = 'owner' AND m.active = 1 AND m.id <> $2 \
                 AND NOT EXISTS (SELECT 1 FROM mail_opt_outs o \
                   WHERE o.recipient = 'member-' || CAST(m.id AS TEXT) AND o.kind = $3) \
                 ORDER BY m.id",
            )
            .bind(workspace_id)
            .bind(by.unwrap_or(0))
            .bind(kind.as_str())
            .fetch_all(&mut *conn)
            .await?;
            let object = task_id.or(*client_id).unwrap_or(0);
            for (id, email) in owners {
                let recipient = format!("member-{id}");
                let note = Note {
                    subject: subject.clone(),
                    line: line.clone(),
                    action,
                    path: path.clone(),
                    signature: "Handoff",
                    because: kind.said(),
                };
                let mut mail = compose::notification(
                    *workspace_id,
                    &email,
                    note,
                    unsubscribe_url(&recipient, *kind)?,
                    format!("notify:{}:{recipient}:{object}:{bucket}", kind.as_str()),
                    window,
                );
                mail.unless_read = unless_read(*seen, id);
                out.push(mail);
            }
        }
        Notice::Member {
            workspace_id,
            member_id,
            kind,
            by,
            task_id,
            seen,
        } => {
            let recipient = format!("member-{member_id}");
            if store::opted_out(conn, &recipient, *kind).await? || Some(*member_id) == *by {
                return Ok(out);
            }
            let email: Option<String> =
                sqlx::query_scalar("SELECT email FROM members WHERE id = $1 AND active = 1")
                    .bind(member_id)
                    .fetch_optional(&mut *conn)
                    .await?;
            let Some(email) = email else { return Ok(out) };
            let by_name = name_of(conn, *by).await?;
            let task = format!("task #{task_id}");
            let (subject, line) = match kind {
                NotifyKind::TaskAssigned => (
                    format!("A new task for you: {task}"),
                    format!("{by_name} gave you {task}."),
                ),
                NotifyKind::ChangesRequested => (
                    format!("Changes asked for on {task}"),
                    format!("{by_name} reviewed your work on {task} and asked for changes."),
                ),
                NotifyKind::RelayDecided => (
                    format!("Your message to the client of {task}"),
                    format!("{by_name} decided on your message to the client of {task}."),
                ),
                _ => (
                    format!("A message about {task}"),
                    format!("{by_name} wrote to you about {task}."),
                ),
            };
            let note = Note {
                subject,
                line,
                action: "Open the task",
                path: format!("/tasks/{task_id}"),
                signature: &business,
                because: kind.said(),
            };
            let mut mail = compose::notification(
                *workspace_id,
                &email,
                note,
                unsubscribe_url(&recipient, *kind)?,
                format!("notify:{}:{recipient}:{task_id}:{bucket}", kind.as_str()),
                window,
            );
            mail.unless_read = unless_read(*seen, *member_id);
            out.push(mail);
        }
        Notice::Client {
            workspace_id,
            client_id,
            seen,
        } => {
            let kind = NotifyKind::ClientMessage;
            let recipient = format!("client-{client_id}");
            if store::opted_out(conn, &recipient, kind).await? {
                return Ok(out);
            }
            let email: Option<Option<String>> = sqlx::query_scalar(
                "SELECT email FROM clients WHERE id = $1 AND workspace_id = $2 AND erased_at IS NULL",
            )
            .bind(client_id)
            .bind(workspace_id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(email) = email.flatten().filter(|e| !e.trim().is_empty()) else {
                return Ok(out);
            };
            let note = Note {
                subject: format!("You have a new message from {business}"),
                line: format!("{business} wrote to you. Read it on your private page."),
                action: "Read the message",
                path: "/portal".into(),
                signature: &business,
                because: kind.said(),
            };
            let mut mail = compose::notification(
                *workspace_id,
                &email,
                note,
                unsubscribe_url(&recipient, kind)?,
                format!("notify:{}:{recipient}:0:{bucket}", kind.as_str()),
                window,
            );
            mail.client_id = Some(*client_id);
            // The client reads as reader 0 of their thread.
            mail.unless_read = unless_read(*seen, 0);
            out.push(mail);
        }
    }
    Ok(out)
}
