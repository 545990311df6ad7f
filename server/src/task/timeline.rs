//! A task's timeline: who did what, when. Every change appends a line.

use crate::error::Context;
use crate::error::{Error, Result};
use handoff::work::{Achieved, CriterionFeedback, Tick};

/// Appends a line to the task's timeline.
pub(crate) async fn event(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
    member_id: i64,
    what: &str,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO task_events (task_id, at, member_id, kind, detail) VALUES ($1, $2, $3, 'event', $4)",
    )
    .bind(task_id)
    .bind(now)
    .bind(member_id)
    .bind(what)
    .execute(conn)
    .await?;
    Ok(())
}

/// (when, who, what), oldest first.
pub(crate) async fn read(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
) -> Result<Vec<(i64, Option<String>, String)>> {
    Ok(sqlx::query_as(
        "SELECT e.at, m.display_name, e.detail FROM task_events e LEFT JOIN members m ON m.id = e.member_id \
         WHERE e.task_id = $1 ORDER BY e.at, e.id LIMIT 200",
    )
    .bind(task_id)
    .fetch_all(conn)
    .await?)
}

/// The latest submission, decoded.
pub(crate) struct StoredSubmission {
    pub round: i64,
    pub body: String,
    pub achieved: Achieved,
    pub result_value: String,
    pub note: String,
    pub ticks: Vec<Tick>,
    pub at: i64,
}

pub(crate) async fn latest_submission(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
) -> Result<Option<StoredSubmission>> {
    type Row = (i64, i64, String, String, String, String, String, i64);
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, round, body, achieved, result_value, note, ticks, submitted_at FROM submissions \
         WHERE task_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(task_id)
    .fetch_optional(conn)
    .await?;
    row.map(
        |(id, round, body, achieved, result_value, note, ticks, at)| {
            Ok(StoredSubmission {
                round,
                body,
                achieved: Achieved::parse(&achieved)
                    .ok_or_else(|| Error::corrupt(format!("achieved of submission {id}")))?,
                result_value,
                note,
                ticks: serde_json::from_str(&ticks).corrupt(format!("ticks of submission {id}"))?,
                at,
            })
        },
    )
    .transpose()
}

pub(crate) struct StoredReview {
    pub accepted: bool,
    pub feedback: Vec<CriterionFeedback>,
    pub process_change: String,
    pub at: i64,
}

pub(crate) async fn latest_review(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
) -> Result<Option<StoredReview>> {
    let row: Option<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT id, decision, feedback, process_change, reviewed_at FROM reviews \
         WHERE task_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(task_id)
    .fetch_optional(conn)
    .await?;
    row.map(|(id, decision, feedback, process_change, at)| {
        let accepted = match handoff::submission::Decision::parse(&decision) {
            Some(d) => d == handoff::submission::Decision::Accept,
            None => return Err(Error::corrupt(format!("decision of review {id}"))),
        };
        Ok(StoredReview {
            accepted,
            feedback: serde_json::from_str(&feedback)
                .corrupt(format!("feedback of review {id}"))?,
            process_change,
            at,
        })
    })
    .transpose()
}

pub(crate) async fn insert_submission(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
    round: i64,
    s: &handoff::submission::Submission,
    ticks: &[Tick],
    member_id: i64,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO submissions (task_id, round, body, achieved, result_value, note, ticks, submitted_by, submitted_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(task_id)
    .bind(round)
    .bind(&s.body)
    .bind(s.achieved.as_str())
    .bind(&s.result_value)
    .bind(&s.note)
    .bind(serde_json::to_string(ticks).context("writing a submission's ticks")?)
    .bind(member_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

pub(crate) async fn insert_review(
    conn: &mut sqlx::AnyConnection,
    task_id: i64,
    r: &handoff::submission::Review,
    member_id: i64,
    now: i64,
) -> Result<()> {
    let submission_id: i64 = sqlx::query_scalar(
        "SELECT id FROM submissions WHERE task_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(task_id)
    .fetch_one(&mut *conn)
    .await?;
    let feedback: Vec<CriterionFeedback> = r
        .feedback
        .iter()
        .map(|(criterion, note)| CriterionFeedback {
            criterion: criterion.clone(),
            note: note.clone(),
        })
        .collect();
    sqlx::query(
        "INSERT INTO reviews (task_id, submission_id, decision, feedback, process_change, reviewed_by, reviewed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(task_id)
    .bind(submission_id)
    .bind(r.decision.as_str())
    .bind(serde_json::to_string(&feedback).context("writing a review's feedback")?)
    .bind(&r.process_change)
    .bind(member_id)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}
