//! Text for one audience. A provider (R1, R3) and a client (R2) each read
//! only text made by their lens on the server; the types below are the only
//! way to hold it in their views, so a view that tries to carry a bare
//! `String` to them does not compile.
//!
//! Each type is made in exactly one way: by running the redaction engine
//! with the secrets of that audience. Choosing the right secrets is the
//! lens's job (`handoff_server::lens`); the owner's live preview makes the
//! same type with the same secrets, so it shows what the provider will get.

use crate::redaction::{redact, Hidden, Secrets};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Plain text a provider may read: contact details and every secret of the
/// lens masked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProviderText(String);

impl ProviderText {
    /// Redacts `text` with `secrets`. Only the provider lens and the owner's
    /// preview call this.
    pub fn redacted(text: &str, secrets: &Secrets) -> (Self, Vec<Hidden>) {
        let r = redact(text, secrets);
        (ProviderText(r.text), r.hidden)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Sanitized HTML a provider may read, rendered from a `ProviderText`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProviderHtml(String);

impl ProviderHtml {
    /// Renders already redacted Markdown with a sanitizing renderer (the
    /// server's pulldown-cmark + ammonia).
    pub fn render(text: &ProviderText, to_safe_html: impl Fn(&str) -> String) -> Self {
        ProviderHtml(to_safe_html(text.as_str()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Plain text a client may read in the portal: signed by the business, with
/// no provider's name or contact detail in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClientText(String);

impl ClientText {
    /// Redacts `text` with the client lens's secrets (the providers' names
    /// and details). Only the client lens calls this.
    pub fn redacted(text: &str, secrets: &Secrets) -> (Self, Vec<Hidden>) {
        let r = redact(text, secrets);
        (ClientText(r.text), r.hidden)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! text_impls {
    ($($t:ty),*) => {$(
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}
text_impls!(ProviderText, ProviderHtml, ClientText);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redaction::ValueKind;

    #[test]
    fn provider_text_is_always_redacted() {
        let secrets = Secrets::new().with(ValueKind::Name, "Maria Gomez");
        let (text, hidden) =
            ProviderText::redacted("Call Maria Gomez on 555 014 2233 today", &secrets);
        assert!(!text.as_str().contains("Maria Gomez"));
        assert!(!text.as_str().contains("2233"));
        assert_eq!(hidden.len(), 2);
    }

    #[test]
    fn html_is_rendered_from_redacted_text_only() {
        let (text, _) = ProviderText::redacted("write to a@b.com", &Secrets::new());
        let html = ProviderHtml::render(&text, |t| format!("<p>{t}</p>"));
        assert_eq!(html.as_str(), "<p>write to [email hidden]</p>");
    }
}
