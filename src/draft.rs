//! Drafts (R6): what a provider is writing and has not sent yet, kept in
//! the browser first and on the server when online. One draft per
//! (member, task, kind); the server's copy carries a version, and a save
//! based on an older version is a conflict: neither side is overwritten.
//!
//! The browser and the server validate a draft with the same code
//! ([`DraftContent::validate`]), so a draft the browser accepted is never
//! refused for its size by the server.

use crate::account::FieldError;
use crate::state::TaskState;
use serde::{Deserialize, Serialize};

/// What a draft is the draft of. Submissions now; the team thread's
/// messages and relay requests use the same store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DraftKind {
    Submission,
    TeamMessage,
    RelayRequest,
}

impl DraftKind {
    pub const ALL: [DraftKind; 3] = [
        DraftKind::Submission,
        DraftKind::TeamMessage,
        DraftKind::RelayRequest,
    ];

    /// The stored and wire name (also the last part of the browser key).
    pub fn as_str(self) -> &'static str {
        match self {
            DraftKind::Submission => "submission",
            DraftKind::TeamMessage => "team_message",
            DraftKind::RelayRequest => "relay_request",
        }
    }

    pub fn parse(raw: &str) -> Option<DraftKind> {
        DraftKind::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// Whether a task in this state takes drafts of this kind. Messages:
    /// while the task is open. A submission: while the provider works
    /// towards one, so an autosave that lands after the work was handed in
    /// cannot leave a stale draft behind for the next round.
    pub fn open_in(self, state: TaskState) -> bool {
        match self {
            DraftKind::Submission => matches!(
                state,
                TaskState::Assigned | TaskState::InProgress | TaskState::ChangesRequested
            ),
            DraftKind::TeamMessage | DraftKind::RelayRequest => state.is_open(),
        }
    }
}

/// The largest draft kept, in bytes of its texts (UTF-8). localStorage
/// holds about 5 MiB per origin; a draft well under that leaves room for
/// others.
pub const DRAFT_MAX_BYTES: usize = 100 * 1024;

/// Every key Handoff writes in the browser's storage starts with this, so
/// signing out can remove them all.
pub const STORAGE_PREFIX: &str = "handoff:";

/// The browser key of a draft: `handoff:draft:<member>:<task>:<kind>`.
pub fn storage_key(member_id: i64, task_id: i64, kind: DraftKind) -> String {
    format!(
        "{STORAGE_PREFIX}draft:{member_id}:{task_id}:{}",
        kind.as_str()
    )
}

/// The browser key of an action queued while offline (a submission sent
/// without a connection): `handoff:queue:<member>:<task>:<kind>`.
pub fn queue_key(member_id: i64, task_id: i64, kind: DraftKind) -> String {
    format!(
        "{STORAGE_PREFIX}queue:{member_id}:{task_id}:{}",
        kind.as_str()
    )
}

/// The draft's text as typed. Messages use `body` only; a submission also
/// its outcome, result, note and the criteria ticked (by index).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftContent {
    pub body: String,
    #[serde(default)]
    pub achieved: String,
    #[serde(default)]
    pub result_value: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub met: Vec<usize>,
}

impl DraftContent {
    /// Bytes of text the draft holds (what the size limit counts).
    pub fn size(&self) -> usize {
        self.body.len() + self.achieved.len() + self.result_value.len() + self.note.len()
    }

    /// Nothing typed yet.
    pub fn is_empty(&self) -> bool {
        self.body.trim().is_empty()
            && self.result_value.trim().is_empty()
            && self.note.trim().is_empty()
            && self.met.is_empty()
    }

    /// A draft may be incomplete (that is what drafts are for), but not
    /// too large, and a message's draft holds a body only.
    pub fn validate(&self, kind: DraftKind) -> Result<(), FieldError> {
        let size = self.size();
        if size > DRAFT_MAX_BYTES {
            return Err(FieldError::new(
                "body",
                format!(
                    "This draft is too long to keep ({} KB; the limit is {} KB). \
                     Shorten it, or move long material to a file and link to it. \
                     The last version that fitted is still saved.",
                    size.div_ceil(1024),
                    DRAFT_MAX_BYTES / 1024
                ),
            ));
        }
        if kind != DraftKind::Submission
            && !(self.achieved.is_empty()
                && self.result_value.is_empty()
                && self.note.is_empty()
                && self.met.is_empty())
        {
            return Err(FieldError::new(
                "body",
                "A message's draft holds its text only.",
            ));
        }
        if self.achieved.len() > 16 || self.met.len() > 200 {
            return Err(FieldError::new(
                "achieved",
                "This draft is not well formed.",
            ));
        }
        Ok(())
    }
}

/// The server's copy of a draft. `version` starts at 1 and grows by one
/// with every save.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub task_id: i64,
    pub kind: DraftKind,
    pub content: DraftContent,
    pub version: i64,
    /// UTC milliseconds of the last save.
    pub updated_at: i64,
}

/// The answer to a save.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SaveOutcome {
    /// Stored; later saves start from this version.
    Saved { version: i64, updated_at: i64 },
    /// The server's copy changed since the base the save started from
    /// (another tab or device). Nothing was written; here is what the
    /// server holds, to be shown beside the local text.
    Conflict { server: Draft },
}

