//! Threads (R2): per task a team thread (owners and the task's provider),
//! per client a client thread (owners and the client, through the portal),
//! and the relay requests through which a provider's words reach a client
//! only once an owner approved them. What each audience reads is its own
//! type: owners read everything with client names; a provider reads
//! `ProviderText`/`ProviderHtml` only; a client reads `ClientText`/
//! `ClientHtml` only, signed by the business.
//!
//! Instants are UTC milliseconds; pages show them in the viewer's zone.

use crate::alias::Alias;
use crate::audience::{ClientHtml, ClientText, ProviderHtml, ProviderText};
use crate::solicitation::{Piece, Solicitation};
use serde::{Deserialize, Serialize};

/// The longest message, in characters.
pub const MESSAGE_MAX_CHARS: usize = 10_000;
/// The longest reason for returning a relay request, in characters.
pub const REASON_MAX_CHARS: usize = 2_000;

/// Which thread: a task's team thread or a client's client thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ThreadRef {
    Team { task_id: i64 },
    Client { client_id: i64 },
}

/// Who wrote a message, as its thread sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    /// An owner; in a client thread, the business (approved relay requests
    /// included: they are signed by the business, never by the provider).
    Owners,
    Provider,
    Client,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Owners => "owners",
            Side::Provider => "provider",
            Side::Client => "client",
        }
    }

    pub fn parse(raw: &str) -> Option<Side> {
        [Side::Owners, Side::Provider, Side::Client]
            .into_iter()
            .find(|s| s.as_str() == raw)
    }
}

/// A message body, checked: not blank, not too long.
pub fn check_message(raw: &str) -> Result<String, String> {
    let text = raw.trim();
    if text.is_empty() {
        return Err("Write a message first.".into());
    }
    if text.chars().count() > MESSAGE_MAX_CHARS {
        return Err(format!(
            "Keep a message under {MESSAGE_MAX_CHARS} characters."
        ));
    }
    Ok(text.to_string())
}

/// One message as owners read it: everything, names included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerMessage {
    pub message_id: i64,
    pub side: Side,
    /// The owner or provider who wrote it (the approving owner for a relayed
    /// message), or the client's name (their alias once erased).
    pub author: String,
    /// Markdown as written, for an owner to select a part to forward.
    pub body: String,
    pub body_html: String,
    pub at: i64,
    /// A provider's text: what was flagged (R3).
    pub flags: Vec<Solicitation>,
    /// The client message this forwards, if it is a forward.
    pub forwarded_from: Option<i64>,
    /// The relay request this message came from, if any.
    pub relay_id: Option<i64>,
    /// How long until the other side answered, once it has.
    pub reply_ms: Option<i64>,
}

/// A thread as owners read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnerThread {
    pub thread: ThreadRef,
    /// The task's title, or the client's name.
    pub title: String,
    pub client_id: Option<i64>,
    pub client_alias: Option<String>,
    /// None once the client is erased.
    pub client_name: Option<String>,
    /// The team thread's provider (the task's assignee).
    pub provider_name: Option<String>,
    pub messages: Vec<OwnerMessage>,
    /// The team thread: its relay requests, newest first.
    pub relays: Vec<RelayItem>,
    /// The last message this owner had read before this view.
    pub last_read_id: i64,
}

/// Where a relay request is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RelayState {
    Pending,
    Approved,
    Returned,
}

impl RelayState {
    pub fn as_str(self) -> &'static str {
        match self {
            RelayState::Pending => "pending",
            RelayState::Approved => "approved",
            RelayState::Returned => "returned",
        }
    }

    pub fn parse(raw: &str) -> Option<RelayState> {
        [
            RelayState::Pending,
            RelayState::Approved,
            RelayState::Returned,
        ]
        .into_iter()
        .find(|s| s.as_str() == raw)
    }
}

