//! One task as a line of an owner's list: the board and the home page read
//! the same columns and make the same `TaskLine`.

use super::due::due_view;
use crate::error::{Error, Result};
use handoff::work::Priority;
use handoff::{Alias, TaskLine, TaskState};

/// The columns of a line, for `FROM tasks t LEFT JOIN clients c ON c.id =
/// t.client_id LEFT JOIN members m ON m.id = t.assignee_id`.
pub(crate) const LINE_COLUMNS: &str = "t.id, t.title, t.state, c.alias, c.name, m.display_name, \
     m.time_zone, t.outcome_kind, t.priority, t.due_at";

pub(crate) const LINE_JOINS: &str = "FROM tasks t LEFT JOIN clients c ON c.id = t.client_id \
     LEFT JOIN members m ON m.id = t.assignee_id";

pub(crate) type LineRow = (
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<i64>,
);

/// `Client 7QK-4M` from the stored code; nothing from a bad one.
pub(crate) fn alias_label(code: &str) -> String {
    Alias::parse(code)
        .map(|a| a.to_string())
        .unwrap_or_default()
}

/// A line in the owner's zone, with the provider's zone beside the due time.
pub(crate) fn task_line(row: LineRow, viewer: chrono_tz::Tz, now: i64) -> Result<TaskLine> {
    let (task_id, title, state, alias, name, assignee_name, zone, outcome_kind, priority, due_at) =
        row;
    let state = TaskState::parse(&state)
        .ok_or_else(|| Error::corrupt(format!("state of task {task_id}")))?;
    let priority = Priority::parse(&priority)
        .ok_or_else(|| Error::corrupt(format!("priority of task {task_id}")))?;
    let provider_zone = zone.and_then(|z| z.parse::<chrono_tz::Tz>().ok());
    Ok(TaskLine {
        task_id,
        title,
        state,
        client_alias: alias.as_deref().map(alias_label),
        // Erasure blanks the name; the alias alone remains.
        client_name: name.filter(|n| !n.is_empty()),
        assignee_name,
        outcome_kind,
        priority,
        due: due_at
            .filter(|_| state.is_open())
            .map(|at| due_view(state, at, viewer, provider_zone, now)),
    })
}
