//! The client lens (R2): what a client reads in the portal. It is signed by
//! the business and never carries a provider's name: every provider of the
//! workspace (and any contact detail) is masked, whatever an owner approved.

use crate::error::Result;
use handoff::redaction::{Secrets, ValueKind};
use handoff::ClientText;

/// The portal (the relay issue) is its first caller; its shape is fixed now
/// so that every text toward a client goes through it from the start.
#[allow(dead_code)]
pub(crate) struct ClientLens {
    secrets: Secrets,
}

#[allow(dead_code)]
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
        }
        ClientLens { secrets }
    }

    /// Text for the client.
    pub(crate) fn text(&self, raw: &str) -> ClientText {
        ClientText::redacted(raw, &self.secrets).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_providers_name_never_reaches_a_client() {
        let lens = ClientLens::with_provider_names(&["Ava Reyes".to_string()]);
        let text = lens.text("Ava Reyes will call you; or write to ava@reyes.io");
        assert!(!text.as_str().contains("Ava Reyes"), "{text}");
        assert!(!text.as_str().contains("ava@reyes.io"), "{text}");
    }
}
