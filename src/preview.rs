//! The owner's preview of a task: each text the provider will read, as the
//! server's provider lens makes it, with what the owner should know about
//! it. Computed on the server (`task::preview_texts`), so the preview and
//! the provider's page are one computation.

use crate::audience::{hidden_parts, ProviderSecrets};
use serde::{Deserialize, Serialize};

/// One text of a task as the owner's preview shows it: what the provider
/// will read (computed by the server, through the provider lens, so it is
/// exactly that), how many details were hidden and which, the passages that
/// only look like a contact detail in disguise, and the sentences the
/// provider could not carry out (they would have to reach the client).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewText {
    pub seen: String,
    pub hidden: usize,
    pub parts: Vec<String>,
    pub disguises: Vec<String>,
    pub unreachable: Vec<String>,
}

impl PreviewText {
    pub fn of(raw: &str, secrets: &ProviderSecrets) -> Self {
        let (seen, hidden) = secrets.text(raw);
        PreviewText {
            parts: hidden_parts(raw, seen.as_str()),
            disguises: crate::solicitation::disguises(raw),
            unreachable: crate::reach::unreachable_requests(seen.as_str()),
            hidden: hidden.len(),
            seen: seen.as_str().to_string(),
        }
    }
}
