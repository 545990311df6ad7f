//! How a member gets each notification (right away, in their daily digest,
//! or not at all), their digest hour, and the one-click unsubscribe that
//! needs no sign-in (RFC 8058: the mail program POSTs the link). All the
//! SQL of `mail_opt_outs`: a row is a kind not sent right away.

use super::unsubscribe::tag_is_ours;
use crate::caller::Member;
use crate::error::{Error, Result};
use crate::profile;
use crate::unit::Nobody;
use crate::Database;
use handoff::{FieldError, Language, NotifyChoice, NotifyKind, NotifySetting, NotifySettings};
use sqlx::AnyConnection;

pub(crate) use super::digest_store::DIGEST;

fn recipient_of(member_id: i64) -> String {
    format!("member-{member_id}")
}

/// How `recipient` (`member-<id>` or `client-<id>`) gets `kind`.
pub(crate) async fn choice(
    conn: &mut AnyConnection,
    recipient: &str,
    kind: NotifyKind,
) -> Result<NotifyChoice> {
    let choice: Option<String> =
        sqlx::query_scalar("SELECT choice FROM mail_opt_outs WHERE recipient = $1 AND kind = $2")
            .bind(recipient)
            .bind(kind.as_str())
            .fetch_optional(conn)
            .await?;
    Ok(match choice.as_deref() {
        None => NotifyChoice::Immediately,
        Some("digest") => NotifyChoice::Digest,
        Some(_) => NotifyChoice::Off,
    })
}

async fn set_choice(
    conn: &mut AnyConnection,
    recipient: &str,
    kind: NotifyKind,
    choice: NotifyChoice,
    now: i64,
) -> Result<()> {
    if choice == NotifyChoice::Immediately {
        sqlx::query("DELETE FROM mail_opt_outs WHERE recipient = $1 AND kind = $2")
            .bind(recipient)
            .bind(kind.as_str())
            .execute(conn)
            .await?;
    } else {
        sqlx::query(
            "INSERT INTO mail_opt_outs (recipient, kind, at, choice) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (recipient, kind) DO UPDATE SET choice = excluded.choice, at = excluded.at",
        )
        .bind(recipient)
        .bind(kind.as_str())
        .bind(now)
        .bind(choice.as_str())
        .execute(conn)
        .await?;
    }
    Ok(())
}

/// The member's settings: each kind for their role, and their digest hour.
#[tracing::instrument(skip_all)]
pub async fn settings(db: &Database, member: &Member, now: i64) -> Result<NotifySettings> {
    let mut conn = db.pool().acquire().await?;
    let member_id = member.account().member_id;
    let recipient = recipient_of(member_id);
    let mut kinds = Vec::new();
    for kind in NotifyKind::for_role(member.account().role) {
        kinds.push(NotifySetting {
            kind: *kind,
            choice: choice(&mut conn, &recipient, *kind).await?,
        });
    }
    let contact = profile::mail_contact(&mut conn, member_id)
        .await?
        .ok_or(Error::Unauthenticated)?;
    let (digest_waiting, next_digest) = super::digest::waiting(&mut conn, &contact, now).await?;
    Ok(NotifySettings {
        kinds,
        digest_hour: contact.digest_hour,
        language: contact.language,
        time_zone: contact.time_zone,
        digest_waiting,
        next_digest,
    })
}

/// Saves the member's choices (`kind`, `choice` pairs as the form posts
/// them) and digest hour, all or nothing.
#[tracing::instrument(skip_all)]
pub async fn save(
    db: &Database,
    member: &Member,
    choices: &[(String, String)],
    digest_hour: &str,
    language: &str,
    now: i64,
) -> Result<()> {
    let mine = NotifyKind::for_role(member.account().role);
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for (kind, choice) in choices {
        match (
            NotifyKind::parse(kind).filter(|k| mine.contains(k)),
            NotifyChoice::parse(choice),
        ) {
            (Some(kind), Some(choice)) => parsed.push((kind, choice)),
            _ => errors.push(FieldError::new(
                "choices",
                "Choose right away, in my daily digest or off for each notification.",
            )),
        }
    }
    let hour = digest_hour
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|h| *h < 24)
        .ok_or_else(|| FieldError::new("digest_hour", "Choose an hour between 00:00 and 23:00."))
        .map_err(|e| errors.push(e))
        .ok();
    let language = Language::parse(language.trim())
        .ok_or_else(|| FieldError::new("language", "Choose one of the languages listed."))
        .map_err(|e| errors.push(e))
        .ok();
    let (Some(hour), Some(language), true) = (hour, language, errors.is_empty()) else {
        errors.dedup_by(|a, b| a.field == b.field);
        return Err(Error::Invalid(errors));
    };
    let member_id = member.account().member_id;
    let recipient = recipient_of(member_id);
    let mut unit = db.write(member, now).await?;
    for (kind, choice) in parsed {
        set_choice(&mut unit, &recipient, kind, choice, now).await?;
    }
    profile::set_digest_hour(&mut unit, member_id, hour).await?;
    profile::set_language(&mut unit, member_id, language).await?;
    unit.commit().await
}

/// The words of what an unsubscribe link (`what`: a kind, or the whole
/// digest) turns off, if the link is one this server made.
#[tracing::instrument(skip_all)]
pub fn unsubscribe_preview(recipient: &str, what: &str, tag: &str) -> Result<&'static str> {
    let recipient_ok = recipient
        .strip_prefix("member-")
        .or_else(|| recipient.strip_prefix("client-"))
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()));
    if !recipient_ok || !tag_is_ours(recipient, what, tag)? {
        return Err(Error::LinkNoLongerWorks);
    }
    if what == DIGEST {
        return Ok("your notifications are gathered in a daily digest");
    }
    Ok(NotifyKind::parse(what)
        .ok_or(Error::LinkNoLongerWorks)?
        .said())
}

/// One click: turns off what the link names, without a sign-in. A digest's
/// link turns off every kind that went into the digest.
#[tracing::instrument(skip_all)]
pub async fn unsubscribe(
    db: &Database,
    recipient: &str,
    what: &str,
    tag: &str,
    now: i64,
) -> Result<&'static str> {
    let said = unsubscribe_preview(recipient, what, tag)?;
    let mut unit = db.write(&Nobody, now).await?;
    match NotifyKind::parse(what) {
        Some(kind) => set_choice(&mut unit, recipient, kind, NotifyChoice::Off, now).await?,
        None => {
            sqlx::query(
                "UPDATE mail_opt_outs SET choice = 'off', at = $1 \
                 WHERE recipient = $2 AND choice = 'digest'",
            )
            .bind(now)
            .bind(recipient)
            .execute(&mut *unit)
            .await?;
        }
    }
    unit.commit().await?;
    Ok(said)
}
