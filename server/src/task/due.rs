//! Due instants across time zones: stored in UTC, shown in the viewer's
//! zone with the other side's beside it.

use crate::error::{Error, Result};
use chrono::{Datelike, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use handoff::work::{is_overdue, relative_for, DueView};
use handoff::Due;
use handoff::TaskState;

/// 09:00 of the first morning after `now` in `zone` (at least 8 hours away,
/// so a task handed over late at night is not due an hour later).
pub fn next_morning(zone: Tz, now: i64) -> i64 {
    let Some(local) = zone.timestamp_millis_opt(now).single() else {
        return now;
    };
    let mut day = local.date_naive();
    loop {
        let nine = day.and_hms_opt(9, 0, 0).unwrap_or_default();
        if let Some(at) = zone.from_local_datetime(&nine).earliest() {
            if at.timestamp_millis() - now >= 8 * 3_600_000 {
                return at.timestamp_millis();
            }
        }
        day = day.succ_opt().unwrap_or(day);
        if day.year() > 9000 {
            return now;
        }
    }
}

/// The due instant a form asked for, or a field error.
pub(crate) fn due_at(due: &Due, owner: Tz, provider: Option<Tz>, now: i64) -> Result<Option<i64>> {
    match due {
        Due::None => Ok(None),
        Due::ProviderNextMorning => Ok(Some(next_morning(provider.unwrap_or(owner), now))),
        Due::Local(raw) => {
            let naive = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M").map_err(|_| {
                Error::field("due", "Enter the date and time, such as 2026-11-24 17:00.")
            })?;
            // In a spring-forward gap the hour does not exist: take the
            // first instant after it.
            let at = owner
                .from_local_datetime(&naive)
                .earliest()
                .or_else(|| {
                    owner
                        .from_local_datetime(&(naive + chrono::Duration::hours(1)))
                        .earliest()
                })
                .ok_or_else(|| {
                    Error::field("due", "That time does not exist in your time zone.")
                })?;
            Ok(Some(at.timestamp_millis()))
        }
    }
}

pub fn format_at(zone: Tz, at: i64) -> String {
    zone.timestamp_millis_opt(at)
        .single()
        .map(|t| format!("{} ({})", t.format("%a %-d %b %Y, %H:%M"), zone.name()))
        .unwrap_or_default()
}

/// The instant in the zone named (`Europe/Lisbon`; UTC if the name is not
/// a zone), as pages show a message's time: `Mon 23 Nov 2026, 14:05`.
pub fn format_short(zone: &str, at: i64) -> String {
    let zone: Tz = zone.parse().unwrap_or(Tz::UTC);
    zone.timestamp_millis_opt(at)
        .single()
        .map(|t| t.format("%a %-d %b %Y, %H:%M").to_string())
        .unwrap_or_default()
}

