//! Daily digests: a notification a member chose to get in their digest is
//! written to `mail_digest_items` with the change that causes it; once a
//! day, at the member's digest hour in their own time zone, every line
//! since is one message. The lines' SQL is `digest_store`'s.
//!
//! Every app server looks; the write unit (`BEGIN IMMEDIATE` on SQLite, a
//! row lock on PostgreSQL) and the digest's dedupe key make each digest
//! one message.

use super::compose::{self, DigestLine};
use super::digest_store::{self, DIGEST};
use super::unsubscribe::unsubscribe_url;
use super::words::words;
use crate::caller::Member;
use crate::error::{Error, Result};
use crate::profile::{self, MailContact};
use crate::unit::Nobody;
use crate::Database;
use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Tz;
use sqlx::AnyConnection;

/// The latest digest time at or before `now` (ms) for a member whose
/// digest comes at `hour` in `zone`. An hour skipped by a clock change
/// comes an hour later that day.
pub fn last_digest_at(zone: Tz, hour: u8, now: i64) -> i64 {
    let now_utc = Utc
        .timestamp_millis_opt(now)
        .single()
        .unwrap_or_else(Utc::now);
    let today = now_utc.with_timezone(&zone).date_naive();
    let at = |day: chrono::NaiveDate| -> i64 {
        let mut h = u32::from(hour.min(23));
        loop {
            let naive = day.and_hms_opt(h, 0, 0).unwrap_or_default();
            if let Some(t) = zone.from_local_datetime(&naive).earliest() {
                return t.timestamp_millis();
            }
            if h == 23 {
                return naive.and_utc().timestamp_millis();
            }
            h += 1;
        }
    };
    let t = at(today);
    if t <= now {
        t
    } else {
        at(today - Duration::days(1))
    }
}

/// An instant as a member reads it in `zone`.
fn said_at(zone: Tz, at: i64) -> String {
    Utc.timestamp_millis_opt(at)
        .single()
        .unwrap_or_else(Utc::now)
        .with_timezone(&zone)
        .format("%A %-d %B, %H:%M")
        .to_string()
}

/// How many updates wait for the member's next digest, and when it comes.
pub(crate) async fn waiting(
    conn: &mut AnyConnection,
    contact: &MailContact,
    now: i64,
) -> Result<(u32, String)> {
    let n = digest_store::count(conn, contact.member_id).await?;
    let zone: Tz = contact.time_zone.parse().unwrap_or(Tz::UTC);
    Ok((
        u32::try_from(n).unwrap_or(u32::MAX),
        said_at(zone, next_digest_at(contact, now)),
    ))
}

/// When the member's next digest comes after `now`.
fn next_digest_at(contact: &MailContact, now: i64) -> i64 {
    let zone: Tz = contact.time_zone.parse().unwrap_or(Tz::UTC);
    // The next digest time: the first latest-one-by-then after now, an
    // hour at a time (a day has 23 to 25 of them).
    (1..=26)
        .map(|h| last_digest_at(zone, contact.digest_hour, now + h * 3_600_000))
        .find(|t| *t > now)
        .unwrap_or(now)
}

/// The member asks for what waits now, without waiting for their hour.
/// `false`: nothing waited (or all of it was read already).
#[tracing::instrument(skip_all)]
pub async fn send_now(db: &Database, member: &Member, now: i64) -> Result<bool> {
    let member_id = member.account().member_id;
    let mut conn = db.pool().acquire().await?;
    let contact = profile::mail_contact(&mut conn, member_id).await?;
    drop(conn);
    if contact.is_none() {
        return Err(Error::Unauthenticated);
    }
    send_one(db, member_id, contact, now + 1, now).await
}