/// The conflict rule. `stored` is the server's copy (if any), `base` the
/// version the browser's text started from (0: from nothing), `content`
/// what it wants to save. Answers the version to write, or `None` when the
/// save is a conflict.
///
/// - no stored copy: any base is accepted (nothing can be overwritten; a
///   copy deleted after its submission may be written again by an old tab,
///   which loses nothing);
/// - a stored copy at the base's version: accepted, one version on;
/// - a stale base with the very text stored: not a conflict (a retried
///   save whose answer was lost), the stored version stands;
/// - any other stale base: a conflict.
pub fn next_version(
    stored: Option<(&DraftContent, i64)>,
    base: i64,
    content: &DraftContent,
) -> Next {
    match stored {
        None => Next::Write(base.max(0) + 1),
        Some((_, version)) if version == base => Next::Write(version + 1),
        Some((text, version)) if text == content => Next::Unchanged(version),
        Some(_) => Next::Conflict,
    }
}

/// What [`next_version`] decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Write the content with this version.
    Write(i64),
    /// The same text is stored already at this version: write nothing.
    Unchanged(i64),
    /// Refuse: the stored copy is newer than the base and differs.
    Conflict,
}

/// The answer to a submission: which round it was. A replay of the same
/// request (same idempotency key) gets the same answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submitted {
    pub task_id: i64,
    pub round: i64,
}

/// An idempotency key as the browser makes it (`crypto.randomUUID()`):
/// 16 to 64 characters of hex digits and dashes.
pub fn valid_idempotency_key(key: &str) -> bool {
    (16..=64).contains(&key.len()) && key.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(body: &str) -> DraftContent {
        DraftContent {
            body: body.into(),
            ..Default::default()
        }
    }

    #[test]
    fn kinds_round_trip_and_keys_name_member_task_and_kind() {
        for kind in DraftKind::ALL {
            assert_eq!(DraftKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(DraftKind::parse("note"), None);
        assert_eq!(
            storage_key(7, 42, DraftKind::Submission),
            "handoff:draft:7:42:submission"
        );
        assert_eq!(
            queue_key(7, 42, DraftKind::TeamMessage),
            "handoff:queue:7:42:team_message"
        );
        assert!(storage_key(1, 2, DraftKind::RelayRequest).starts_with(STORAGE_PREFIX));
    }

    #[test]
    fn a_draft_over_the_limit_is_refused_with_its_size() {
        let at_limit = text(&"a".repeat(DRAFT_MAX_BYTES));
        assert!(at_limit.validate(DraftKind::Submission).is_ok());
        let over = DraftContent {
            note: "é".into(),
            ..at_limit
        };
        let error = over.validate(DraftKind::Submission).unwrap_err();
        assert_eq!(error.field, "body");
        assert!(error.message.contains("101 KB"), "{}", error.message);
        assert!(error.message.contains("100 KB"));
        // Bytes, not characters: 60,000 two-byte letters are over.
        assert!(text(&"é".repeat(60_000))
            .validate(DraftKind::TeamMessage)
            .is_err());
    }

    #[test]
    fn an_incomplete_submission_is_a_fine_draft_but_a_message_holds_text_only() {
        assert!(DraftContent::default()
            .validate(DraftKind::Submission)
            .is_ok());
        let with_outcome = DraftContent {
            achieved: "yes".into(),
            met: vec![0, 2],
            ..text("half done")
        };
        assert!(with_outcome.validate(DraftKind::Submission).is_ok());
        assert!(with_outcome.validate(DraftKind::TeamMessage).is_err());
        assert!(text("hello").validate(DraftKind::RelayRequest).is_ok());
        assert!(DraftContent {
            achieved: "x".repeat(17),
            ..Default::default()
        }
        .validate(DraftKind::Submission)
        .is_err());
    }

    #[test]
    fn emptiness_ignores_whitespace() {
        assert!(text("  \n").is_empty());
        assert!(!text("x").is_empty());
        assert!(!DraftContent {
            met: vec![1],
            ..Default::default()
        }
        .is_empty());
    }

    #[test]
    fn a_stale_base_is_a_conflict_and_nothing_is_overwritten() {
        let mine = text("mine");
        let theirs = text("theirs");
        assert_eq!(next_version(None, 0, &mine), Next::Write(1));
        assert_eq!(next_version(None, 4, &mine), Next::Write(5));
        assert_eq!(next_version(None, -3, &mine), Next::Write(1));
        assert_eq!(next_version(Some((&theirs, 3)), 3, &mine), Next::Write(4));
        assert_eq!(next_version(Some((&theirs, 3)), 2, &mine), Next::Conflict);
        assert_eq!(next_version(Some((&theirs, 3)), 0, &mine), Next::Conflict);
        // A base from the future is stale too.
        assert_eq!(next_version(Some((&theirs, 3)), 9, &mine), Next::Conflict);
        // The same text again (a retry whose answer was lost) is no conflict.
        assert_eq!(next_version(Some((&mine, 3)), 2, &mine), Next::Unchanged(3));
    }

    #[test]
    fn a_submission_is_drafted_only_while_the_work_is_under_way() {
        let open: Vec<TaskState> = TaskState::ALL
            .into_iter()
            .filter(|s| DraftKind::Submission.open_in(*s))
            .collect();
        assert_eq!(
            open,
            [
                TaskState::Assigned,
                TaskState::InProgress,
                TaskState::ChangesRequested
            ]
        );
        assert!(DraftKind::TeamMessage.open_in(TaskState::Submitted));
        assert!(!DraftKind::RelayRequest.open_in(TaskState::Accepted));
    }

    #[test]
    fn idempotency_keys_are_uuid_like() {
        assert!(valid_idempotency_key(
            "3b241101-e2bb-4255-8caf-4136c566a962"
        ));
        assert!(!valid_idempotency_key("short"));
        assert!(!valid_idempotency_key(
            "3b241101-e2bb-4255-8caf-4136c566a96'"
        ));
        assert!(!valid_idempotency_key(&"a".repeat(65)));
    }
}
