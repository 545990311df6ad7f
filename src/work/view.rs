//! The work loop as a page shows it: the terms, the submissions and
//! reviews, the timeline, and when things are due, for either audience.

use serde::{Deserialize, Serialize};

use super::{Achieved, Move, PriceKind, Priority};

/// A due instant as one viewer reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueView {
    pub at_ms: i64,
    /// In the viewer's zone, e.g. `Mon 24 Nov 2026, 17:00 (Europe/Lisbon)`.
    pub local: String,
    /// The same instant in the other side's zone: the business's zone for a
    /// provider, the provider's for an owner.
    pub other: Option<String>,
    /// `due in 5 h`, `overdue by 2 d`.
    pub relative: String,
    pub overdue: bool,
}

/// What a task promises, as both sides read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms<T = String> {
    pub criteria: Vec<T>,
    pub outcome_kind: T,
    pub outcome_target: T,
    pub priority: Priority,
    pub due: Option<DueView>,
    pub price_kind: PriceKind,
    /// e.g. `USD 120.00 + USD 30.00 bonus`, or `Covered by retainer`.
    pub price: String,
    /// Rounds of requested changes so far.
    pub revisions: i64,
}

/// One acceptance criterion in a submission: met or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tick<T = String> {
    pub criterion: T,
    pub met: bool,
}

/// Feedback on one criterion in a review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionFeedback<T = String> {
    pub criterion: T,
    pub note: T,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionView<T = String, H = String> {
    pub round: i64,
    /// The body as written, for starting the next round from it.
    pub body: T,
    pub body_html: H,
    pub achieved: Achieved,
    pub result_value: T,
    pub note: T,
    pub ticks: Vec<Tick<T>>,
    pub when: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView<T = String> {
    pub accepted: bool,
    pub feedback: Vec<CriterionFeedback<T>>,
    /// Owners only: a change to the way of working, kept for the playbooks.
    pub process_change: Option<T>,
    pub when: String,
}

/// One line of a task's timeline: who did what, when (viewer's zone).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry<T = String> {
    pub when: String,
    pub who: String,
    pub what: T,
}

/// The work-loop side of a task page, the same shape for both roles: an
/// owner's texts are `String`s, a provider's are made by the provider lens
/// (`ProviderWork`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkView<T = String, H = String> {
    pub terms: Terms<T>,
    pub moves: Vec<Move>,
    pub submission: Option<SubmissionView<T, H>>,
    pub review: Option<ReviewView<T>>,
    pub timeline: Vec<TimelineEntry<T>>,
}

/// The work loop as its provider reads it.
pub type ProviderWork = WorkView<crate::audience::ProviderText, crate::audience::ProviderHtml>;

/// `due in 5 h` / `overdue by 2 d`, from milliseconds until due.
pub fn relative(until_ms: i64) -> String {
    let span = span(until_ms);
    if until_ms >= 0 {
        format!("due in {span}")
    } else {
        format!("overdue by {span}")
    }
}

/// One definition of overdue for every list and page: the due time has
/// passed and the work is neither handed in nor closed. A task waiting
/// for review waits on the owner, not on its provider.
pub fn is_overdue(state: crate::TaskState, due_ms: i64, now_ms: i64) -> bool {
    state.is_open() && state != crate::TaskState::Submitted && due_ms < now_ms
}

/// `relative`, for a task in `state`: a hand-in after its due time "was
/// due 5 h ago" (true, without calling waiting work overdue).
pub fn relative_for(state: crate::TaskState, due_ms: i64, now_ms: i64) -> String {
    let until = due_ms - now_ms;
    if until < 0 && !is_overdue(state, due_ms, now_ms) {
        format!("was due {} ago", span(until))
    } else {
        relative(until)
    }
}

fn span(until_ms: i64) -> String {
    let abs = until_ms.unsigned_abs() / 60_000;
    if abs < 60 {
        format!("{abs} min")
    } else if abs < 48 * 60 {
        format!("{} h", abs / 60)
    } else {
        format!("{} d", abs / (24 * 60))
    }
}
