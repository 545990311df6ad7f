//! Tasks as owners see them: what to do, for which client (by alias), by
//! whom, and which of the client's fields the provider may see.

use crate::account::FieldError;
use crate::field::FieldKind;
pub use crate::state::TaskState;
use crate::work::{criteria_from_lines, parse_minor, PriceKind, Priority};
use serde::{Deserialize, Serialize};

/// What an owner types to create or edit a task. Client and provider come
/// from selects; an empty value means none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskInput {
    pub title: String,
    pub instructions: String,
    pub client_id: String,
    pub assignee_id: String,
    /// Acceptance criteria, one per line.
    pub criteria: String,
    /// What counts as done, e.g. "intake booked".
    pub outcome_kind: String,
    /// The measure of it, e.g. "1 call in the calendar".
    pub outcome_target: String,
    pub priority: String,
    /// `YYYY-MM-DDTHH:MM` in the owner's time zone, or empty.
    pub due: String,
    /// Any value: due by 09:00 of the provider's next morning instead.
    pub due_next_morning: String,
    /// Any value: keep a due time that has already passed (the form asks
    /// for it once the server finds that it has).
    pub due_passed_ok: String,
    pub price_kind: String,
    /// Amounts in the workspace currency, e.g. `120` or `120.50`.
    pub price: String,
    pub bonus: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidTask {
    pub title: String,
    pub instructions: String,
    pub client_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub criteria: Vec<String>,
    pub outcome_kind: String,
    pub outcome_target: String,
    pub priority: Priority,
    pub due: Due,
    /// The owner confirmed a due time that may have passed.
    pub due_passed_ok: bool,
    pub price_kind: PriceKind,
    pub price_minor: i64,
    pub bonus_minor: i64,
}

/// When a task is due, as the owner set it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Due {
    None,
    /// `YYYY-MM-DDTHH:MM` in the owner's zone; the server makes it an instant.
    Local(String),
    /// 09:00 of the provider's next morning (an overnight handoff).
    ProviderNextMorning,
}

fn local_datetime_shaped(raw: &str) -> bool {
    let Some((date, time)) = raw.split_once('T') else {
        return false;
    };
    let time_ok = time.len() >= 5
        && time.as_bytes()[2] == b':'
        && time[..2].parse::<u32>().is_ok_and(|h| h < 24)
        && time[3..5].parse::<u32>().is_ok_and(|m| m < 60);
    crate::field::date_shaped(date) && time_ok
}

pub const MAX_INSTRUCTIONS: usize = 20_000;

fn optional_id(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<i64> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let id = raw.parse().ok();
    if id.is_none() {
        errors.push(FieldError::new(field, "Choose from the list."));
    }
    id
}

impl TaskInput {
    pub fn validate(&self) -> Result<ValidTask, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = self.title.trim().to_string();
        if title.is_empty() {
            errors.push(FieldError::new(
                "title",
                "Give the task a title, such as \"Book the intake call\".",
            ));
        } else if title.chars().count() > 200 {
            errors.push(FieldError::new(
                "title",
                "Keep the title under 200 characters.",
            ));
        }
        let instructions = self.instructions.trim_end().to_string();
        if instructions.chars().count() > MAX_INSTRUCTIONS {
            errors.push(FieldError::new(
                "instructions",
                format!("Keep the instructions under {MAX_INSTRUCTIONS} characters."),
            ));
        }
        let client_id = optional_id("client_id", &self.client_id, &mut errors);
        let assignee_id = optional_id("assignee_id", &self.assignee_id, &mut errors);
        let criteria = criteria_from_lines(&self.criteria)
            .map_err(|e| errors.push(e))
            .unwrap_or_default();
        let outcome_kind = self.outcome_kind.trim().to_string();
        let outcome_target = self.outcome_target.trim().to_string();
        if outcome_kind.is_empty() && assignee_id.is_some() {
            errors.push(FieldError::new(
                "outcome_kind",
                "State the outcome you expect, such as \"intake booked\", before you assign the task.",
            ));
        } else if outcome_kind.chars().count() > 80 || outcome_target.chars().count() > 200 {
            errors.push(FieldError::new(
                "outcome_kind",
                "Keep the outcome short: under 80 characters, its target under 200.",
            ));
        }
        let priority = match self.priority.trim() {
            "" => Some(Priority::Normal),
            raw => Priority::parse(raw),
        }
        .unwrap_or_else(|| {
            errors.push(FieldError::new(
                "priority",
                "Choose a priority from the list.",
            ));
            Priority::Normal
        });
        let due = if !self.due_next_morning.trim().is_empty() {
            if assignee_id.is_none() {
                errors.push(FieldError::new(
                    "due",
                    "Choose the provider first: their next morning depends on their time zone.",
                ));
            }
            Due::ProviderNextMorning
        } else if self.due.trim().is_empty() {
            Due::None
        } else if local_datetime_shaped(self.due.trim()) {
            Due::Local(self.due.trim()[..16].to_string())
        } else {
            errors.push(FieldError::new(
                "due",
                "Enter the date and time, such as 2026-11-24 17:00, or leave it empty.",
            ));
            Due::None
        };
        let price_kind = match self.price_kind.trim() {
            "" => Some(PriceKind::Retainer),
            raw => PriceKind::parse(raw),
        }
        .unwrap_or_else(|| {
            errors.push(FieldError::new(
                "price_kind",
                "Choose how the task is paid.",
            ));
            PriceKind::Retainer
        });
        let amount = |field: &str, raw: &str, errors: &mut Vec<FieldError>| match raw.trim() {
            "" => 0,
            raw => parse_minor(raw).unwrap_or_else(|| {
                errors.push(FieldError::new(
                    field,
                    "Enter an amount such as 120 or 120.50.",
                ));
                0
            }),
        };
        // A retainer pays for the task already: whatever the price boxes
        // still hold (they stay on screen without JavaScript) is ignored.
        let (mut price_minor, mut bonus_minor) = if price_kind == PriceKind::Retainer {
            (0, 0)
        } else {
            (
                amount("price", &self.price, &mut errors),
                amount("bonus", &self.bonus, &mut errors),
            )
        };
        match price_kind {
            PriceKind::Retainer => (price_minor, bonus_minor) = (0, 0),
            PriceKind::Fixed => {
                bonus_minor = 0;
                if price_minor == 0 && !errors.iter().any(|e| e.field == "price") {
                    errors.push(FieldError::new(
                        "price",
                        "Enter the fixed price for the task.",
                    ));
                }
            }
            PriceKind::Bonus => {
                if bonus_minor == 0 && !errors.iter().any(|e| e.field == "bonus") {
                    errors.push(FieldError::new(
                        "bonus",
                        "Enter the bonus paid when the outcome is achieved.",
                    ));
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidTask {
            title,
            instructions,
            client_id,
            assignee_id,
            criteria,
            outcome_kind,
            outcome_target,
            priority,
            due,
            due_passed_ok: !self.due_passed_ok.trim().is_empty(),
            price_kind,
            price_minor,
            bonus_minor,
        })
    }
}

/// One row of a task list, for owners.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskLine {
    pub task_id: i64,
    pub title: String,
    pub state: TaskState,
    pub client_alias: Option<String>,
    /// Owners see whom the alias stands for; None once the client is erased.
    pub client_name: Option<String>,
    pub assignee_name: Option<String>,
    pub outcome_kind: String,
    pub priority: crate::work::Priority,
    pub due: Option<crate::work::DueView>,
}

