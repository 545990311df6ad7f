//! Relay requests (R2, R3): a provider's message meant for the client of
//! their task waits in the owners' relay queue. An owner approves it as
//! written, edits then approves it (the client gets the edited text), or
//! returns it with a reason the provider reads. Approved text goes into
//! the client thread signed by the business; the approving owner is kept
//! for the audit. Flagged text (the provider's contact details, an
//! invitation off the platform) is approved only with an explicit
//! acknowledgement. A request is decided once: a second owner deciding the
//! same request gets a conflict, never a second post.

use crate::caller::{Owner, Provider};
use crate::client_row;
use crate::error::{Error, Result};
use crate::lens::client::{ClientLens, Origin};
use crate::lens::provider::ProviderLens;
use crate::mail::notify::Notice;
use crate::thread::store::{self as thread_store, flags_json, parse_flags, NewMessage};
use crate::thread::{own_task, Audience, Change};
use crate::{draft, Database};
use handoff::draft::DraftKind;
use handoff::solicitation::{self, Solicitation};
use handoff::thread::{
    check_message, ProviderRelay, RelayDecision, RelayItem, RelayState, Side, ThreadRef,
    REASON_MAX_CHARS,
};
use handoff::{AuditAction, NotifyKind};

mod decide;
pub(crate) mod store;

pub use decide::decide;
pub(crate) use decide::refresh_flags;

/// Providers: proposes a message for the client of their open task. The
/// text is scanned for solicitation; the flags are stored with it. The
/// draft it was written from (same text) goes with it. `key`: the
/// idempotency key of a request queued in the browser while offline, which
/// may arrive twice; a replay asks nothing more and answers the same.
#[tracing::instrument(skip(db, body, key), fields(member = provider.member_id()))]
pub async fn request(
    db: &Database,
    provider: &Provider,
    task_id: i64,
    body: &str,
    key: Option<&str>,
    now: i64,
) -> Result<Change> {
    let checked = check_message(body).map_err(|m| Error::field("body", m))?;
    let mut unit = db.write(provider, now).await?;
    if let Some(first) = unit.once(key).await? {
        return Ok(first);
    }
    let ws = provider.workspace_id();
    let task = own_task(&mut unit, provider, task_id).await?;
    let client_id = match task.client_id {
        Some(id) if task.state.is_open() => id,
        _ => {
            return Err(Error::field(
                "body",
                "Messages for a client go through an open task about that client.",
            ))
        }
    };
    let flags = solicitation::flags(&checked);
    let relay_id: i64 = sqlx::query_scalar(
        "INSERT INTO relay_requests (workspace_id, task_id, client_id, provider_id, body, flags, \
         state, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING id",
    )
    .bind(ws)
    .bind(task_id)
    .bind(client_id)
    .bind(provider.member_id())
    .bind(&checked)
    .bind(flags_json(&flags)?)
    .bind(now)
    .fetch_one(&mut *unit)
    .await?;
    draft::delete_sent(
        &mut unit,
        provider.member_id(),
        task_id,
        DraftKind::RelayRequest,
        body,
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
    change.announce(&mut unit);
    unit.notify(Notice::Owners {
        workspace_id: ws,
        kind: NotifyKind::RelayWaiting,
        by: Some(provider.member_id()),
        task_id: Some(task_id),
        client_id: Some(client_id),
        seen: None,
    });
    unit.commit_with(change).await
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
        Of::Pending => ("r.state = 'pending'", None, "r.id"),
        Of::Task(id) => ("r.task_id = $2", Some(id), "r.id DESC"),
        Of::Client(id) => ("r.client_id = $2", Some(id), "r.id DESC"),
    };
    let sql = format!("{RELAY_SELECT} WHERE r.workspace_id = $1 AND {condition} ORDER BY {order}");
    let mut query = sqlx::query_as(&sql).bind(workspace_id);
    if let Some(id) = id {
        query = query.bind(id);
    }
    let rows: Vec<RelayRow> = query.fetch_all(&mut *conn).await?;
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
