//! Owners: the workspace's mail, what could not be sent and why.

use super::store;
use crate::caller::Owner;
use crate::error::{Error, Result};
use crate::Database;
use chrono_tz::Tz;
use handoff::{MailKind, MailOverview, MailProblem, MailState};

const WEEK_MS: i64 = 7 * 24 * 60 * 60 * 1000;

fn local(tz: Tz, at: i64) -> String {
    chrono::DateTime::from_timestamp_millis(at)
        .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// The workspace's mail for its owners. `not_delivered_to`: the folder
/// mail is written to when no SMTP server is configured.
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn overview(
    db: &Database,
    owner: &Owner,
    not_delivered_to: Option<String>,
    now: i64,
) -> Result<MailOverview> {
    let mut conn = db.pool().acquire().await?;
    let tz = crate::member_row::time_zone(&mut conn, owner.member_id()).await?;
    drop(conn);
    let (sent_last_week, waiting) = store::counts(db, owner.workspace_id(), now - WEEK_MS).await?;
    let mut problems = Vec::new();
    for row in store::problems(db, owner.workspace_id()).await? {
        let kind = MailKind::parse(&row.kind)
            .ok_or_else(|| Error::corrupt(format!("kind of mail {}", row.id)))?;
        let state = MailState::parse(&row.state)
            .ok_or_else(|| Error::corrupt(format!("state of mail {}", row.id)))?;
        problems.push(MailProblem {
            mail_id: row.id,
            kind,
            recipient: row.recipient,
            state,
            attempts: row.attempts,
            reason: row.last_error.unwrap_or_default(),
            written: local(tz, row.created_at),
            next_attempt: (state == MailState::Waiting).then(|| local(tz, row.next_attempt_at)),
        });
    }
    Ok(MailOverview {
        not_delivered_to,
        sent_last_week,
        waiting,
        problems,
    })
}

/// Owners: sends a dead message of their workspace again, now (its address
/// may receive mail again).
#[tracing::instrument(skip_all, fields(member = owner.member_id()))]
pub async fn retry(db: &Database, owner: &Owner, mail_id: i64, now: i64) -> Result<()> {
    let mut unit = db.write(owner, now).await?;
    match store::dead_or_not(&mut unit, owner.workspace_id(), mail_id).await? {
        None => return Err(Error::NotFound),
        Some(false) => {
            return Err(Error::field(
                "mail_id",
                "This message was sent or is still being tried: there is nothing to send again.",
            ))
        }
        Some(true) => {}
    }
    if !store::send_again(&mut unit, owner.workspace_id(), mail_id, now).await? {
        return Err(Error::NotFound);
    }
    unit.wake_mail();
    unit.commit().await
}
