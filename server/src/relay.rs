//! Relay requests (R2, R3): a provider's message meant for the client of
//! their task waits in the owners' relay queue. An owner approves it as
//! written, edits then approves it (the client gets the edited text), or
//! returns it with a reason the provider reads. Approved text goes into
//! the client thread signed by the business; the approving owner is kept
//! for the audit. Flagged text (the provider's contact details, an
//! invitation off the platform) is approved only with an explicit
//! acknowledgement. A request is decided once: a second owner deciding the
//! same request gets a conflict, never a second post.

use crate::audit::{self, Entry};
use crate::caller::{Owner, Provider};
use crate::client_row;
use crate::error::{Error, Result};
use crate::lens::client::{ClientLens, Origin};
use crate::lens::provider::ProviderLens;
use crate::thread::store::{self as thread_store, flags_json, parse_flags, NewMessage};
use crate::thread::{own_task, Audience, Change};
use crate::{draft, idempotency, Database};
use handoff::draft::DraftKind;
use handoff::solicitation::{self, Solicitation};
use handoff::thread::{
    check_message, ProviderRelay, RelayDecision, RelayItem, RelayState, Side, ThreadRef,
    REASON_MAX_CHARS,
};
use handoff::AuditAction;

/// Providers: proposes a message for the client of their open task. The
/// text is scanned for solicitation; the flags are stored with it. The
/// draft it was written from (same text) goes with it.
#[tracing::instrument(skip(db, body), fields(member = provider.member_id()))]
pub async fn request(
    db: &Database,
    provider: &Provider,
    task_id: i64,
    body: &str,
    now: i64,
) -> Result<Change> {
    let checked = check_message(body).map_err(|m| Error::field("body", m))?;
    let mut tx = db.begin_write().await?;
    let change = request_in(db, &mut tx, provider, task_id, body, &checked, now).await?;
    tx.commit().await?;
    Ok(change)
}

/// [`request`] carrying an idempotency key (a request queued in the
/// browser while offline may arrive twice): a replay asks nothing more.
#[tracing::instrument(skip(db, body, key), fields(member = provider.member_id()))]
pub async fn request_once(
    db: &Database,
    provider: &Provider,
    task_id: i64,
    body: &str,
    key: &str,
    now: i64,
) -> Result<()> {
    let checked = check_message(body).map_err(|m| Error::field("body", m))?;
    let mut tx = db.begin_write().await?;
    if let Some(()) = idempotency::claim(&mut tx, provider.member_id(), key, now).await? {
        return Ok(());
    }
    request_in(db, &mut tx, provider, task_id, body, &checked, now).await?;
    idempotency::answer(&mut tx, provider.member_id(), key, &()).await?;
    tx.commit().await?;
    Ok(())
}

async fn request_in(
    db: &Database,
    tx: &mut sqlx::AnyConnection,
    provider: &Provider,
    task_id: i64,
    typed: &str,
    body: &str,
    now: i64,
) -> Result<Change> {
    let ws = provider.workspace_id();
    let task = own_task(&mut *tx, provider, task_id).await?;
    let client_id = match task.client_id {
        Some(id) if task.state.is_open() => id,
        _ => {
            return Err(Error::field(
                "body",
                "Messages for a client go through an open task about that client.",
            ))
        }
    };
    let flags = solicitation::flags(body);
    let relay_id: i64 = sqlx::query_scalar(
        "INSERT INTO relay_requests (workspace_id, task_id, client_id, provider_id, body, flags, \
         state, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING id",
    )
    .bind(ws)
    .bind(task_id)
    .bind(client_id)
    .bind(provider.member_id())
    .bind(body)
    .bind(flags_json(&flags)?)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    draft::delete_sent(
        &mut *tx,
        provider.member_id(),
        task_id,
        DraftKind::RelayRequest,
        typed,
    )
    .await?;
    let change = Change {
        workspace_id: ws,
        thread: Some(ThreadRef::Team { task_id }),
        message_id: None,
        relay_id: Some(relay_id),
        audience: Audience {
            owners: true,
            provider_id: Some(provider.member_id()),
            portal_client_id: None,
        },
    };
    change.announce(db, &mut *tx, now).await?;
    Ok(change)
}

