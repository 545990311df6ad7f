//! What a provider receives about their tasks (R1). These types have no
//! field that could hold an undisclosed value: a client is an alias plus the
//! (label, value) pairs disclosed for this task, and every text in them is a
//! `ProviderText`, which only the provider lens on the server makes.

use crate::alias::Alias;
use crate::audience::{ProviderHtml, ProviderText};
use crate::state::TaskState;
use crate::work::{DueView, ProviderWork};
use serde::{Deserialize, Serialize};

/// One disclosed field: its label and value, nothing else.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Disclosed {
    pub label: ProviderText,
    pub value: ProviderText,
}

/// A client as a provider sees it on one task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientView {
    pub alias: Alias,
    pub disclosed: Vec<Disclosed>,
}

/// One row of "My tasks".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderTaskLine {
    pub task_id: i64,
    pub title: ProviderText,
    pub state: TaskState,
    pub client_alias: Option<Alias>,
    pub outcome_kind: ProviderText,
    pub due: Option<DueView>,
}

/// A task page for its provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderTask {
    pub task_id: i64,
    pub title: ProviderText,
    /// Redacted Markdown rendered to sanitized HTML on the server.
    pub instructions_html: ProviderHtml,
    pub state: TaskState,
    pub client: Option<ClientView>,
    pub version: i64,
    pub work: ProviderWork,
}
