//! The work loop (R4, R5): moves between states, submissions, reviews, the
//! timeline, and due instants across time zones. Every move is checked
//! against `handoff::work::next_state` for the caller's role and the task's
//! current state, and against the version the caller saw.

use crate::error::{Error, Result};
use crate::markdown::to_safe_html;
use crate::{Actor, Database};
use chrono::{Datelike, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use handoff::redaction::{redact, Secrets};
use handoff::work::{
    format_minor, moves_from, next_state, relative, Achieved, CriterionFeedback, DueView, Move,
    PriceKind, Priority, ReviewView, SubmissionView, Terms, Tick, TimelineEntry, WorkView,
};
use handoff::{Due, FieldError, Role, TaskState};

/// The columns of `tasks` the work loop reads.
#[derive(sqlx::FromRow, Clone)]
pub(crate) struct WorkRow {
    pub id: i64,
    pub workspace_id: i64,
    pub title: String,
    pub instructions: String,
    pub client_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub state: String,
    pub version: i64,
    pub criteria: String,
    pub outcome_kind: String,
    pub outcome_target: String,
    pub priority: String,
    pub due_at: Option<i64>,
    pub price_kind: String,
    pub price_minor: i64,
    pub bonus_minor: i64,
    pub revisions: i64,
}

pub(crate) const WORK_COLUMNS: &str =
    "id, workspace_id, title, instructions, client_id, assignee_id, \
     state, version, criteria, outcome_kind, outcome_target, priority, due_at, price_kind, \
     price_minor, bonus_minor, revisions";

impl WorkRow {
    pub fn state(&self) -> Result<TaskState> {
        TaskState::parse(&self.state)
            .ok_or_else(|| Error::Internal(format!("state {}", self.state)))
    }

    pub fn criteria(&self) -> Vec<String> {
        serde_json::from_str(&self.criteria).unwrap_or_default()
    }
}

pub(crate) async fn load(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    task_id: i64,
) -> Result<WorkRow> {
    sqlx::query_as(&format!(
        "SELECT {WORK_COLUMNS} FROM tasks WHERE id = $1 AND workspace_id = $2"
    ))
    .bind(task_id)
    .bind(workspace_id)
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound)
}

pub(crate) async fn member_zone(conn: &mut sqlx::AnyConnection, member_id: i64) -> Result<Tz> {
    let zone: Option<String> = sqlx::query_scalar("SELECT time_zone FROM members WHERE id = $1")
        .bind(member_id)
        .fetch_optional(conn)
        .await?;
    Ok(zone.and_then(|z| z.parse().ok()).unwrap_or(Tz::UTC))
}

pub(crate) async fn workspace_zone_and_currency(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
) -> Result<(Tz, String)> {
    let (zone, currency): (String, String) =
        sqlx::query_as("SELECT time_zone, currency FROM workspaces WHERE id = $1")
            .bind(workspace_id)
            .fetch_one(conn)
            .await?;
    Ok((zone.parse().unwrap_or(Tz::UTC), currency))
}

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

pub(crate) fn due_view(at: i64, viewer: Tz, other: Option<Tz>, now: i64) -> DueView {
    DueView {
        at_ms: at,
        local: format_at(viewer, at),
        other: other.filter(|o| *o != viewer).map(|o| format_at(o, at)),
        relative: relative(at - now),
        overdue: at < now,
    }
}

pub(crate) fn terms(row: &WorkRow, currency: &str, due: Option<DueView>) -> Terms {
    let price_kind = PriceKind::parse(&row.price_kind).unwrap_or(PriceKind::Retainer);
    let price = match price_kind {
        PriceKind::Retainer => "Covered by retainer".to_string(),
        PriceKind::Fixed => format_minor(row.price_minor, currency),
        PriceKind::Bonus => format!(
            "{} + {} bonus if the outcome is achieved",
            format_minor(row.price_minor, currency),
            format_minor(row.bonus_minor, currency)
        ),
    };
    Terms {
        criteria: row.criteria(),
        outcome_kind: row.outcome_kind.clone(),
        outcome_target: row.outcome_target.clone(),
        priority: Priority::parse(&row.priority).unwrap_or(Priority::Normal),
        due,
        price_kind,
        price,
        revisions: row.revisions,
    }
}

