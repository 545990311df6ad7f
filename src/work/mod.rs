//! The work loop (R4, R5): what a task promises (its terms), how it moves
//! from draft to accepted, and who may move it. The server enforces these
//! rules for every change; the pages only offer what they allow.

use crate::account::{FieldError, Role};
use crate::state::TaskState;
use serde::{Deserialize, Serialize};
use std::fmt;

mod view;

pub use view::*;

/// A change of state someone asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Move {
    /// Owner: give a draft to a provider.
    Assign,
    /// Provider: take up an assigned task.
    Start,
    /// Provider: hand an assigned task back, with a reason.
    Decline,
    /// Provider: hand in the work.
    Submit,
    /// Owner: the outcome is met.
    Accept,
    /// Owner: send it back with feedback.
    RequestChanges,
    /// Provider: take up the requested changes.
    Resume,
    /// Owner: stop an open task.
    Cancel,
}

impl Move {
    pub const ALL: [Move; 8] = [
        Move::Assign,
        Move::Start,
        Move::Decline,
        Move::Submit,
        Move::Accept,
        Move::RequestChanges,
        Move::Resume,
        Move::Cancel,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Move::Assign => "assign",
            Move::Start => "start",
            Move::Decline => "decline",
            Move::Submit => "submit",
            Move::Accept => "accept",
            Move::RequestChanges => "request_changes",
            Move::Resume => "resume",
            Move::Cancel => "cancel",
        }
    }

    pub fn parse(raw: &str) -> Option<Move> {
        Move::ALL.into_iter().find(|m| m.as_str() == raw)
    }

    /// Who may make this move: owners, or the task's own provider.
    pub fn role(self) -> Role {
        match self {
            Move::Assign | Move::Accept | Move::RequestChanges | Move::Cancel => Role::Owner,
            Move::Start | Move::Decline | Move::Submit | Move::Resume => Role::Provider,
        }
    }

    fn verb(self) -> &'static str {
        match self {
            Move::Assign => "assigned",
            Move::Start => "started",
            Move::Decline => "declined",
            Move::Submit => "submitted",
            Move::Accept => "accepted",
            Move::RequestChanges => "sent back for changes",
            Move::Resume => "resumed",
            Move::Cancel => "cancelled",
        }
    }
}

/// Why a move was refused, in words the person can act on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum MoveRefused {
    #[error("Only {0} can do this.")]
    WrongRole(&'static str),
    #[error("A task that is {state} cannot be {verb}.")]
    WrongState { state: String, verb: &'static str },
}

/// The state a move leads to from `state`, if the caller's role allows it.
/// (Whether a provider is the task's own is the server's check.)
pub fn next_state(state: TaskState, mv: Move, role: Role) -> Result<TaskState, MoveRefused> {
    if mv.role() != role {
        return Err(MoveRefused::WrongRole(match mv.role() {
            Role::Owner => "an owner",
            Role::Provider => "the task's provider",
        }));
    }
    use TaskState as S;
    let next = match (state, mv) {
        (S::Draft, Move::Assign) => S::Assigned,
        (S::Assigned, Move::Start) => S::InProgress,
        (S::Assigned, Move::Decline) => S::Draft,
        (S::InProgress, Move::Submit) => S::Submitted,
        (S::Submitted, Move::Accept) => S::Accepted,
        (S::Submitted, Move::RequestChanges) => S::ChangesRequested,
        (S::ChangesRequested, Move::Resume) => S::InProgress,
        (s, Move::Cancel) if s.is_open() => S::Cancelled,
        _ => {
            return Err(MoveRefused::WrongState {
                state: state.to_string().to_lowercase(),
                verb: mv.verb(),
            })
        }
    };
    Ok(next)
}

/// The moves a role may make from a state, for the buttons a page offers.
pub fn moves_from(state: TaskState, role: Role) -> Vec<Move> {
    Move::ALL
        .into_iter()
        .filter(|m| next_state(state, *m, role).is_ok())
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub const ALL: [Priority; 4] = [
        Priority::Low,
        Priority::Normal,
        Priority::High,
        Priority::Urgent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    pub fn parse(raw: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.as_str() == raw.trim())
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Priority::Low => "Low",
            Priority::Normal => "Normal",
            Priority::High => "High",
            Priority::Urgent => "Urgent",
        })
    }
}

/// How the provider is paid for the task: never by the hour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PriceKind {
    /// A fixed price for the task.
    Fixed,
    /// Covered by the provider's retainer.
    Retainer,
    /// A fixed price plus a bonus when the outcome is achieved.
    Bonus,
}

impl PriceKind {
    pub const ALL: [PriceKind; 3] = [PriceKind::Fixed, PriceKind::Retainer, PriceKind::Bonus];

    pub fn as_str(self) -> &'static str {
        match self {
            PriceKind::Fixed => "fixed",
            PriceKind::Retainer => "retainer",
            PriceKind::Bonus => "bonus",
        }
    }

    pub fn parse(raw: &str) -> Option<PriceKind> {
        PriceKind::ALL
            .into_iter()
            .find(|p| p.as_str() == raw.trim())
    }
}

impl fmt::Display for PriceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PriceKind::Fixed => "Fixed price",
            PriceKind::Retainer => "Covered by retainer",
            PriceKind::Bonus => "Price plus outcome bonus",
        })
    }
}

/// Money in integer minor units (cents) of the workspace currency.
pub fn format_minor(minor: i64, currency: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{} {}.{:02}", currency, abs / 100, abs % 100)
}

