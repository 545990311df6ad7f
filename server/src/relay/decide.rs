//! An owner's decision on a relay request: claimed once (a second owner
//! gets a conflict), then approved as written, edited then approved, or
//! returned; and the flags of pending requests read again when the
//! workspace's names change.

use super::*;

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
    let mut tx = db.write(owner, now).await?;
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
    tx.audit(action, Some(row.client_id), Some(row.task_id), &detail);
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
    change.announce(&mut tx);
    tx.notify(Notice::Member {
        workspace_id: ws,
        member_id: row.provider_id,
        kind: NotifyKind::RelayDecided,
        by: Some(owner.member_id()),
        task_id: row.task_id,
        seen: None,
    });
    if let Some(client_id) = audience_client {
        tx.notify(Notice::Client {
            workspace_id: ws,
            client_id,
            seen: None,
        });
    }
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
    thread_store::refresh_flags(conn, workspace_id).await
}
