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
    /// Something happened that the recipient asked to hear about
    /// (`NotifyKind`); each kind can be turned off.
    Notification,
}

impl MailKind {
    pub const ALL: &'static [MailKind] = &[
        MailKind::Invitation,
        MailKind::PasswordReset,
        MailKind::PortalLink,
        MailKind::Notification,
    ];

    /// The word stored in `mail_outbox.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Invitation => "invitation",
            MailKind::PasswordReset => "password_reset",
            MailKind::PortalLink => "portal_link",
            MailKind::Notification => "notification",
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
            MailKind::Notification => "Notification",
        }
    }
}

/// What a notification is about. Owners hear of work waiting for them,
/// providers of work given or sent back, clients of a new message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotifyKind {
    /// Owners: a provider asked to send a message to a client.
    RelayWaiting,
    /// Owners: a provider handed in work to review.
    WorkSubmitted,
    /// Owners: a client wrote in their portal.
    ClientReplied,
    /// Owners: a task passed its due time without being handed in.
    TaskOverdue,
    /// Providers: a task was given to them.
    TaskAssigned,
    /// Providers: an owner asked for changes to their work.
    ChangesRequested,
    /// Providers: an owner sent or returned their message to a client.
    RelayDecided,
    /// Providers: an owner wrote in a task's team thread.
    TeamMessage,
    /// Clients: the business wrote to them.
    ClientMessage,
}

impl NotifyKind {
    pub const ALL: &'static [NotifyKind] = &[
        NotifyKind::RelayWaiting,
        NotifyKind::WorkSubmitted,
        NotifyKind::ClientReplied,
        NotifyKind::TaskOverdue,
        NotifyKind::TaskAssigned,
        NotifyKind::ChangesRequested,
        NotifyKind::RelayDecided,
        NotifyKind::TeamMessage,
        NotifyKind::ClientMessage,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotifyKind::RelayWaiting => "relay_waiting",
            NotifyKind::WorkSubmitted => "work_submitted",
            NotifyKind::ClientReplied => "client_replied",
            NotifyKind::TaskOverdue => "task_overdue",
            NotifyKind::TaskAssigned => "task_assigned",
            NotifyKind::ChangesRequested => "changes_requested",
            NotifyKind::RelayDecided => "relay_decided",
            NotifyKind::TeamMessage => "team_message",
            NotifyKind::ClientMessage => "client_message",
        }
    }

    pub fn parse(raw: &str) -> Option<NotifyKind> {
        NotifyKind::ALL.iter().copied().find(|k| k.as_str() == raw)
    }

    /// What a member turns on or off, in their settings and in the mail.
    pub fn said(self) -> &'static str {
        match self {
            NotifyKind::RelayWaiting => "A provider's message to a client waits for approval",
            NotifyKind::WorkSubmitted => "Work is handed in for review",
            NotifyKind::ClientReplied => "A client writes in their portal",
            NotifyKind::TaskOverdue => "A task passes its due time without being handed in",
            NotifyKind::TaskAssigned => "A task is given to me",
            NotifyKind::ChangesRequested => "Changes are asked for on my work",
            NotifyKind::RelayDecided => "My message to a client is sent or returned",
            NotifyKind::TeamMessage => "An owner writes to me about a task",
            NotifyKind::ClientMessage => "New messages from the business",
        }
    }

    /// The kinds a member of `role` can receive.
    pub fn for_role(role: crate::Role) -> &'static [NotifyKind] {
        match role {
            crate::Role::Owner => &[
                NotifyKind::RelayWaiting,
                NotifyKind::WorkSubmitted,
                NotifyKind::ClientReplied,
                NotifyKind::TaskOverdue,
            ],
            crate::Role::Provider => &[
                NotifyKind::TaskAssigned,
                NotifyKind::ChangesRequested,
                NotifyKind::RelayDecided,
                NotifyKind::TeamMessage,
            ],
        }
    }
}

/// How a member gets one kind of notification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NotifyChoice {
    /// A message of its own, a short batching window after it happens.
    Immediately,
    /// A line in one message a day, at the member's digest hour.
    Digest,
    Off,
}

impl NotifyChoice {
    pub const ALL: &'static [NotifyChoice] = &[
        NotifyChoice::Immediately,
        NotifyChoice::Digest,
        NotifyChoice::Off,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NotifyChoice::Immediately => "immediately",
            NotifyChoice::Digest => "digest",
            NotifyChoice::Off => "off",
        }
    }

    pub fn parse(raw: &str) -> Option<NotifyChoice> {
        NotifyChoice::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == raw)
    }

    /// The words of the choice in a member's settings.
    pub fn said(self) -> &'static str {
        match self {
            NotifyChoice::Immediately => "Right away",
            NotifyChoice::Digest => "In my daily digest",
            NotifyChoice::Off => "Off",
        }
    }
}

/// One kind of notification and how the member gets it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotifySetting {
    pub kind: NotifyKind,
    pub choice: NotifyChoice,
}

/// A member's notification settings: each kind for their role, and the
/// hour of their own day their digest comes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotifySettings {
    pub kinds: Vec<NotifySetting>,
    /// 0–23, in `time_zone`.
    pub digest_hour: u8,
    pub time_zone: String,
    /// The language of the member's e-mail.
    pub language: crate::Language,
    /// Updates waiting for the next digest.
    pub digest_waiting: u32,
    /// When the next digest comes, in the member's zone ("Tuesday 8
    /// December, 08:00").
    pub next_digest: String,
}

/// What a digest hour reads as in a member's settings ("08:00").
pub fn digest_hour_said(hour: u8) -> String {
    format!("{hour:02}:00")
}

/// Where a message stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailState {
    /// Not sent yet: due, or waiting to be tried again.
    Waiting,
    Sent,
    /// Given up on: refused for good, or failed too often.
    Dead,
    /// A notification not sent: its reader had read that far on a page.
    Read,
}

impl MailState {
    pub fn as_str(self) -> &'static str {
        match self {
            MailState::Waiting => "waiting",
            MailState::Sent => "sent",
            MailState::Dead => "dead",
            MailState::Read => "read",
        }
    }

    pub fn parse(raw: &str) -> Option<MailState> {
        [
            MailState::Waiting,
            MailState::Sent,
            MailState::Dead,
            MailState::Read,
        ]
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