/// Sends every digest that is due: for each member with waiting lines
/// older than their latest digest time. Returns how many were written to
/// the outbox.
#[tracing::instrument(skip_all)]
pub async fn send_due(db: &Database, now: i64) -> Result<usize> {
    let waiting = {
        let mut conn = db.pool().acquire().await?;
        digest_store::waiting_members(&mut conn).await?
    };
    let mut sent = 0;
    for (member_id, oldest) in waiting {
        let mut conn = db.pool().acquire().await?;
        let contact = profile::mail_contact(&mut conn, member_id).await?;
        drop(conn);
        let until = match &contact {
            Some(c) => last_digest_at(c.time_zone.parse().unwrap_or(Tz::UTC), c.digest_hour, now),
            // A deactivated member: their lines go, unsent.
            None => now + 1,
        };
        if oldest >= until {
            continue;
        }
        if send_one(db, member_id, contact, until, now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

async fn send_one(
    db: &Database,
    member_id: i64,
    contact: Option<MailContact>,
    until: i64,
    now: i64,
) -> Result<bool> {
    let mut unit = db.write(&Nobody, now).await?;
    let rows = digest_store::take(&mut unit, member_id, until).await?;
    let Some(contact) = contact else {
        unit.commit().await?;
        return Ok(false);
    };
    let mut lines = Vec::new();
    let mut workspace_id = 0;
    for row in rows {
        if let (Some(thread), Some(reader), Some(past)) =
            (row.read_thread_id, row.reader, row.read_past)
        {
            let read = crate::thread::store::last_read(&mut unit, Some(thread), reader).await?;
            if read >= past {
                continue;
            }
        }
        let (line, path) = digest_store::open(&row)?;
        workspace_id = row.workspace_id;
        lines.push(DigestLine { line, path });
    }
    if lines.is_empty() {
        unit.commit().await?;
        return Ok(false);
    }
    let zone: Tz = contact.time_zone.parse().unwrap_or(Tz::UTC);
    let day = Utc
        .timestamp_millis_opt(until.min(now))
        .single()
        .unwrap_or_else(Utc::now)
        .with_timezone(&zone)
        .format(words(contact.language).date_format)
        .to_string();
    let recipient = format!("member-{member_id}");
    let business = crate::workspace::name(&mut unit, workspace_id).await?;
    let mail = compose::digest(
        contact.language,
        workspace_id,
        &contact.email,
        &day,
        lines,
        &business,
        unsubscribe_url(&recipient, DIGEST)?,
        format!("digest:{recipient}:{until}"),
    );
    unit.mail(mail);
    unit.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::last_digest_at;
    use chrono::{TimeZone, Utc};
    use chrono_tz::Tz;

    fn ms(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn the_digest_comes_at_the_members_own_hour() {
        let lisbon: Tz = "Europe/Lisbon".parse().unwrap();
        // 7 December: Lisbon is on UTC. At 08:30 the 08:00 digest is due.
        assert_eq!(
            last_digest_at(lisbon, 8, ms(2026, 12, 7, 8, 30)),
            ms(2026, 12, 7, 8, 0)
        );
        // At 07:59 the latest one was yesterday's.
        assert_eq!(
            last_digest_at(lisbon, 8, ms(2026, 12, 7, 7, 59)),
            ms(2026, 12, 6, 8, 0)
        );
        let tokyo: Tz = "Asia/Tokyo".parse().unwrap();
        // 08:00 in Tokyo is 23:00 UTC the day before.
        assert_eq!(
            last_digest_at(tokyo, 8, ms(2026, 12, 7, 0, 0)),
            ms(2026, 12, 6, 23, 0)
        );
    }

    #[test]
    fn the_next_digest_is_the_first_after_now() {
        let contact = |hour| super::MailContact {
            member_id: 1,
            email: String::new(),
            time_zone: "Europe/Lisbon".into(),
            digest_hour: hour,
            language: handoff::Language::English,
        };
        let next = |hour, now| super::next_digest_at(&contact(hour), now);
        assert_eq!(next(9, ms(2026, 12, 7, 8, 30)), ms(2026, 12, 7, 9, 0));
        assert_eq!(next(8, ms(2026, 12, 7, 8, 30)), ms(2026, 12, 8, 8, 0));
        assert_eq!(next(8, ms(2026, 12, 7, 8, 0)), ms(2026, 12, 8, 8, 0));
    }

    #[test]
    fn an_hour_a_clock_change_skips_comes_an_hour_later() {
        let new_york: Tz = "America/New_York".parse().unwrap();
        // 8 March 2026: 02:00 does not exist in New York; 03:00 EDT = 07:00 UTC.
        assert_eq!(
            last_digest_at(new_york, 2, ms(2026, 3, 8, 12, 0)),
            ms(2026, 3, 8, 7, 0)
        );
    }
}