#[derive(sqlx::FromRow)]
struct RelayRow {
    id: i64,
    version: i64,
    task_id: i64,
    task_title: String,
    provider_id: i64,
    provider_name: String,
    client_id: i64,
    body: String,
    flags: String,
    state: String,
    sent_body: Option<String>,
    edited: i64,
    flags_acknowledged: i64,
    reason: Option<String>,
    decided_by_name: Option<String>,
    created_at: i64,
}

const RELAY_SELECT: &str = "SELECT r.id, r.version, r.task_id, t.title AS task_title, \
     r.provider_id, p.display_name AS provider_name, r.client_id, r.body, r.flags, r.state, \
     r.sent_body, r.edited, r.flags_acknowledged, r.reason, d.display_name AS decided_by_name, \
     r.created_at FROM relay_requests r JOIN tasks t ON t.id = r.task_id \
     JOIN members p ON p.id = r.provider_id LEFT JOIN members d ON d.id = r.decided_by";

fn state_of(r: &RelayRow) -> Result<RelayState> {
    RelayState::parse(&r.state).ok_or_else(|| Error::corrupt(format!("state of relay {}", r.id)))
}

/// The flags as stored, or computed again when the text changed under them
/// (an erasure rewrote it).
fn flags_of(body: &str, raw: &str, id: i64) -> Result<Vec<Solicitation>> {
    let flags = parse_flags(raw, &format!("relay {id}"))?;
    Ok(if solicitation::fit(body, &flags) {
        flags
    } else {
        solicitation::flags(body)
    })
}

/// Which relay requests an owner's view lists.
pub(crate) enum Of {
    Pending,
    Task(i64),
    Client(i64),
}

pub(crate) async fn items(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    of: Of,
) -> Result<Vec<RelayItem>> {
    let (condition, id, order) = match of {
        Of::Pending => ("r.state = 'pending' AND $2 = $2", 0, "r.id"),
        Of::Task(id) => ("r.task_id = $2", id, "r.id DESC"),
        Of::Client(id) => ("r.client_id = $2", id, "r.id DESC"),
    };
    let rows: Vec<RelayRow> = sqlx::query_as(&format!(
        "{RELAY_SELECT} WHERE r.workspace_id = $1 AND {condition} ORDER BY {order}"
    ))
    .bind(workspace_id)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    let mut lenses: std::collections::HashMap<i64, ClientLens> = Default::default();
    for r in rows {
        let client = client_row::load(conn, workspace_id, r.client_id).await?;
        if let std::collections::hash_map::Entry::Vacant(slot) = lenses.entry(r.client_id) {
            slot.insert(ClientLens::for_client(conn, workspace_id, r.client_id).await?);
        }
        // Approving a flagged text acknowledges its flags: contact details
        // then pass, as they would here.
        let client_view = lenses[&r.client_id].html(&r.body, Origin::Provider { knowingly: true });
        let state = state_of(&r)?;
        let flags = flags_of(&r.body, &r.flags, r.id)?;
        out.push(RelayItem {
            relay_id: r.id,
            version: r.version,
            task_id: r.task_id,
            task_title: r.task_title,
            provider_name: r.provider_name,
            client_id: r.client_id,
            client_alias: client.row.alias()?.to_string(),
            client_name: (client.row.erased_at.is_none()).then(|| client.row.name.clone()),
            pieces: solicitation::highlight(&r.body, &flags),
            client_view,
            body: r.body,
            flags,
            state,
            sent_body: r.sent_body,
            edited: r.edited == 1,
            flags_acknowledged: r.flags_acknowledged == 1,
            reason: r.reason,
            decided_by: r.decided_by_name,
            at: r.created_at,
        });
    }
    Ok(out)
}

