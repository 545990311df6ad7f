//! What a provider hands in and what an owner answers, parsed and checked
//! here so the browser (and offline drafts) validate exactly as the server
//! does.

use crate::account::FieldError;
use crate::work::{Achieved, Move};
use serde::{Deserialize, Serialize};

/// A submission as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmissionInput {
    pub body: String,
    pub achieved: String,
    pub result_value: String,
    pub note: String,
    /// Indexes of the criteria the provider ticks as met.
    pub met: Vec<usize>,
}

/// A submission that passed its checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
    pub body: String,
    pub achieved: Achieved,
    pub result_value: String,
    pub note: String,
    pub met: Vec<usize>,
}

pub const BODY_MAX: usize = 20_000;

impl SubmissionInput {
    pub fn validate(&self) -> Result<Submission, Vec<FieldError>> {
        let mut errors = Vec::new();
        let body = self.body.trim();
        if body.is_empty() {
            errors.push(FieldError::new(
                "body",
                "Describe the work you did and where the result is.",
            ));
        } else if body.chars().count() > BODY_MAX {
            errors.push(FieldError::new(
                "body",
                format!("Keep it under {BODY_MAX} characters."),
            ));
        }
        let achieved = Achieved::parse(&self.achieved);
        if achieved.is_none() {
            errors.push(FieldError::new(
                "achieved",
                "Say whether the outcome was achieved.",
            ));
        }
        if self.result_value.chars().count() > 300 || self.note.chars().count() > 2000 {
            errors.push(FieldError::new(
                "note",
                "Keep the result under 300 characters and the note under 2000.",
            ));
        }
        match achieved {
            Some(achieved) if errors.is_empty() => Ok(Submission {
                body: body.to_string(),
                achieved,
                result_value: self.result_value.trim().to_string(),
                note: self.note.trim().to_string(),
                met: self.met.clone(),
            }),
            _ => Err(errors),
        }
    }
}

/// An owner's answer to a submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Accept,
    RequestChanges,
}

impl Decision {
    pub fn parse(raw: &str) -> Option<Decision> {
        match raw.trim() {
            "accept" => Some(Decision::Accept),
            "request_changes" => Some(Decision::RequestChanges),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Accept => "accept",
            Decision::RequestChanges => "request_changes",
        }
    }

    pub fn as_move(self) -> Move {
        match self {
            Decision::Accept => Move::Accept,
            Decision::RequestChanges => Move::RequestChanges,
        }
    }
}

/// A review as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewInput {
    /// `accept` or `request_changes`.
    pub decision: String,
    /// A note per criterion, in the task's order (empty: no note).
    pub feedback: Vec<String>,
    pub process_change: String,
}

/// A review that passed its checks: the notes paired with their criteria.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    pub decision: Decision,
    /// (criterion, note) for every criterion with a note.
    pub feedback: Vec<(String, String)>,
    pub process_change: String,
}

impl ReviewInput {
    pub fn validate(&self, criteria: &[String]) -> Result<Review, Vec<FieldError>> {
        let Some(decision) = Decision::parse(&self.decision) else {
            return Err(vec![FieldError::new(
                "decision",
                "Choose: accept the work, or ask for changes.",
            )]);
        };
        let feedback: Vec<(String, String)> = criteria
            .iter()
            .zip(
                self.feedback
                    .iter()
                    .map(|n| n.trim())
                    .chain(std::iter::repeat("")),
            )
            .filter(|(_, note)| !note.is_empty())
            .map(|(c, note)| (c.clone(), note.to_string()))
            .collect();
        if decision == Decision::RequestChanges && feedback.is_empty() {
            return Err(vec![FieldError::new(
                "feedback",
                "Say what to change: write a note beside at least one criterion.",
            )]);
        }
        if feedback.iter().any(|(_, n)| n.chars().count() > 2000)
            || self.process_change.chars().count() > 4000
        {
            return Err(vec![FieldError::new(
                "feedback",
                "Keep each note under 2000 characters and the process change under 4000.",
            )]);
        }
        Ok(Review {
            decision,
            feedback,
            process_change: self.process_change.trim().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_submission_needs_a_body_and_an_outcome() {
        let errors = SubmissionInput::default().validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["body", "achieved"]);
        let ok = SubmissionInput {
            body: " Done ".into(),
            achieved: "yes".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.body, "Done");
    }

    #[test]
    fn asking_for_changes_needs_a_note() {
        let criteria = vec!["Booked".to_string(), "Notes saved".to_string()];
        let input = ReviewInput {
            decision: "request_changes".into(),
            feedback: vec![" ".into()],
            process_change: String::new(),
        };
        assert_eq!(input.validate(&criteria).unwrap_err()[0].field, "feedback");
        let input = ReviewInput {
            feedback: vec![String::new(), "Add the date".into()],
            ..input
        };
        let review = input.validate(&criteria).unwrap();
        assert_eq!(
            review.feedback,
            vec![("Notes saved".to_string(), "Add the date".to_string())]
        );
        assert!(ReviewInput::default().validate(&criteria).is_err());
    }
}
