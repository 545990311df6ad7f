//! Which notifications a member gets, and the one-click unsubscribe that
//! needs no sign-in (RFC 8058: the mail program POSTs the link).

use super::notify::tag_is_ours;
use super::store;
use crate::caller::Member;
use crate::error::{Error, Result};
use crate::unit::Nobody;
use crate::Database;
use handoff::{NotifyKind, NotifySetting};

fn recipient_of(member: &Member) -> String {
    format!("member-{}", member.account().member_id)
}

/// The member's notifications: each kind for their role, on or off.
#[tracing::instrument(skip_all)]
pub async fn settings(db: &Database, member: &Member) -> Result<Vec<NotifySetting>> {
    let mut conn = db.pool().acquire().await?;
    let off = store::opt_outs(&mut conn, &recipient_of(member)).await?;
    Ok(NotifyKind::for_role(member.account().role)
        .iter()
        .map(|kind| NotifySetting {
            kind: *kind,
            on: !off.iter().any(|o| o == kind.as_str()),
        })
        .collect())
}

/// Turns one of the member's notifications on or off.
#[tracing::instrument(skip_all)]
pub async fn set(db: &Database, member: &Member, kind: &str, on: bool, now: i64) -> Result<()> {
    let kind = NotifyKind::parse(kind)
        .filter(|k| NotifyKind::for_role(member.account().role).contains(k))
        .ok_or_else(|| Error::field("kind", "Choose one of the notifications listed."))?;
    let mut unit = db.write(member, now).await?;
    store::set_opt_out(&mut unit, &recipient_of(member), kind, on, now).await?;
    unit.commit().await
}

/// What an unsubscribe link turns off, if it is one this server made:
/// the setting's words.
#[tracing::instrument(skip_all)]
pub fn unsubscribe_preview(recipient: &str, kind: &str, tag: &str) -> Result<&'static str> {
    let kind = NotifyKind::parse(kind).ok_or(Error::LinkNoLongerWorks)?;
    let recipient_ok = recipient
        .strip_prefix("member-")
        .or_else(|| recipient.strip_prefix("client-"))
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()));
    if !recipient_ok || !tag_is_ours(recipient, kind, tag)? {
        return Err(Error::LinkNoLongerWorks);
    }
    Ok(kind.said())
}

/// One click: turns off what the link names, without a sign-in.
#[tracing::instrument(skip_all)]
pub async fn unsubscribe(
    db: &Database,
    recipient: &str,
    kind: &str,
    tag: &str,
    now: i64,
) -> Result<&'static str> {
    let said = unsubscribe_preview(recipient, kind, tag)?;
    let kind = NotifyKind::parse(kind).ok_or(Error::LinkNoLongerWorks)?;
    let mut unit = db.write(&Nobody, now).await?;
    store::set_opt_out(&mut unit, recipient, kind, false, now).await?;
    unit.commit().await?;
    Ok(said)
}