/// Reads "120", "120.5" or "120.50" as minor units; `None` if it is not an
/// amount of money (at most two decimals, not negative).
pub fn parse_minor(raw: &str) -> Option<i64> {
    let raw = raw.trim().replace(',', "");
    let (units, cents) = match raw.split_once('.') {
        Some((u, c)) if (1..=2).contains(&c.len()) => (u, c),
        Some(_) => return None,
        None => (raw.as_str(), "0"),
    };
    if units.is_empty()
        || !units.bytes().all(|b| b.is_ascii_digit())
        || !cents.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let units: i64 = units.parse().ok()?;
    let mut cents: i64 = cents.parse().ok()?;
    if raw.split_once('.').is_some_and(|(_, c)| c.len() == 1) {
        cents *= 10;
    }
    units.checked_mul(100)?.checked_add(cents)
}

/// The outcome a provider reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Achieved {
    Yes,
    Partly,
    No,
}

impl Achieved {
    pub const ALL: [Achieved; 3] = [Achieved::Yes, Achieved::Partly, Achieved::No];

    pub fn as_str(self) -> &'static str {
        match self {
            Achieved::Yes => "yes",
            Achieved::Partly => "partly",
            Achieved::No => "no",
        }
    }

    pub fn parse(raw: &str) -> Option<Achieved> {
        Achieved::ALL.into_iter().find(|a| a.as_str() == raw.trim())
    }
}

impl fmt::Display for Achieved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Achieved::Yes => "Achieved",
            Achieved::Partly => "Partly achieved",
            Achieved::No => "Not achieved",
        })
    }
}

/// Acceptance criteria as typed: one per line, blank lines ignored.
pub fn criteria_from_lines(raw: &str) -> Result<Vec<String>, FieldError> {
    let criteria: Vec<String> = raw
        .lines()
        .map(|l| l.trim().trim_start_matches(['-', '*']).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    if criteria.len() > 30 {
        return Err(FieldError::new(
            "criteria",
            "Keep it to 30 criteria or fewer.",
        ));
    }
    if criteria.iter().any(|c| c.chars().count() > 300) {
        return Err(FieldError::new(
            "criteria",
            "Keep each criterion under 300 characters.",
        ));
    }
    Ok(criteria)
}

#[cfg(test)]
mod tests {
    use super::*;
    use TaskState as S;

    #[test]
    fn the_happy_path_with_one_round_of_changes() {
        let steps = [
            (S::Draft, Move::Assign, Role::Owner, S::Assigned),
            (S::Assigned, Move::Start, Role::Provider, S::InProgress),
            (S::InProgress, Move::Submit, Role::Provider, S::Submitted),
            (
                S::Submitted,
                Move::RequestChanges,
                Role::Owner,
                S::ChangesRequested,
            ),
            (
                S::ChangesRequested,
                Move::Resume,
                Role::Provider,
                S::InProgress,
            ),
            (S::InProgress, Move::Submit, Role::Provider, S::Submitted),
            (S::Submitted, Move::Accept, Role::Owner, S::Accepted),
        ];
        for (from, mv, role, to) in steps {
            assert_eq!(next_state(from, mv, role), Ok(to), "{from:?} {mv:?}");
        }
        assert_eq!(
            next_state(S::Assigned, Move::Decline, Role::Provider),
            Ok(S::Draft)
        );
    }

    #[test]
    fn every_other_move_is_refused_with_a_reason() {
        let legal = |from: S, mv: Move| {
            matches!(
                (from, mv),
                (S::Draft, Move::Assign)
                    | (S::Assigned, Move::Start | Move::Decline)
                    | (S::InProgress, Move::Submit)
                    | (S::Submitted, Move::Accept | Move::RequestChanges)
                    | (S::ChangesRequested, Move::Resume)
            ) || (mv == Move::Cancel && from.is_open())
        };
        let mut refused = 0;
        for from in S::ALL {
            for mv in Move::ALL {
                for role in [Role::Owner, Role::Provider] {
                    let got = next_state(from, mv, role);
                    if legal(from, mv) && mv.role() == role {
                        assert!(got.is_ok(), "{from:?} {mv:?} {role:?}");
                    } else {
                        let reason = got.expect_err("must be refused").to_string();
                        assert!(!reason.is_empty());
                        refused += 1;
                    }
                }
            }
        }
        assert!(refused > 90);
        assert_eq!(
            next_state(S::Accepted, Move::Cancel, Role::Owner)
                .unwrap_err()
                .to_string(),
            "A task that is accepted cannot be cancelled."
        );
        assert_eq!(
            next_state(S::Submitted, Move::Accept, Role::Provider)
                .unwrap_err()
                .to_string(),
            "Only an owner can do this."
        );
    }

    #[test]
    fn money_reads_and_prints_in_minor_units() {
        assert_eq!(parse_minor("120"), Some(12_000));
        assert_eq!(parse_minor("120.5"), Some(12_050));
        assert_eq!(parse_minor("1,250.05"), Some(125_005));
        assert_eq!(parse_minor("-3"), None);
        assert_eq!(parse_minor("1.234"), None);
        assert_eq!(parse_minor("abc"), None);
        assert_eq!(format_minor(125_005, "EUR"), "EUR 1250.05");
    }

    #[test]
    fn criteria_are_one_per_line() {
        let c = criteria_from_lines("- Call booked\n\n* Notes saved \n").unwrap();
        assert_eq!(c, ["Call booked", "Notes saved"]);
    }
}
