//! A task's states. A leaf module: the task types and the work loop's
//! rules both speak it.

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