/// The owner board's filters; empty means any.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoardFilter {
    pub provider_id: String,
    /// A part of a client's alias (`9Y6`, `9Y64M`, `Client 9Y6-4M`) or name.
    pub client_alias: String,
    pub outcome_kind: String,
    pub state: String,
}

pub const BOARD_PER_PAGE: u32 = 30;

/// How the owner looks at the board: a list, or columns by state (Kanban).
/// Columns hold a page of their own size, so that a column is not cut at
/// the list's thirty tasks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum BoardLayout {
    #[default]
    List,
    Columns,
}

impl BoardLayout {
    /// From the URL's `view=`; anything else is the list.
    pub fn from_param(raw: Option<&str>) -> BoardLayout {
        match raw {
            Some("columns") => BoardLayout::Columns,
            _ => BoardLayout::List,
        }
    }

    pub fn param(self) -> &'static str {
        match self {
            BoardLayout::List => "list",
            BoardLayout::Columns => "columns",
        }
    }

    pub fn per_page(self) -> u32 {
        match self {
            BoardLayout::List => BOARD_PER_PAGE,
            BoardLayout::Columns => 150,
        }
    }
}

/// A page of the owner board: open tasks overdue first, then by due time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub tasks: Vec<TaskLine>,
    pub page: u32,
    pub has_more: bool,
    pub providers: Vec<Choice>,
    /// The clients the filter offers, by name with the alias beside it.
    pub clients: Vec<ClientOption>,
}

/// A client as the owner board's filter offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientOption {
    pub id: i64,
    /// `Client 9Y6-4M`.
    pub alias: String,
    pub name: String,
}

/// A client or provider as a select offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i64,
    pub label: String,
}

/// One of the task's client's fields in the disclosure picker. Contact
/// fields never appear here: the server leaves them out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureOption {
    pub key: String,
    pub label: String,
    pub kind: FieldKind,
    pub disclosed: bool,
    /// The value (or label) holds an e-mail, phone number, link or handle:
    /// the provider would see it masked, and the owner is told so.
    pub holds_contact_details: bool,
}

/// A task as its owners see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerTask {
    pub task_id: i64,
    pub version: i64,
    pub input: TaskInput,
    pub state: TaskState,
    pub client_alias: Option<String>,
    pub client_name: Option<String>,
    pub assignee_name: Option<String>,
    pub disclosure_options: Vec<DisclosureOption>,
    /// The editor's preview as the page first shows it: title,
    /// instructions, expected outcome, target and criteria as the provider
    /// lens reads them (the secrets stay on the server).
    pub preview: Vec<crate::preview::PreviewText>,
    pub clients: Vec<Choice>,
    pub providers: Vec<Choice>,
    pub work: crate::work::WorkView,
    /// Whether the task's status shows in its client's portal.
    pub show_in_portal: bool,
}

/// What the new-task form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskChoices {
    pub clients: Vec<Choice>,
    pub providers: Vec<Choice>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retainer_ignores_what_the_price_boxes_still_hold() {
        let input = TaskInput {
            title: "Book intake".into(),
            price_kind: "retainer".into(),
            price: "abc".into(),
            bonus: "15".into(),
            ..TaskInput::default()
        };
        let valid = input.validate().unwrap();
        assert_eq!((valid.price_minor, valid.bonus_minor), (0, 0));
        let fixed = TaskInput {
            price_kind: "fixed".into(),
            ..input
        };
        let errors = fixed.validate().unwrap_err();
        assert!(errors.iter().any(|e| e.field == "price"));
    }
}