/// A relay request as owners read it (the queue, and a task's thread).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelayItem {
    pub relay_id: i64,
    /// Sent back with a decision: a second owner deciding the same request
    /// gets a conflict.
    pub version: i64,
    pub task_id: i64,
    pub task_title: String,
    pub provider_name: String,
    pub client_id: i64,
    pub client_alias: String,
    pub client_name: Option<String>,
    /// As the provider wrote it.
    pub body: String,
    /// The body cut into plain and flagged pieces, for highlighting.
    pub pieces: Vec<Piece>,
    /// What the client will read if it is approved as written (the client
    /// lens's output: no provider's name, no other client's detail), so
    /// the owner decides on what the client sees, not on the source.
    pub client_view: crate::ClientHtml,
    pub flags: Vec<Solicitation>,
    pub state: RelayState,
    /// What reached the client (approved).
    pub sent_body: Option<String>,
    pub edited: bool,
    pub flags_acknowledged: bool,
    /// Why it was returned.
    pub reason: Option<String>,
    pub decided_by: Option<String>,
    pub at: i64,
}

/// An owner's decision on a relay request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RelayDecision {
    /// As written. Flagged text needs `acknowledge_flags`.
    Approve { acknowledge_flags: bool },
    /// The client gets `text` instead; flagged text needs
    /// `acknowledge_flags` too.
    Edit {
        text: String,
        acknowledge_flags: bool,
    },
    /// Back to the provider, with a reason they read.
    Return { reason: String },
}

/// One message as the provider reads it, through the provider lens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderMessage {
    pub message_id: i64,
    pub from_owners: bool,
    pub author: ProviderText,
    pub body_html: ProviderHtml,
    pub at: i64,
    /// A client's words an owner forwarded (masked by the lens).
    pub forwarded: bool,
}

/// The provider's relay request and what became of it: the decision, the
/// text that reached the client when an owner edited it (through the lens),
/// and the reason when returned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderRelay {
    pub relay_id: i64,
    pub body: ProviderText,
    pub state: RelayState,
    pub edited: bool,
    pub sent: Option<ProviderText>,
    pub reason: Option<ProviderText>,
    pub at: i64,
}

/// A task's team thread as its provider reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderThread {
    pub task_id: i64,
    pub title: ProviderText,
    pub client_alias: Option<Alias>,
    /// Open task: the provider may write.
    pub can_write: bool,
    /// Open task with a client: the provider may propose a message for them.
    pub can_relay: bool,
    pub messages: Vec<ProviderMessage>,
    pub relays: Vec<ProviderRelay>,
    pub last_read_id: i64,
}

/// One message of the client thread, as the client reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalMessage {
    pub message_id: i64,
    /// Written by the business (signed with its name), or by the client.
    pub from_business: bool,
    pub body_html: ClientHtml,
    pub at: i64,
}

/// A task's status in the portal: words only, no provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalTask {
    pub title: ClientText,
    pub status: String,
}

/// The client portal's one page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalHome {
    pub business_name: String,
    pub messages: Vec<PortalMessage>,
    pub tasks: Vec<PortalTask>,
    pub last_read_id: i64,
    pub unread: i64,
}

/// A client's private link, as the owner sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PortalLinkStatus {
    None,
    Live {
        created_at: i64,
        expires_at: i64,
        last_opened_at: Option<i64>,
    },
    Revoked {
        revoked_at: i64,
        last_opened_at: Option<i64>,
    },
    Expired {
        expires_at: i64,
        last_opened_at: Option<i64>,
    },
}

/// A link just made: its token is shown once, to the owner who made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPortalLink {
    pub token: String,
    pub expires_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_and_states_round_trip() {
        for s in [Side::Owners, Side::Provider, Side::Client] {
            assert_eq!(Side::parse(s.as_str()), Some(s));
        }
        for s in [
            RelayState::Pending,
            RelayState::Approved,
            RelayState::Returned,
        ] {
            assert_eq!(RelayState::parse(s.as_str()), Some(s));
        }
        assert_eq!(Side::parse("business"), None);
    }

    #[test]
    fn messages_are_checked() {
        assert!(check_message("  ").is_err());
        assert_eq!(check_message(" hi ").unwrap(), "hi");
        assert!(check_message(&"x".repeat(MESSAGE_MAX_CHARS + 1)).is_err());
    }
}

/// What forwarding a client's message would show the provider, and what in
/// it only looks like a contact detail in disguise (not masked: the owner
/// decides).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForwardPreview {
    pub text: crate::audience::ProviderText,
    pub disguises: Vec<String>,
}
