//! The client lens (R2): what a client reads in the portal. It is signed by
//! the business and never carries a provider's name: every provider of the
//! workspace is masked in every text, whoever wrote it. Contact details
//! depend on who the text comes from: the business's own text (owners'
//! messages, the client's own replies shown back) keeps them, so a
//! business can give its phone number; a text a provider proposed keeps
//! them only when an owner approved it knowing it held them (flags
//! acknowledged), and otherwise has them masked.

use crate::error::Result;
use crate::markdown::to_safe_html;
use handoff::redaction::{Secrets, ValueKind};
use handoff::{ClientHtml, ClientText};

pub(crate) struct ClientLens {
    secrets: Secrets,
}

/// Where a text the client reads comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    /// Written by an owner or by the client: contact details stay.
    Business,
    /// Proposed by a provider and approved; `knowingly` when an owner
    /// acknowledged its flags.
    Provider { knowingly: bool },
}

impl ClientLens {
    pub(crate) async fn for_workspace(
        conn: &mut sqlx::AnyConnection,
        workspace_id: i64,
    ) -> Result<Self> {
        let names: Vec<String> = sqlx::query_scalar(
            "SELECT display_name FROM members WHERE workspace_id = $1 AND role = 'provider'",
        )
        .bind(workspace_id)
        .fetch_all(conn)
        .await?;
        Ok(Self::with_provider_names(&names))
    }

    fn with_provider_names(names: &[String]) -> Self {
        let mut secrets = Secrets::new();
        for name in names {
            secrets.add(ValueKind::Name, name);
            // A client must not learn a provider's name, first name
            // included ("Ava here"), unless it is an everyday word ("Will").
            for part in name.split_whitespace() {
                let part = part.trim_matches(|c: char| !c.is_alphanumeric());
                if part.chars().count() >= 3 && !handoff::redaction::is_common_word(part) {
                    secrets.add(ValueKind::Other, part);
                }
            }
        }
        ClientLens { secrets }
    }

    /// Text for the client.
    pub(crate) fn text(&self, raw: &str, origin: Origin) -> ClientText {
        match origin {
            Origin::Business | Origin::Provider { knowingly: true } => {
                ClientText::values_masked(raw, &self.secrets).0
            }
            Origin::Provider { knowingly: false } => ClientText::redacted(raw, &self.secrets).0,
        }
    }

    /// Markdown for the client, rendered to sanitized HTML.
    pub(crate) fn html(&self, markdown: &str, origin: Origin) -> ClientHtml {
        ClientHtml::render(&self.text(markdown, origin), to_safe_html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lens() -> ClientLens {
        ClientLens::with_provider_names(&["Ava Reyes".to_string()])
    }

    #[test]
    fn a_providers_name_never_reaches_a_client() {
        for origin in [
            Origin::Business,
            Origin::Provider { knowingly: true },
            Origin::Provider { knowingly: false },
        ] {
            let text = lens().text("Ava Reyes will call you. Ava will bring it.", origin);
            assert!(!text.as_str().contains("Ava"), "{text}");
            assert!(text.as_str().contains("will call you"), "{text}");
        }
    }

    #[test]
    fn the_business_keeps_its_contact_details() {
        let text = lens().text(
            "Call us on 555 014 2233 or hello@bright.example",
            Origin::Business,
        );
        assert!(text.as_str().contains("555 014 2233"), "{text}");
        assert!(text.as_str().contains("hello@bright.example"), "{text}");
    }

    #[test]
    fn a_providers_contact_details_pass_only_when_knowingly_approved() {
        let raw = "write to hello@studio-nine.io";
        let masked = lens().text(raw, Origin::Provider { knowingly: false });
        assert!(!masked.as_str().contains("studio-nine"), "{masked}");
        let kept = lens().text(raw, Origin::Provider { knowingly: true });
        assert!(kept.as_str().contains("hello@studio-nine.io"), "{kept}");
        let html = lens().html("**hi** <script>x</script>", Origin::Business);
        assert!(
            html.as_str().contains("<strong>hi</strong>") && !html.as_str().contains("<script")
        );
    }
}
