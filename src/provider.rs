//! What a provider receives about their tasks (R1). These types have no
//! field that could hold an undisclosed value: a client is an alias plus the
//! (label, value) pairs disclosed for this task, and every text in them has
//! been through the redaction engine on the server.

use crate::task::TaskState;
use serde::{Deserialize, Serialize};

/// One disclosed field: its label and value, nothing else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disclosed {
    pub label: String,
    pub value: String,
}

/// A client as a provider sees it on one task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientView {
    pub alias: String,
    pub disclosed: Vec<Disclosed>,
}

/// One row of "My tasks".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderTaskLine {
    pub task_id: i64,
    pub title: String,
    pub state: TaskState,
    pub client_alias: Option<String>,
    pub outcome_kind: String,
    pub due: Option<crate::work::DueView>,
}

/// A task page for its provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderTask {
    pub task_id: i64,
    pub title: String,
    /// Redacted Markdown rendered to sanitized HTML on the server.
    pub instructions_html: String,
    pub state: TaskState,
    pub client: Option<ClientView>,
    pub version: i64,
    pub work: crate::work::WorkView,
}
