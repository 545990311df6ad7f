//! The client lens (R2): what a client reads in the portal. It is signed by
//! the business and never carries a provider's name: every provider of the
//! workspace is masked in every text, whoever wrote it. Contact details
//! depend on who the text comes from: the business's own text (owners'
//! messages, the client's own replies shown back) keeps them, so a
//! business can give its phone number; a text a provider proposed keeps
//! them only when an owner approved it knowing it held them (flags
//! acknowledged), and otherwise has them masked.

use crate::client_row;
use crate::error::Result;
use crate::markdown::to_safe_html;
use handoff::redaction::{name_parts, Secrets, ValueKind};
use handoff::{ClientHtml, ClientSecrets, ClientText};
use std::collections::BTreeSet;

pub(crate) struct ClientLens {
    secrets: ClientSecrets,
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
    /// The lens for one client of the workspace: every name any provider
    /// of the workspace has had, and every other client's values (a task
    /// moved from one client to another must not show the first one's
    /// details in the second one's portal).
    pub(crate) async fn for_client(
        conn: &mut sqlx::AnyConnection,
        workspace_id: i64,
        client_id: i64,
    ) -> Result<Self> {
        let names = crate::member_row::provider_names_ever(conn, workspace_id).await?;
        let others = client_row::workspace_secrets_except(conn, workspace_id, client_id).await?;
        let own = client_row::load(conn, workspace_id, client_id).await?;
        Ok(Self::new(&names, others, &own.all_secrets()))
    }

    fn new(provider_names: &[String], others: Secrets, own: &Secrets) -> Self {
        let mut providers = Secrets::new();
        for name in provider_names {
            providers.add(ValueKind::Name, name);
            // A client must not learn a provider's name in part either
            // ("Ava here", "Santos will call"): every part alone, an
            // everyday word ("Will") when written with a capital.
            for part in name_parts(name) {
                providers.add(ValueKind::NamePart, &part);
            }
        }
        // The client's own values stay readable, and so do the parts of
        // their name, unless another client's name shares the part (then
        // it is masked: another client's name must never pass whole).
        let taken: BTreeSet<String> = others
            .values()
            .iter()
            .filter(|(kind, _)| matches!(kind, ValueKind::Name | ValueKind::NamePart))
            .flat_map(|(_, v)| name_parts(v))
            .map(|p| p.to_lowercase())
            .collect();
        let mut kept: Vec<String> = Vec::new();
        for (kind, value) in own.values() {
            kept.push(value.clone());
            if *kind == ValueKind::Name {
                kept.extend(
                    name_parts(value)
                        .into_iter()
                        .filter(|p| !taken.contains(&p.to_lowercase())),
                );
            }
        }
        ClientLens {
            secrets: ClientSecrets {
                providers,
                others,
                own: kept,
            },
        }
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
        ClientLens::new(&["Ava Reyes".to_string()], Secrets::new(), &Secrets::new())
    }

    #[test]
    fn every_part_of_a_providers_name_is_masked_everyday_words_with_a_capital() {
        let lens = ClientLens::new(&["Ben Santos".to_string()], Secrets::new(), &Secrets::new());
        let text = lens.text(
            "Santos will call; Ben too. The saints (santos) agree.",
            Origin::Business,
        );
        assert!(!text.as_str().contains("Santos"), "{text}");
        assert!(!text.as_str().contains("Ben"), "{text}");
        assert!(text.as_str().contains("will call"), "{text}");
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