/// Appends a line to the task's timeline.
pub(crate) async fn event(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
    member_id: i64,
    what: &str,
    now: i64,
) -> Result<()> {
    sqlx::query("INSERT INTO task_events (task_id, at, member_id, kind, detail) VALUES ($1, $2, $3, 'event', $4)")
        .bind(task_id)
        .bind(now)
        .bind(member_id)
        .bind(what)
        .execute(conn)
        .await?;
    Ok(())
}

/// What the caller may read of the task's loop. For a provider every text
/// an owner wrote is redacted with the client's undisclosed values.
pub(crate) async fn view(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    row: &WorkRow,
    hidden: &[&str],
    now: i64,
) -> Result<WorkView> {
    let viewer = member_zone(conn, actor.member_id).await?;
    let (business, currency) = workspace_zone_and_currency(conn, row.workspace_id).await?;
    let other = if actor.is_owner() {
        match row.assignee_id {
            Some(p) => Some(member_zone(conn, p).await?),
            None => None,
        }
    } else {
        Some(business)
    };
    let due = row.due_at.map(|at| due_view(at, viewer, other, now));
    let mut terms = terms(row, &currency, due);
    let owner = actor.is_owner();
    let scrub = |text: &str| {
        if owner {
            text.to_string()
        } else {
            redact(text, &Secrets::others(hidden)).text
        }
    };
    terms.criteria = terms.criteria.iter().map(|c| scrub(c)).collect();
    terms.outcome_target = scrub(&terms.outcome_target);
    let state = row.state()?;
    let moves = moves_from(state, actor.role())
        .into_iter()
        .filter(|m| *m != Move::Assign)
        .collect();

    type SubRow = (i64, String, String, String, String, String, i64);
    let submission: Option<SubRow> = sqlx::query_as(
        "SELECT round, body, achieved, result_value, note, ticks, submitted_at FROM submissions \
         WHERE task_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(row.id)
    .fetch_optional(&mut *conn)
    .await?;
    let submission =
        submission.map(
            |(round, body, achieved, result_value, note, ticks, at)| SubmissionView {
                round,
                body_html: to_safe_html(&scrub(&body)),
                achieved: Achieved::parse(&achieved).unwrap_or(Achieved::No),
                result_value: scrub(&result_value),
                note: scrub(&note),
                ticks: serde_json::from_str::<Vec<Tick>>(&ticks)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|t| Tick {
                        criterion: scrub(&t.criterion),
                        met: t.met,
                    })
                    .collect(),
                when: format_at(viewer, at),
            },
        );
    let review: Option<(String, String, String, i64)> = sqlx::query_as(
        "SELECT decision, feedback, process_change, reviewed_at FROM reviews \
         WHERE task_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(row.id)
    .fetch_optional(&mut *conn)
    .await?;
    let review = review.map(|(decision, feedback, process_change, at)| ReviewView {
        accepted: decision == "accept",
        feedback: serde_json::from_str::<Vec<CriterionFeedback>>(&feedback)
            .unwrap_or_default()
            .into_iter()
            .map(|f| CriterionFeedback {
                criterion: scrub(&f.criterion),
                note: scrub(&f.note),
            })
            .collect(),
        process_change: (owner && !process_change.is_empty()).then_some(process_change),
        when: format_at(viewer, at),
    });
    let events: Vec<(i64, Option<String>, String)> = sqlx::query_as(
        "SELECT e.at, m.display_name, e.detail FROM task_events e LEFT JOIN members m ON m.id = e.member_id \
         WHERE e.task_id = $1 ORDER BY e.at, e.id LIMIT 200",
    )
    .bind(row.id)
    .fetch_all(&mut *conn)
    .await?;
    let timeline = events
        .into_iter()
        .map(|(at, who, what)| TimelineEntry {
            when: format_at(viewer, at),
            who: who.unwrap_or_default(),
            what: scrub(&what),
        })
        .collect();
    Ok(WorkView {
        terms,
        moves,
        submission,
        review,
        timeline,
    })
}

/// Checks who may make a move on this task now, and the version they saw.
fn check_move(actor: &Actor, row: &WorkRow, mv: Move, version: i64) -> Result<TaskState> {
    if !actor.is_owner() && row.assignee_id != Some(actor.member_id) {
        return Err(Error::NotFound);
    }
    if row.version != version {
        return Err(Error::Conflict(row.version));
    }
    next_state(row.state()?, mv, actor.role()).map_err(|e| Error::field("move", e.to_string()))
}

async fn set_state(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
    state: TaskState,
    extra: &str,
    now: i64,
) -> Result<()> {
    sqlx::query(&format!(
        "UPDATE tasks SET state = $1, version = version + 1, updated_at = $2, \
         closed = CASE WHEN $1 IN ('accepted', 'cancelled') THEN 1 ELSE 0 END{extra} WHERE id = $3"
    ))
    .bind(state.as_str())
    .bind(now)
    .bind(task_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// A move without a form of its own: start, resume, decline (with a
/// reason) and cancel.
pub async fn move_task(
    db: &Database,
    actor: &Actor,
    task_id: i64,
    version: i64,
    mv: &str,
    reason: &str,
    now: i64,
) -> Result<()> {
    let mv = Move::parse(mv)
        .ok_or_else(|| Error::field("move", "That is not something a task can do."))?;
    if matches!(
        mv,
        Move::Submit | Move::Accept | Move::RequestChanges | Move::Assign
    ) {
        return Err(Error::field("move", "Use the task's form for this."));
    }
    let mut tx = db.begin_write().await?;
    let row = load(&mut tx, actor.workspace_id, task_id).await?;
    let next = check_move(actor, &row, mv, version)?;
    match mv {
        Move::Decline => {
            let reason = reason.trim();
            if reason.is_empty() || reason.chars().count() > 1000 {
                return Err(Error::field(
                    "reason",
                    "Say in a sentence why you are declining, so the owner can find someone else.",
                ));
            }
            crate::disclosure::end_for_task(
                &mut tx,
                actor,
                task_id,
                row.client_id,
                "the provider declined the task",
                now,
            )
            .await?;
            set_state(&mut tx, task_id, next, ", assignee_id = NULL", now).await?;
            event(
                &mut tx,
                task_id,
                actor.member_id,
                &format!("Declined the task: {reason}"),
                now,
            )
            .await?;
        }
        Move::Cancel => {
            crate::disclosure::end_for_task(
                &mut tx,
                actor,
                task_id,
                row.client_id,
                "the task was cancelled",
                now,
            )
            .await?;
            set_state(&mut tx, task_id, next, "", now).await?;
            event(&mut tx, task_id, actor.member_id, "Cancelled the task", now).await?;
        }
        Move::Start => {
            set_state(&mut tx, task_id, next, "", now).await?;
            event(&mut tx, task_id, actor.member_id, "Started work", now).await?;
        }
        Move::Resume => {
            set_state(&mut tx, task_id, next, "", now).await?;
            event(
                &mut tx,
                task_id,
                actor.member_id,
                "Started on the requested changes",
                now,
            )
            .await?;
        }
        _ => unreachable!("refused above"),
    }
    tx.commit().await?;
    Ok(())
}

/// What a provider hands in.
#[derive(Clone, Debug, Default)]
pub struct SubmissionInput {
    pub body: String,
    pub achieved: String,
    pub result_value: String,
    pub note: String,
    /// Indexes of the criteria the provider ticks as met.
    pub met: Vec<usize>,
}

pub async fn submit(
    db: &Database,
    actor: &Actor,
    task_id: i64,
    version: i64,
    input: &SubmissionInput,
    now: i64,
) -> Result<()> {
    let mut errors = Vec::new();
    let body = input.body.trim();
    if body.is_empty() {
        errors.push(FieldError::new(
            "body",
            "Describe the work you did and where the result is.",
        ));
    } else if body.chars().count() > 20_000 {
        errors.push(FieldError::new("body", "Keep it under 20000 characters."));
    }
    let achieved = Achieved::parse(&input.achieved);
    if achieved.is_none() {
        errors.push(FieldError::new(
            "achieved",
            "Say whether the outcome was achieved.",
        ));
    }
    if input.result_value.chars().count() > 300 || input.note.chars().count() > 2000 {
        errors.push(FieldError::new(
            "note",
            "Keep the result under 300 characters and the note under 2000.",
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let mut tx = db.begin_write().await?;
    let row = load(&mut tx, actor.workspace_id, task_id).await?;
    let next = check_move(actor, &row, Move::Submit, version)?;
    let ticks: Vec<Tick> = row
        .criteria()
        .into_iter()
        .enumerate()
        .map(|(i, criterion)| Tick {
            criterion,
            met: input.met.contains(&i),
        })
        .collect();
    sqlx::query(
        "INSERT INTO submissions (task_id, round, body, achieved, result_value, note, ticks, submitted_by, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(task_id)
    .bind(row.revisions + 1)
    .bind(body)
    .bind(achieved.map(Achieved::as_str).unwrap_or("no"))
    .bind(input.result_value.trim())
    .bind(input.note.trim())
    .bind(serde_json::to_string(&ticks).map_err(|e| Error::Internal(e.to_string()))?)
    .bind(actor.member_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    set_state(&mut tx, task_id, next, "", now).await?;
    let met = ticks.iter().filter(|t| t.met).count();
    let what = format!(
        "Submitted round {} ({}; {met} of {} criteria met)",
        row.revisions + 1,
        achieved
            .map(|a| a.to_string().to_lowercase())
            .unwrap_or_default(),
        ticks.len()
    );
    event(&mut tx, task_id, actor.member_id, &what, now).await?;
    tx.commit().await?;
    Ok(())
}

/// What an owner answers to a submission.
#[derive(Clone, Debug, Default)]
pub struct ReviewInput {
    /// `accept` or `request_changes`.
    pub decision: String,
    /// A note per criterion, in the task's order (empty: no note).
    pub feedback: Vec<String>,
    pub process_change: String,
}

pub async fn review(
    db: &Database,
    actor: &Actor,
    task_id: i64,
    version: i64,
    input: &ReviewInput,
    now: i64,
) -> Result<()> {
    let mv = match input.decision.as_str() {
        "accept" => Move::Accept,
        "request_changes" => Move::RequestChanges,
        _ => {
            return Err(Error::field(
                "decision",
                "Choose: accept the work, or ask for changes.",
            ))
        }
    };
    if actor.role() != Role::Owner {
        return Err(Error::Forbidden);
    }
    let mut tx = db.begin_write().await?;
    let row = load(&mut tx, actor.workspace_id, task_id).await?;
    let next = check_move(actor, &row, mv, version)?;
    let feedback: Vec<CriterionFeedback> = row
        .criteria()
        .into_iter()
        .zip(
            input
                .feedback
                .iter()
                .chain(std::iter::repeat(&String::new())),
        )
        .map(|(criterion, note)| CriterionFeedback {
            criterion,
            note: note.trim().to_string(),
        })
        .filter(|f| !f.note.is_empty())
        .collect();
    if mv == Move::RequestChanges && feedback.is_empty() {
        return Err(Error::field(
            "feedback",
            "Say what to change: write a note beside at least one criterion.",
        ));
    }
    let submission_id: i64 = sqlx::query_scalar(
        "SELECT id FROM submissions WHERE task_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(task_id)
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO reviews (task_id, submission_id, decision, feedback, process_change, reviewed_by, reviewed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(task_id)
    .bind(submission_id)
    .bind(input.decision.as_str())
    .bind(serde_json::to_string(&feedback).map_err(|e| Error::Internal(e.to_string()))?)
    .bind(input.process_change.trim())
    .bind(actor.member_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if mv == Move::Accept {
        crate::disclosure::end_for_task(
            &mut tx,
            actor,
            task_id,
            row.client_id,
            "the task was accepted",
            now,
        )
        .await?;
        set_state(&mut tx, task_id, next, "", now).await?;
        event(&mut tx, task_id, actor.member_id, "Accepted the work", now).await?;
    } else {
        set_state(&mut tx, task_id, next, ", revisions = revisions + 1", now).await?;
        let what = format!("Asked for changes ({} notes)", feedback.len());
        event(&mut tx, task_id, actor.member_id, &what, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A JSON column with every string in it redacted (criteria, ticks,
/// feedback): parsed and written back, so masks never break the JSON.
pub(crate) fn scrub_json<T>(raw: &str, values: &[&str]) -> String
where
    T: serde::de::DeserializeOwned + serde::Serialize + Scrub,
{
    match serde_json::from_str::<T>(raw) {
        Ok(mut parsed) => {
            parsed.scrub(values);
            serde_json::to_string(&parsed).unwrap_or_else(|_| "[]".into())
        }
        Err(_) => "[]".into(),
    }
}

/// Redacts every string a work-loop value holds.
pub(crate) trait Scrub {
    fn scrub(&mut self, values: &[&str]);
}

impl Scrub for String {
    fn scrub(&mut self, values: &[&str]) {
        *self = redact(self, &Secrets::others(values)).text;
    }
}

impl<T: Scrub> Scrub for Vec<T> {
    fn scrub(&mut self, values: &[&str]) {
        self.iter_mut().for_each(|t| t.scrub(values));
    }
}

impl Scrub for Tick {
    fn scrub(&mut self, values: &[&str]) {
        self.criterion.scrub(values);
    }
}

impl Scrub for CriterionFeedback {
    fn scrub(&mut self, values: &[&str]) {
        self.criterion.scrub(values);
        self.note.scrub(values);
    }
}

/// Erasure (see `clients::erase`): the client's values leave every copy the
/// work loop made of a task's text: submissions, reviews, the timeline.
pub(crate) async fn erase_copies(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
    values: &[&str],
) -> Result<()> {
    type Sub = (i64, String, String, String, String);
    let subs: Vec<Sub> = sqlx::query_as(
        "SELECT id, body, result_value, note, ticks FROM submissions WHERE task_id = $1",
    )
    .bind(task_id)
    .fetch_all(&mut *conn)
    .await?;
    for (id, body, result, note, ticks) in subs {
        sqlx::query("UPDATE submissions SET body = $1, result_value = $2, note = $3, ticks = $4 WHERE id = $5")
            .bind(redact(&body, &Secrets::others(values)).text)
            .bind(redact(&result, &Secrets::others(values)).text)
            .bind(redact(&note, &Secrets::others(values)).text)
            .bind(scrub_json::<Vec<Tick>>(&ticks, values))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    let reviews: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, feedback, process_change FROM reviews WHERE task_id = $1")
            .bind(task_id)
            .fetch_all(&mut *conn)
            .await?;
    for (id, feedback, process_change) in reviews {
        sqlx::query("UPDATE reviews SET feedback = $1, process_change = $2 WHERE id = $3")
            .bind(scrub_json::<Vec<CriterionFeedback>>(&feedback, values))
            .bind(redact(&process_change, &Secrets::others(values)).text)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    let events: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, detail FROM task_events WHERE task_id = $1")
            .bind(task_id)
            .fetch_all(&mut *conn)
            .await?;
    for (id, detail) in events {
        sqlx::query("UPDATE task_events SET detail = $1 WHERE id = $2")
            .bind(redact(&detail, &Secrets::others(values)).text)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