/// Owners: the relay queue, oldest first, each with its flagged spans.
#[tracing::instrument(skip(db), fields(member = owner.member_id()))]
pub async fn queue(db: &Database, owner: &Owner) -> Result<Vec<RelayItem>> {
    let mut conn = db.pool().acquire().await?;
    items(&mut conn, owner.workspace_id(), Of::Pending).await
}

/// A provider's relay requests on one task, through the task's lens.
pub(crate) async fn provider_relays(
    conn: &mut sqlx::AnyConnection,
    provider: &Provider,
    task_id: i64,
    lens: &ProviderLens,
) -> Result<Vec<ProviderRelay>> {
    let rows: Vec<RelayRow> = sqlx::query_as(&format!(
        "{RELAY_SELECT} WHERE r.workspace_id = $1 AND r.task_id = $2 AND r.provider_id = $3 \
         ORDER BY r.id DESC"
    ))
    .bind(provider.workspace_id())
    .bind(task_id)
    .bind(provider.member_id())
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            let state = state_of(&r)?;
            let edited = r.edited == 1;
            Ok(ProviderRelay {
                relay_id: r.id,
                body: lens.text(&r.body),
                state,
                edited,
                sent: r
                    .sent_body
                    .as_deref()
                    .filter(|_| edited)
                    .map(|s| lens.text(s)),
                reason: r.reason.as_deref().map(|s| lens.text(s)),
                at: r.created_at,
            })
        })
        .collect()
}

/// Claims the decision before anything else is written: of two owners
/// deciding at once, the second finds no pending row at this version and
/// posts nothing.
async fn claim(
    conn: &mut sqlx::AnyConnection,
    state: RelayState,
    owner: &Owner,
    relay_id: i64,
    version: i64,
    now: i64,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE relay_requests SET state = $1, version = version + 1, decided_by = $2, \
         decided_at = $3 WHERE id = $4 AND state = 'pending' AND version = $5",
    )
    .bind(state.as_str())
    .bind(owner.member_id())
    .bind(now)
    .bind(relay_id)
    .bind(version)
    .execute(conn)
    .await?;
    if done.rows_affected() != 1 {
        return Err(Error::Conflict(version + 1));
    }
    Ok(())
}

fn unacknowledged(flags: &[Solicitation]) -> Error {
    Error::field(
        "acknowledge_flags",
        format!(
            "This message is flagged ({}). Confirm that you have read the marked passages and \
             still want the client to get them, or edit them out.",
            solicitation::kinds_named(flags)
        ),
    )
}

