//! Notifications: a use case says what happened (`unit.notify(Notice…)`);
//! at its commit the write unit resolves who hears of it — minus whoever
//! acted and whoever turned that kind off — and what each may read.
//!
//! What a notification may say (R1–R3): to a provider, the task's number,
//! who acted and a link — never a title, a client or a value; to owners,
//! a client's alias at most; to a client, the business's name and a link —
//! never a provider, never a message's text.

use super::compose::{self, Note};
use super::digest_store::{self, DigestItem};
use super::unsubscribe::unsubscribe_url;
use super::words::{fill, words, Said2, Said3, Words};
use super::{batch_window_ms, preferences, Outgoing, UnlessRead};
use crate::error::Result;
use crate::profile;
use handoff::{NotifyChoice, NotifyKind};
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

impl Notice {
    /// An owner wrote to a task's provider (in its team thread, or by
    /// forwarding a client's message there).
    pub(crate) fn team_message(
        workspace_id: i64,
        provider_id: i64,
        owner_id: i64,
        task_id: i64,
        seen: (i64, i64),
    ) -> Notice {
        Notice::Member {
            workspace_id,
            member_id: provider_id,
            kind: NotifyKind::TeamMessage,
            by: Some(owner_id),
            task_id,
            seen: Some(seen),
        }
    }
}

/// What a notice comes to: messages for the outbox, and lines for
/// digests.
#[derive(Default)]
pub(crate) struct Resolved {
    pub mail: Vec<Outgoing>,
    pub digest: Vec<DigestItem>,
}

fn unless_read(seen: Option<(i64, i64)>, reader: i64) -> Option<UnlessRead> {
    seen.map(|(thread_id, message_id)| UnlessRead {
        thread_id,
        reader,
        message_id,
    })
}

/// What happened, to be said in each reader's language.
struct Told {
    kind: NotifyKind,
    /// Who acted (a member's own name), if anyone did.
    by: Option<String>,
    /// The client's alias (owners only).
    alias: Option<String>,
    task_id: Option<i64>,
    client_id: Option<i64>,
    /// The business's name, for providers' mail; owners' is from Handoff.
    signature: Option<String>,
    /// What it is about (a task or a client), for the dedupe key.
    object: i64,
    seen: Option<(i64, i64)>,
}

/// One notification in one language: subject, line, link words, path.
struct Said {
    subject: String,
    line: String,
    action: &'static str,
    path: String,
}

impl Told {
    fn said(&self, w: &Words) -> Said {
        let n = self.task_id.unwrap_or(0).to_string();
        let task = fill(w.task, &[("n", &n)]);
        let task_first = fill(w.task_first, &[("n", &n)]);
        let by = self.by.as_deref().unwrap_or(w.someone);
        let alias = self.alias.as_deref().unwrap_or(w.a_client);
        let values = [
            ("task", task.as_str()),
            ("Task", task_first.as_str()),
            ("by", by),
            ("alias", alias),
        ];
        let task_path = format!("/tasks/{n}");
        let three = |s: &Said3, path: String| Said {
            subject: fill(s.subject, &values),
            line: fill(s.line, &values),
            action: s.action,
            path,
        };
        let two = |s: &Said2| Said {
            subject: fill(s.subject, &values),
            line: fill(s.line, &values),
            action: w.open_task,
            path: task_path.clone(),
        };
        match self.kind {
            NotifyKind::RelayWaiting => three(&w.relay_waiting, "/relay".into()),
            NotifyKind::TaskOverdue => three(&w.task_overdue, task_path.clone()),
            NotifyKind::WorkSubmitted => three(&w.work_submitted, task_path.clone()),
            NotifyKind::ClientReplied | NotifyKind::ClientMessage => three(
                &w.client_replied,
                format!("/clients/{}", self.client_id.unwrap_or(0)),
            ),
            NotifyKind::TaskAssigned => two(&w.task_assigned),
            NotifyKind::ChangesRequested => two(&w.changes_requested),
            NotifyKind::RelayDecided => two(&w.relay_decided),
            NotifyKind::TeamMessage => two(&w.team_message),
        }
    }
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
            let alias = match client_id {
                Some(id) => crate::clients::alias_of(conn, *id).await?,
                None => None,
            };
            let told = Told {
                kind: *kind,
                by: profile::display_name(conn, *by).await?,
                alias,
                task_id: *task_id,
                client_id: *client_id,
                signature: None,
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
            let told = Told {
                kind: *kind,
                by: profile::display_name(conn, *by).await?,
                alias: None,
                task_id: Some(*task_id),
                client_id: None,
                signature: Some(crate::workspace::name(conn, *workspace_id).await?),
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
        let w = words(reader.language);
        let said = told.said(w);
        match preferences::choice(conn, &recipient, told.kind).await? {
            NotifyChoice::Off => {}
            NotifyChoice::Digest => out.digest.push(DigestItem {
                workspace_id,
                member_id: reader.member_id,
                client_id: told.client_id,
                kind: told.kind,
                line: said.line,
                path: said.path,
                dedupe_key: format!("digest-item:{key}"),
                unless_read,
            }),
            NotifyChoice::Immediately => {
                let note = Note {
                    language: reader.language,
                    subject: said.subject,
                    line: said.line,
                    action: said.action,
                    path: said.path,
                    signature: told.signature.as_deref().unwrap_or("Handoff"),
                    because: w.kind(told.kind),
                };
                let mut mail = compose::notification(
                    workspace_id,
                    &reader.email,
                    note,
                    unsubscribe_url(&recipient, told.kind.as_str())?,
                    format!("notify:{key}"),
                    window,
                );
                mail.unless_read = unless_read;
                out.mail.push(mail);
            }
        }
    }
    Ok(out)
}

/// "You have a new message from <business>": the business's name and a
/// link, never the message. In the business's language.
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
    let Some(email) = crate::clients::mail_address(conn, workspace_id, client_id).await? else {
        return Ok(None);
    };
    let business = crate::workspace::name(conn, workspace_id).await?;
    let language = profile::business_language(conn, workspace_id).await?;
    let w = words(language);
    let said = [("business", business.as_str())];
    let note = Note {
        language,
        subject: fill(w.client_message.subject, &said),
        line: fill(w.client_message.line, &said),
        action: w.client_message.action,
        path: "/portal".into(),
        signature: &business,
        because: w.kind(kind),
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

impl crate::unit::Mailed for Notice {
    fn write<'a>(
        self: Box<Self>,
        conn: &'a mut AnyConnection,
        now: i64,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<bool>> + Send + 'a>> {
        Box::pin(async move {
            let resolved = resolve(conn, &self, now).await?;
            for item in &resolved.digest {
                digest_store::add(conn, item, now).await?;
            }
            for mail in &resolved.mail {
                super::store::enqueue(conn, mail, now).await?;
            }
            Ok(!resolved.mail.is_empty())
        })
    }
}
