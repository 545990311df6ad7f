//! Mail as owners see it: what Handoff sends, and what could not be sent.

use serde::{Deserialize, Serialize};

/// What a message is for. Transactional mail (all of these so far) cannot
/// be turned off: it answers something a person just did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailKind {
    /// An owner invited someone to the team.
    Invitation,
    /// Someone asked for a new password on `/login`.
    PasswordReset,
    /// An owner sent a client their portal link.
    PortalLink,
}

impl MailKind {
    pub const ALL: &'static [MailKind] = &[
        MailKind::Invitation,
        MailKind::PasswordReset,
        MailKind::PortalLink,
    ];

    /// The word stored in `mail_outbox.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Invitation => "invitation",
            MailKind::PasswordReset => "password_reset",
            MailKind::PortalLink => "portal_link",
        }
    }

    pub fn parse(raw: &str) -> Option<MailKind> {
        MailKind::ALL.iter().copied().find(|k| k.as_str() == raw)
    }

    /// How owners read it in a list.
    pub fn said(self) -> &'static str {
        match self {
            MailKind::Invitation => "Invitation",
            MailKind::PasswordReset => "Password reset",
            MailKind::PortalLink => "Portal link",
        }
    }
}

/// Where a message stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailState {
    /// Not sent yet: due, or waiting to be tried again.
    Waiting,
    Sent,
    /// Given up on: refused for good, or failed too often.
    Dead,
}

impl MailState {
    pub fn as_str(self) -> &'static str {
        match self {
            MailState::Waiting => "waiting",
            MailState::Sent => "sent",
            MailState::Dead => "dead",
        }
    }

    pub fn parse(raw: &str) -> Option<MailState> {
        [MailState::Waiting, MailState::Sent, MailState::Dead]
            .into_iter()
            .find(|s| s.as_str() == raw)
    }
}

/// A message of the workspace that has not gone out as it should: waiting
/// after a failure, or dead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailProblem {
    pub mail_id: i64,
    pub kind: MailKind,
    pub recipient: String,
    pub state: MailState,
    pub attempts: i64,
    /// What the mail server (or the network) said last.
    pub reason: String,
    /// When it was written, in the owner's time zone.
    pub written: String,
    /// When it will be tried again, if it will.
    pub next_attempt: Option<String>,
}

/// The owners' view of the workspace's mail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailOverview {
    /// `None` when mail goes out through an SMTP server; otherwise the
    /// folder the messages are written to instead (nobody receives them).
    pub not_delivered_to: Option<String>,
    pub sent_last_week: i64,
    pub waiting: i64,
    pub problems: Vec<MailProblem>,
}
