//! Notifications: a use case says what happened (`unit.notify(Notice…)`);
//! at its commit the write unit resolves who hears of it — minus whoever
//! acted and whoever turned that kind off — and what each may read.
//!
//! What a notification may say (R1–R3): to a provider, the task's number,
//! who acted and a link — never a title, a client or a value; to owners,
//! a client's alias at most; to a client, the business's name and a link —
//! never a provider, never a message's text.

use super::compose::{self, Note};
use super::digest::DigestItem;
use super::{batch_window_ms, preferences, public_url, Outgoing, UnlessRead};
use crate::error::Result;
use crate::profile::{self, MailContact};
use crate::secrets;
use handoff::{Alias, NotifyChoice, NotifyKind};
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

/// What a notice comes to: messages for the outbox, and lines for
/// digests.
#[derive(Default)]
pub(crate) struct Resolved {
    pub mail: Vec<Outgoing>,
    pub digest: Vec<DigestItem>,
}

/// The address a recipient's one-click unsubscribe goes to for `what` (a
/// kind, or the whole digest).
pub(crate) fn unsubscribe_url(recipient: &str, what: &str) -> Result<String> {
    let tag = secrets::tag(&format!("{recipient}:{what}"))?;
    Ok(format!(
        "{}/unsubscribe/{recipient}/{what}/{tag}",
        public_url()
    ))
}

/// Whether `tag` is the one this server put in a message to `recipient`.
pub(crate) fn tag_is_ours(recipient: &str, what: &str, tag: &str) -> Result<bool> {
    secrets::tag_matches(&format!("{recipient}:{what}"), tag)
}

/// The business's name: what mail from it is signed with.
pub(crate) async fn business_name(conn: &mut AnyConnection, workspace_id: i64) -> Result<String> {
    Ok(
        sqlx::query_scalar("SELECT name FROM workspaces WHERE id = $1")
            .bind(workspace_id)
            .fetch_one(conn)
            .await?,
    )
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

/// What a notice to members says, whoever reads it.
struct Told {
    kind: NotifyKind,
    subject: String,
    line: String,
    action: &'static str,
    path: String,
    signature: String,
    client_id: Option<i64>,
    /// What it is about (a task or a client), for the dedupe key.
    object: i64,
    seen: Option<(i64, i64)>,
}

/// Who hears of `notice`, and how: a message now, or a line in a digest.
pub(crate) async fn resolve(
    conn: &mut AnyConnection,
    notice: &Notice,
    now: i64,
) -> Result<Resolved> {
    let window = batch_window_ms();
    let bucket = if window > 0 { now / window } else { now };
    let (told, readers, workspace_id) = match notice {
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
            let task_path = format!("/tasks/{}", task_id.unwrap_or(0));
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
                    task_path,
                ),
                NotifyKind::WorkSubmitted => (
                    format!("Work handed in on {task}"),
                    format!("{by_name} handed in work on {task}. It waits for your review."),
                    "Review the work",
                    task_path,
                ),
                _ => (
                    format!("{alias} wrote to you"),
                    format!("{alias} wrote to you in their portal."),
                    "Read the conversation",
                    format!("/clients/{}", client_id.unwrap_or(0)),
                ),
            };
            let told = Told {
                kind: *kind,
                subject,
                line,
                action,
                path,
                signature: "Handoff".into(),
                client_id: *client_id,
                object: task_id.or(*client_id).unwrap_or(0),
                seen: *seen,
            };
            let owners = profile::owner_contacts(conn, *workspace_id, *by).await?;
            (told, owners, *workspace_id)
        }
        Notice::Member {
            workspace_id,
            member_id,
            kind,
            by,
            task_id,
            seen,
        } => {
            if Some(*member_id) == *by {
                return Ok(Resolved::default());
            }
            let Some(contact) = profile::mail_contact(conn, *member_id).await? else {
                return Ok(Resolved::default());
            };
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
            let told = Told {
                kind: *kind,
                subject,
                line,
                action: "Open the task",
                path: format!("/tasks/{task_id}"),
                signature: business_name(conn, *workspace_id).await?,
                client_id: None,
                object: *task_id,
                seen: *seen,
            };
            (told, vec![contact], *workspace_id)
        }
        Notice::Client {
            workspace_id,
            client_id,
            seen,
        } => {
            let mail = to_client(conn, *workspace_id, *client_id, *seen, window, bucket).await?;
            return Ok(Resolved {
                mail: mail.into_iter().collect(),
                digest: Vec::new(),
            });
        }
    };
    let mut out = Resolved::default();
    for reader in readers {
        let recipient = format!("member-{}", reader.member_id);
        let key = format!(
            "{}:{recipient}:{}:{bucket}",
            told.kind.as_str(),
            told.object
        );
        let unless_read = unless_read(told.seen, reader.member_id);
        match preferences::choice(conn, &recipient, told.kind).await? {
            NotifyChoice::Off => {}
            NotifyChoice::Digest => out.digest.push(DigestItem {
                workspace_id,
                member_id: reader.member_id,
                client_id: told.client_id,
                kind: told.kind,
                line: told.line.clone(),
                path: told.path.clone(),
                dedupe_key: format!("digest-item:{key}"),
                unless_read,
            }),
            NotifyChoice::Immediately => {
                let mut mail = now_to(&told, &reader, workspace_id, window)?;
                mail.dedupe_key = format!("notify:{key}");
                mail.unless_read = unless_read;
                out.mail.push(mail);
            }
        }
    }
    Ok(out)
}

fn now_to(told: &Told, reader: &MailContact, workspace_id: i64, window: i64) -> Result<Outgoing> {
    let recipient = format!("member-{}", reader.member_id);
    let note = Note {
        subject: told.subject.clone(),
        line: told.line.clone(),
        action: told.action,
        path: told.path.clone(),
        signature: &told.signature,
        because: told.kind.said(),
    };
    Ok(compose::notification(
        workspace_id,
        &reader.email,
        note,
        unsubscribe_url(&recipient, told.kind.as_str())?,
        String::new(),
        window,
    ))
}

/// "You have a new message from <business>": the business's name and a
/// link, never the message.
async fn to_client(
    conn: &mut AnyConnection,
    workspace_id: i64,
    client_id: i64,
    seen: Option<(i64, i64)>,
    window: i64,
    bucket: i64,
) -> Result<Option<Outgoing>> {
    let kind = NotifyKind::ClientMessage;
    let recipient = format!("client-{client_id}");
    if preferences::choice(conn, &recipient, kind).await? == NotifyChoice::Off {
        return Ok(None);
    }
    let email: Option<Option<String>> = sqlx::query_scalar(
        "SELECT email FROM clients WHERE id = $1 AND workspace_id = $2 AND erased_at IS NULL",
    )
    .bind(client_id)
    .bind(workspace_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(email) = email.flatten().filter(|e| !e.trim().is_empty()) else {
        return Ok(None);
    };
    let business = business_name(conn, workspace_id).await?;
    let note = Note {
        subject: format!("You have a new message from {business}"),
        line: format!("{business} wrote to you. Read it on your private page."),
        action: "Read the message",
        path: "/portal".into(),
        signature: &business,
        because: kind.said(),
    };
    let mut mail = compose::notification(
        workspace_id,
        &email,
        note,
        unsubscribe_url(&recipient, kind.as_str())?,
        format!("notify:{}:{recipient}:0:{bucket}", kind.as_str()),
        window,
    );
    mail.client_id = Some(client_id);
    // The client reads as reader 0 of their thread.
    mail.unless_read = unless_read(seen, 0);
    Ok(Some(mail))
}
