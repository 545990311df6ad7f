//! The provider lens (R1, R3, R8). For one task it knows the task's client,
//! what of them is disclosed, every value that is not (including values the
//! record held before an edit and the clients the task used to be about),
//! and every value of every client of the workspace. Every text a provider
//! reads is made here; a disclosed value that leaves is recorded.

use super::looks::LookLog;
use crate::client_row::Client;
use crate::error::Result;
use crate::markdown::to_safe_html;
use handoff::redaction::Secrets;
use handoff::{
    ClientField, ClientView, Disclosed, ProviderHtml, ProviderSecrets, ProviderText, TaskState,
};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

/// Texts a core keeps already redacted (a task's title, instructions and
/// thread read again by the next page).
const SAID: usize = 64;

/// What the lens needs to know of a task.
pub struct TaskScope {
    pub task_id: i64,
    pub client_id: Option<i64>,
    pub state: TaskState,
}

struct Shown {
    label: String,
    value: String,
}

/// What a lens knows, shared by the lenses of a page's tasks that have the
/// same client, disclosures and former clients (their secrets compiled once,
/// and each text redacted once).
pub(super) struct Core {
    client: Option<(i64, handoff::Alias)>,
    secrets: ProviderSecrets,
    /// The disclosed fields (open tasks only), their values already
    /// redacted of contact details.
    disclosed: Vec<Disclosed>,
    raw_disclosed: Vec<Shown>,
    /// Texts already redacted through this core, by their raw text.
    said: Mutex<HashMap<String, ProviderText>>,
}

pub struct ProviderLens {
    task_id: i64,
    core: Arc<Core>,
    looked: Mutex<BTreeSet<String>>,
    log: LookLog,
}

impl ProviderLens {
    /// The lens of a task that has `core`.
    pub(super) fn with_core(task_id: i64, core: Arc<Core>, log: &LookLog) -> Self {
        ProviderLens {
            task_id,
            core,
            looked: Mutex::new(BTreeSet::new()),
            log: log.clone(),
        }
    }

    /// What the lens of a task knows, from its client (`None`: the task
    /// names none), the fields disclosed to it (shown only while the task is
    /// `open`) and the clients it used to be about.
    pub(super) fn core(
        open: bool,
        client: Option<&Client>,
        fields: Vec<ClientField>,
        formers: &[&Client],
        workspace: &Secrets,
    ) -> Result<Arc<Core>> {
        let mut secrets = Secrets::new();
        let mut disclosed = Vec::new();
        let mut raw_disclosed = Vec::new();
        let mut client_alias = None;
        let mut shown_parts = Vec::new();
        if let Some(c) = client {
            let fields = if open && c.row.erased_at.is_none() {
                fields
            } else {
                Vec::new()
            };
            // Defence in depth: a stored contact disclosure stays hidden.
            let fields: Vec<ClientField> = fields
                .into_iter()
                .filter(|f| {
                    c.row
                        .field(&c.custom, *f)
                        .is_some_and(|(_, kind, _)| kind.disclosable())
                })
                .collect();
            secrets.extend(&c.task_secrets_except(&fields));
            for f in &fields {
                if let Some((label, _, value)) = c.row.field(&c.custom, *f) {
                    raw_disclosed.push(Shown { label, value });
                }
            }
            shown_parts = c.disclosed_name_parts(&fields);
            client_alias = Some((c.row.id, c.row.alias()?));
        }
        for former in formers {
            if Some(former.row.id) != client.map(|c| c.row.id) {
                secrets.extend(&former.task_secrets());
            }
        }
        // Compiled before it is shared, so the lens and the disclosed
        // values below use one set of patterns.
        secrets.compile();
        let secrets = ProviderSecrets {
            client: secrets,
            workspace: workspace.clone(),
            shown: raw_disclosed
                .iter()
                .map(|s| s.value.clone())
                .chain(shown_parts)
                .collect(),
        };
        // A disclosed value is shown, but never a contact detail inside it,
        // nor another of the client's secrets. Other clients' values are left
        // to the texts: a disclosed "Juan Gomez" must not lose "Gomez"
        // because a Maria Gomez is a client too.
        let own = ProviderSecrets {
            client: secrets.client.clone(),
            ..ProviderSecrets::default()
        };
        for s in &raw_disclosed {
            disclosed.push(Disclosed {
                label: own.text(&s.label).0,
                value: own.text(&s.value).0,
            });
        }
        Ok(Arc::new(Core {
            client: client_alias,
            secrets,
            disclosed,
            raw_disclosed,
            said: Mutex::new(HashMap::new()),
        }))
    }

    fn looked(&self) -> std::sync::MutexGuard<'_, BTreeSet<String>> {
        self.looked.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Text for the provider.
    pub(crate) fn text(&self, raw: &str) -> ProviderText {
        let core = &self.core;
        let said = core
            .said
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(raw)
            .cloned();
        let text = said.unwrap_or_else(|| {
            let text = core.secrets.text(raw).0;
            let mut said = core.said.lock().unwrap_or_else(|e| e.into_inner());
            // Kept across requests (`WorkspaceSecrets`): bounded.
            if said.len() >= SAID {
                said.clear();
            }
            said.insert(raw.to_string(), text.clone());
            text
        });
        for s in &core.raw_disclosed {
            if !s.value.is_empty() && text.as_str().contains(&s.value) {
                self.looked().insert(s.label.clone());
            }
        }
        text
    }

    /// Markdown for the provider, rendered to sanitized HTML.
    pub(crate) fn html(&self, markdown: &str) -> ProviderHtml {
        ProviderHtml::render(&self.text(markdown), to_safe_html)
    }

    /// The task's client as the provider sees them: alias and the disclosed
    /// values; on a task that is over, the alias alone.
    pub(crate) fn client_view(&self) -> Option<ClientView> {
        let (_, alias) = self.core.client.as_ref()?;
        let mut looked = self.looked();
        for s in &self.core.raw_disclosed {
            looked.insert(s.label.clone());
        }
        Some(ClientView {
            alias: alias.clone(),
            disclosed: self.core.disclosed.clone(),
        })
    }

    pub(crate) fn alias(&self) -> Option<handoff::Alias> {
        self.core.client.as_ref().map(|(_, a)| a.clone())
    }
}

/// A lens that let a disclosed value out notes the look as it goes (R8):
/// every read path records its looks without a call of its own.
impl Drop for ProviderLens {
    fn drop(&mut self) {
        let Some((client_id, _)) = self.core.client else {
            return;
        };
        let labels = std::mem::take(&mut *self.looked());
        if !labels.is_empty() {
            let labels = labels.into_iter().collect::<Vec<_>>().join(", ");
            self.log.note(client_id, self.task_id, labels);
        }
    }
}