/// Owners: decides a pending relay request. `version` is the one the owner
/// saw; a request decided meanwhile is a conflict.
#[tracing::instrument(skip(db, decision), fields(member = owner.member_id()))]
pub async fn decide(
    db: &Database,
    owner: &Owner,
    relay_id: i64,
    version: i64,
    decision: &RelayDecision,
    now: i64,
) -> Result<Change> {
    let ws = owner.workspace_id();
    let mut tx = db.begin_write().await?;
    let row: RelayRow = sqlx::query_as(&format!(
        "{RELAY_SELECT} WHERE r.id = $1 AND r.workspace_id = $2"
    ))
    .bind(relay_id)
    .bind(ws)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(Error::NotFound)?;
    if state_of(&row)? != RelayState::Pending || row.version != version {
        return Err(Error::Conflict(row.version));
    }
    let client = client_row::load(&mut tx, ws, row.client_id).await?;
    let erased = client.row.erased_at.is_some();
    let (action, detail, thread, message_id, audience_client) = match decision {
        RelayDecision::Return { reason } => {
            let reason = reason.trim();
            if reason.is_empty() || reason.chars().count() > REASON_MAX_CHARS {
                return Err(Error::field(
                    "reason",
                    "Say in a sentence or two why it goes back, so the provider can fix it.",
                ));
            }
            claim(&mut tx, RelayState::Returned, owner, relay_id, version, now).await?;
            sqlx::query("UPDATE relay_requests SET reason = $1 WHERE id = $2")
                .bind(reason)
                .bind(relay_id)
                .execute(&mut *tx)
                .await?;
            (
                AuditAction::RelayReturned,
                "returned to the provider with a reason".to_string(),
                ThreadRef::Team {
                    task_id: row.task_id,
                },
                None,
                None,
            )
        }
        RelayDecision::Approve { acknowledge_flags }
        | RelayDecision::Edit {
            acknowledge_flags, ..
        } => {
            if erased {
                return Err(Error::field(
                    "relay",
                    "This client was erased; nothing reaches them.",
                ));
            }
            let text = match decision {
                RelayDecision::Edit { text, .. } => {
                    check_message(text).map_err(|m| Error::field("text", m))?
                }
                _ => row.body.clone(),
            };
            let edited = text != row.body;
            let flags = solicitation::flags(&text);
            if !flags.is_empty() && !acknowledge_flags {
                return Err(unacknowledged(&flags));
            }
            let knowingly = !flags.is_empty();
            claim(&mut tx, RelayState::Approved, owner, relay_id, version, now).await?;
            let thread = ThreadRef::Client {
                client_id: row.client_id,
            };
            let thread_id = thread_store::ensure(&mut tx, ws, thread).await?;
            let message_id = thread_store::insert(
                &mut tx,
                NewMessage {
                    thread_id,
                    side: Side::Owners,
                    author_id: Some(owner.member_id()),
                    body: &text,
                    flags: &flags,
                    forwarded_from: None,
                    contact_approved: knowingly,
                },
                now,
            )
            .await?;
            sqlx::query(
                "UPDATE relay_requests SET sent_body = $1, edited = $2, flags_acknowledged = $3, \
                 message_id = $4 WHERE id = $5",
            )
            .bind(&text)
            .bind(i64::from(edited))
            .bind(i64::from(knowingly))
            .bind(message_id)
            .bind(relay_id)
            .execute(&mut *tx)
            .await?;
            let detail = if knowingly {
                format!(
                    "sent to the client with its flags acknowledged: {}",
                    solicitation::kinds_named(&flags)
                )
            } else {
                "sent to the client; nothing flagged".to_string()
            };
            let action = if edited {
                AuditAction::RelayEdited
            } else {
                AuditAction::RelayApproved
            };
            (
                action,
                detail,
                thread,
                Some(message_id),
                Some(row.client_id),
            )
        }
    };
    audit::record(
        &mut tx,
        Entry {
            workspace_id: ws,
            member_id: Some(owner.member_id()),
            action,
            client_id: Some(row.client_id),
            task_id: Some(row.task_id),
            detail: &detail,
        },
        now,
    )
    .await?;
    let change = Change {
        workspace_id: ws,
        thread: Some(thread),
        message_id,
        relay_id: Some(relay_id),
        audience: Audience {
            owners: true,
            provider_id: Some(row.provider_id),
            portal_client_id: audience_client,
        },
    };
    change.announce(db, &mut tx, now).await?;
    tx.commit().await?;
    Ok(change)
}

/// After an erasure rewrote texts, the stored flags are computed again so
/// their spans point into the text as it now is.
pub(crate) async fn refresh_flags(conn: &mut sqlx::AnyConnection, workspace_id: i64) -> Result<()> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, body FROM relay_requests WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_all(&mut *conn)
            .await?;
    for (id, body) in rows {
        sqlx::query("UPDATE relay_requests SET flags = $1 WHERE id = $2")
            .bind(flags_json(&solicitation::flags(&body))?)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT m.id, m.body FROM thread_messages m JOIN threads t ON t.id = m.thread_id \
         WHERE t.workspace_id = $1 AND m.flags <> '[]'",
    )
    .bind(workspace_id)
    .fetch_all(&mut *conn)
    .await?;
    for (id, body) in rows {
        sqlx::query("UPDATE thread_messages SET flags = $1 WHERE id = $2")
            .bind(flags_json(&solicitation::flags(&body))?)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
