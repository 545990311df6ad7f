//! Tasks as owners see them: what to do, for which client (by alias), by
//! whom, and which of the client's fields the provider may see.

use crate::account::FieldError;
use crate::client::FieldKind;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TaskState {
    Draft,
    Assigned,
    InProgress,
    Submitted,
    ChangesRequested,
    Accepted,
    Cancelled,
}

impl TaskState {
    pub const ALL: [TaskState; 7] = [
        TaskState::Draft,
        TaskState::Assigned,
        TaskState::InProgress,
        TaskState::Submitted,
        TaskState::ChangesRequested,
        TaskState::Accepted,
        TaskState::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TaskState::Draft => "draft",
            TaskState::Assigned => "assigned",
            TaskState::InProgress => "in_progress",
            TaskState::Submitted => "submitted",
            TaskState::ChangesRequested => "changes_requested",
            TaskState::Accepted => "accepted",
            TaskState::Cancelled => "cancelled",
        }
    }

    pub fn parse(raw: &str) -> Option<TaskState> {
        TaskState::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// Accepted and cancelled tasks are over: their disclosures have ended.
    pub fn is_open(self) -> bool {
        !matches!(self, TaskState::Accepted | TaskState::Cancelled)
    }
}

impl fmt::Display for TaskState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TaskState::Draft => "Draft",
            TaskState::Assigned => "Assigned",
            TaskState::InProgress => "In progress",
            TaskState::Submitted => "Submitted",
            TaskState::ChangesRequested => "Changes requested",
            TaskState::Accepted => "Accepted",
            TaskState::Cancelled => "Cancelled",
        })
    }
}

/// What an owner types to create or edit a task. Client and provider come
/// from selects; an empty value means none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskInput {
    pub title: String,
    pub instructions: String,
    pub client_id: String,
    pub assignee_id: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidTask {
    pub title: String,
    pub instructions: String,
    pub client_id: Option<i64>,
    pub assignee_id: Option<i64>,
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
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidTask {
            title,
            instructions,
            client_id,
            assignee_id,
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
    pub assignee_name: Option<String>,
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
    /// The client's values the provider may not see, so the editor can show
    /// live what the redaction will hide. Owners only.
    pub undisclosed_values: Vec<String>,
    pub clients: Vec<Choice>,
    pub providers: Vec<Choice>,
}

/// What the new-task form offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskChoices {
    pub clients: Vec<Choice>,
    pub providers: Vec<Choice>,
}
