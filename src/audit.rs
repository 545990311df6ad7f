//! The audit log's vocabulary (R8): what happened, as owners filter it.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditAction {
    SignIn,
    DisclosureAdded,
    DisclosureRemoved,
    DisclosuresEnded,
    /// A provider's request returned disclosed client values.
    DisclosedShown,
    ClientErased,
    AuditExported,
    /// A member changed their own name or time zone.
    ProfileChanged,
    /// An owner sent a provider's relay request to the client as written.
    RelayApproved,
    /// An owner edited a relay request, then sent it.
    RelayEdited,
    /// An owner returned a relay request to its provider.
    RelayReturned,
    /// An owner forwarded a client's message to a task's provider.
    MessageForwarded,
    /// An owner made (or remade) a client's portal link.
    PortalLinkCreated,
    PortalLinkRevoked,
    /// A client opened the portal through their link.
    PortalSignIn,
}

impl AuditAction {
    pub const ALL: [AuditAction; 15] = [
        AuditAction::SignIn,
        AuditAction::DisclosureAdded,
        AuditAction::DisclosureRemoved,
        AuditAction::DisclosuresEnded,
        AuditAction::DisclosedShown,
        AuditAction::ClientErased,
        AuditAction::AuditExported,
        AuditAction::ProfileChanged,
        AuditAction::RelayApproved,
        AuditAction::RelayEdited,
        AuditAction::RelayReturned,
        AuditAction::MessageForwarded,
        AuditAction::PortalLinkCreated,
        AuditAction::PortalLinkRevoked,
        AuditAction::PortalSignIn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignIn => "sign_in",
            AuditAction::DisclosureAdded => "disclosure_added",
            AuditAction::DisclosureRemoved => "disclosure_removed",
            AuditAction::DisclosuresEnded => "disclosures_ended",
            AuditAction::DisclosedShown => "disclosed_shown",
            AuditAction::ClientErased => "client_erased",
            AuditAction::AuditExported => "audit_exported",
            AuditAction::ProfileChanged => "profile_changed",
            AuditAction::RelayApproved => "relay_approved",
            AuditAction::RelayEdited => "relay_edited",
            AuditAction::RelayReturned => "relay_returned",
            AuditAction::MessageForwarded => "message_forwarded",
            AuditAction::PortalLinkCreated => "portal_link_created",
            AuditAction::PortalLinkRevoked => "portal_link_revoked",
            AuditAction::PortalSignIn => "portal_sign_in",
        }
    }

    pub fn parse(raw: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == raw)
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AuditAction::SignIn => "Signed in",
            AuditAction::DisclosureAdded => "Disclosure added",
            AuditAction::DisclosureRemoved => "Disclosure removed",
            AuditAction::DisclosuresEnded => "Disclosures ended",
            AuditAction::DisclosedShown => "Disclosed data shown to provider",
            AuditAction::ClientErased => "Client erased",
            AuditAction::AuditExported => "Audit log exported",
            AuditAction::ProfileChanged => "Account details changed",
            AuditAction::RelayApproved => "Message to client approved",
            AuditAction::RelayEdited => "Message to client edited and approved",
            AuditAction::RelayReturned => "Message to client returned",
            AuditAction::MessageForwarded => "Client message forwarded to provider",
            AuditAction::PortalLinkCreated => "Portal link created",
            AuditAction::PortalLinkRevoked => "Portal link revoked",
            AuditAction::PortalSignIn => "Client opened the portal",
        })
    }
}

/// The filters of the audit page; empty or missing means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditFilter {
    pub member_id: String,
    pub client_id: String,
    pub action: String,
    /// `YYYY-MM-DD` in the viewer's time zone, inclusive.
    pub from: String,
    pub to: String,
}

/// One event as owners read it. `detail` names fields (labels), never
/// their values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    pub event_id: i64,
    /// In the viewer's time zone, e.g. `2026-11-22 09:14`.
    pub when: String,
    pub member_name: Option<String>,
    pub action: AuditAction,
    pub client_alias: Option<String>,
    /// For owners, beside the alias; `None` once the client is erased.
    pub client_name: Option<String>,
    pub task_id: Option<i64>,
    pub detail: String,
}

pub const AUDIT_PER_PAGE: u32 = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    pub events: Vec<AuditEvent>,
    pub page: u32,
    pub has_more: bool,
    pub time_zone: String,
    pub members: Vec<crate::task::Choice>,
    pub clients: Vec<crate::task::Choice>,
}

/// One CSV cell, quoted when it must be, and defused against spreadsheet
/// formula injection (a cell starting with `=`, `+`, `-`, `@`).
pub fn csv_cell(raw: &str) -> String {
    let mut value = raw.to_string();
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        value.insert(0, '\'');
    }
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
        }
    }

    #[test]
    fn csv_cells_quote_and_defuse() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
