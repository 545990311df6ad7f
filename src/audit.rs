//! The audit log's vocabulary (R8): what happened, as owners filter it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The audit actions, each once: its variant, the word stored in
/// `audit_events.action` (the migrations' CHECK lists the same words; a
/// storage test writes every one of them on both engines) and the sentence
/// owners read.
macro_rules! audit_actions {
    ($($(#[doc = $doc:literal])* $variant:ident => $stored:literal, $said:literal;)+) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum AuditAction {
            $($(#[doc = $doc])* $variant,)+
        }

        impl AuditAction {
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$variant,)+];

            /// The word stored in `audit_events.action`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(AuditAction::$variant => $stored,)+
                }
            }

            fn said(self) -> &'static str {
                match self {
                    $(AuditAction::$variant => $said,)+
                }
            }
        }
    };
}

audit_actions! {
    SignIn => "sign_in", "Signed in";
    DisclosureAdded => "disclosure_added", "Disclosure added";
    DisclosureRemoved => "disclosure_removed", "Disclosure removed";
    DisclosuresEnded => "disclosures_ended", "Disclosures ended";
    /// A provider's request returned disclosed client values.
    DisclosedShown => "disclosed_shown", "Disclosed data shown to provider";
    ClientErased => "client_erased", "Client erased";
    AuditExported => "audit_exported", "Audit log exported";
    /// A member changed their own name or time zone.
    ProfileChanged => "profile_changed", "Account details changed";
    /// An owner sent a provider's relay request to the client as written.
    RelayApproved => "relay_approved", "Message to client approved";
    /// An owner edited a relay request, then sent it.
    RelayEdited => "relay_edited", "Message to client edited and approved";
    /// An owner returned a relay request to its provider.
    RelayReturned => "relay_returned", "Message to client returned";
    /// An owner forwarded a client's message to a task's provider.
    MessageForwarded => "message_forwarded", "Client message forwarded to provider";
    /// An owner made (or remade) a client's portal link.
    PortalLinkCreated => "portal_link_created", "Portal link created";
    PortalLinkRevoked => "portal_link_revoked", "Portal link revoked";
    /// A client opened the portal through their link.
    PortalSignIn => "portal_sign_in", "Client opened the portal";
    /// Someone asked for a password reset e-mail for a member's address.
    PasswordResetRequested => "password_reset_requested", "Password reset e-mail sent";
    /// A member chose a new password through a reset e-mail.
    PasswordReset => "password_reset", "Password reset through e-mail";
    /// An owner sent a client their portal link by e-mail.
    PortalLinkMailed => "portal_link_mailed", "Portal link e-mailed to client";
}

impl AuditAction {
    pub fn parse(raw: &str) -> Option<AuditAction> {
        AuditAction::ALL.iter().copied().find(|a| a.as_str() == raw)
    }
}

impl fmt::Display for AuditAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.said())
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
            assert_eq!(AuditAction::parse(a.as_str()), Some(*a));
        }
        assert_eq!(AuditAction::parse("sign_out"), None);
    }

    #[test]
    fn csv_cells_quote_and_defuse() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