/// The instant as the owner's editor shows it: `2026-11-24T17:00`.
pub(crate) fn form_value(zone: Tz, at: i64) -> String {
    zone.timestamp_millis_opt(at)
        .single()
        .map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// The due time of a task in `state`, overdue by the one definition
/// (`handoff::work::is_overdue`) that the lists and counts use too.
pub(crate) fn due_view(
    state: TaskState,
    at: i64,
    viewer: Tz,
    other: Option<Tz>,
    now: i64,
) -> DueView {
    DueView {
        at_ms: at,
        local: format_at(viewer, at),
        other: other.filter(|o| *o != viewer).map(|o| format_at(o, at)),
        relative: relative_for(state, at, now),
        overdue: is_overdue(state, at, now),
    }
}

/// The due time of a task that is closed (accepted or cancelled): the
/// instant alone; "overdue by 3 d" would blame finished work.
pub(crate) fn closed_due_view(at: i64, viewer: Tz, other: Option<Tz>) -> DueView {
    DueView {
        relative: String::new(),
        overdue: false,
        ..due_view(TaskState::Accepted, at, viewer, other, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use handoff::work::relative;

    const NY: Tz = chrono_tz::America::New_York;
    const LISBON: Tz = chrono_tz::Europe::Lisbon;
    const MANILA: Tz = chrono_tz::Asia::Manila;

    fn at(raw: &str) -> i64 {
        due_at(&Due::Local(raw.into()), NY, None, 0)
            .unwrap()
            .unwrap()
    }

    #[test]
    fn a_due_time_reads_right_in_three_zones_across_daylight_saving() {
        // Winter: New York is UTC-5, Lisbon UTC+0, Manila UTC+8.
        let winter = at("2026-01-15T17:00");
        assert_eq!(
            format_at(NY, winter),
            "Thu 15 Jan 2026, 17:00 (America/New_York)"
        );
        assert_eq!(
            format_at(LISBON, winter),
            "Thu 15 Jan 2026, 22:00 (Europe/Lisbon)"
        );
        assert_eq!(
            format_at(MANILA, winter),
            "Fri 16 Jan 2026, 06:00 (Asia/Manila)"
        );
        // Summer: New York is UTC-4 and Lisbon UTC+1; Manila has no DST.
        let summer = at("2026-07-15T17:00");
        assert_eq!(
            format_at(LISBON, summer),
            "Wed 15 Jul 2026, 22:00 (Europe/Lisbon)"
        );
        assert_eq!(
            format_at(MANILA, summer),
            "Thu 16 Jul 2026, 05:00 (Asia/Manila)"
        );
        // Between the two switches (New York moved on 8 March, Lisbon not
        // until 29 March) the gap to Lisbon is 4 hours, not 5.
        let between = at("2026-03-20T17:00");
        assert_eq!(
            format_at(LISBON, between),
            "Fri 20 Mar 2026, 21:00 (Europe/Lisbon)"
        );
        // 02:30 on 8 March does not exist in New York: the hour after it.
        assert_eq!(
            format_at(NY, at("2026-03-08T02:30")),
            "Sun 8 Mar 2026, 03:30 (America/New_York)"
        );
    }

    #[test]
    fn the_providers_next_morning_is_nine_oclock_their_time_at_least_eight_hours_away() {
        // 17:00 in New York on 15 Jan is 06:00 on the 16th in Manila: too
        // soon for that morning, so 09:00 on the 17th.
        let evening = at("2026-01-15T17:00");
        let due = next_morning(MANILA, evening);
        assert_eq!(
            format_at(MANILA, due),
            "Sat 17 Jan 2026, 09:00 (Asia/Manila)"
        );
        assert_eq!(
            format_at(NY, due),
            "Fri 16 Jan 2026, 20:00 (America/New_York)"
        );
        // 09:00 in New York is 14:00 in Lisbon: next morning is the 16th.
        let morning = at("2026-01-15T09:00");
        assert_eq!(
            format_at(LISBON, next_morning(LISBON, morning)),
            "Fri 16 Jan 2026, 09:00 (Europe/Lisbon)"
        );
    }

    #[test]
    fn relative_badges_count_down_and_then_overdue() {
        assert_eq!(relative(5 * 3_600_000 + 60_000), "due in 5 h");
        assert_eq!(relative(-3 * 24 * 3_600_000), "overdue by 3 d");
        assert_eq!(relative(30 * 60_000), "due in 30 min");
        // Handed in late: it was due, it is not overdue (one definition).
        let h = 3_600_000;
        let late = due_view(TaskState::Submitted, 0, LISBON, None, 5 * h);
        assert_eq!(
            (late.relative.as_str(), late.overdue),
            ("was due 5 h ago", false)
        );
        let waiting = due_view(TaskState::InProgress, 0, LISBON, None, 5 * h);
        assert_eq!(
            (waiting.relative.as_str(), waiting.overdue),
            ("overdue by 5 h", true)
        );
        let ahead = due_view(TaskState::Submitted, 5 * h, LISBON, None, 0);
        assert_eq!(
            (ahead.relative.as_str(), ahead.overdue),
            ("due in 5 h", false)
        );
    }
}
