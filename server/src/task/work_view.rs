//! The work-loop side of a task page, built once for both audiences: an
//! owner's texts are plain, a provider's go through the provider lens (the
//! `text` and `html` functions the caller passes).

use super::due::{closed_due_view, due_view, format_at};
use super::store::Task;
use super::timeline;
use crate::error::Result;
use chrono_tz::Tz;
use handoff::work::{
    format_minor, moves_from, CriterionFeedback, Move, PriceKind, ReviewView, SubmissionView,
    Terms, Tick, TimelineEntry, WorkView,
};
use handoff::Role;

/// Whose page it is, and in which zones its instants read.
pub(crate) struct Viewer {
    pub role: Role,
    pub zone: Tz,
    /// The other side's zone: the provider's for an owner, the business's
    /// for a provider.
    pub other: Option<Tz>,
}

impl Viewer {
    pub(crate) async fn of(
        conn: &mut sqlx::AnyConnection,
        role: Role,
        member_id: i64,
        task: &Task,
    ) -> Result<(Viewer, String)> {
        let zone = crate::member_row::time_zone(conn, member_id).await?;
        let (business, currency) =
            crate::workspace::zone_and_currency(conn, task.workspace_id).await?;
        let other = match role {
            Role::Owner => match task.assignee_id {
                Some(p) => Some(crate::member_row::time_zone(conn, p).await?),
                None => None,
            },
            Role::Provider => Some(business),
        };
        Ok((Viewer { role, zone, other }, currency))
    }
}

fn price(task: &Task, currency: &str) -> String {
    match task.price_kind {
        PriceKind::Retainer => "Covered by retainer".to_string(),
        PriceKind::Fixed => format_minor(task.price_minor, currency),
        PriceKind::Bonus => format!(
            "{} + {} bonus if the outcome is achieved",
            format_minor(task.price_minor, currency),
            format_minor(task.bonus_minor, currency)
        ),
    }
}

pub(crate) async fn build<T, H>(
    conn: &mut sqlx::AnyConnection,
    viewer: &Viewer,
    currency: &str,
    task: &Task,
    now: i64,
    text: impl Fn(&str) -> T,
    html: impl Fn(&str) -> H,
) -> Result<WorkView<T, H>> {
    let terms = Terms {
        criteria: task.criteria.iter().map(|c| text(c)).collect(),
        outcome_kind: text(&task.outcome_kind),
        outcome_target: text(&task.outcome_target),
        priority: task.priority,
        due: task.due_at.map(|at| match task.state.is_open() {
            true => due_view(task.state, at, viewer.zone, viewer.other, now),
            false => closed_due_view(at, viewer.zone, viewer.other),
        }),
        price_kind: task.price_kind,
        price: price(task, currency),
        revisions: task.revisions,
    };
    let moves = moves_from(task.state, viewer.role)
        .into_iter()
        .filter(|m| *m != Move::Assign)
        .collect();
    let submission = timeline::latest_submission(conn, task.id)
        .await?
        .map(|s| SubmissionView {
            round: s.round,
            body: text(&s.body),
            body_html: html(&s.body),
            achieved: s.achieved,
            result_value: text(&s.result_value),
            note: text(&s.note),
            ticks: s
                .ticks
                .iter()
                .map(|t: &Tick| Tick {
                    criterion: text(&t.criterion),
                    met: t.met,
                })
                .collect(),
            when: format_at(viewer.zone, s.at),
        });
    let review = timeline::latest_review(conn, task.id)
        .await?
        .map(|r| ReviewView {
            accepted: r.accepted,
            feedback: r
                .feedback
                .iter()
                .map(|f: &CriterionFeedback| CriterionFeedback {
                    criterion: text(&f.criterion),
                    note: text(&f.note),
                })
                .collect(),
            // Owners only: a change to the way of working.
            process_change: (viewer.role == Role::Owner && !r.process_change.is_empty())
                .then(|| text(&r.process_change)),
            when: format_at(viewer.zone, r.at),
        });
    let timeline = timeline::read(conn, task.id)
        .await?
        .into_iter()
        .map(|(at, who, what)| TimelineEntry {
            when: format_at(viewer.zone, at),
            who: who.unwrap_or_default(),
            what: text(&what),
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
