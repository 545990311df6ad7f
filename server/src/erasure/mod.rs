//! Erasure as a registry. Every text column of the schema is classified
//! here: a column that can hold text derived from a client says how it is
//! scrubbed; the client record's own columns are wiped; every other text
//! column says why it never holds client text. Erasing a client walks the
//! registry over the whole workspace, so tasks that used to be the client's,
//! and other tasks that mention the client's values, are scrubbed too. A
//! test reads the schema on both engines and fails on any text column that
//! is not classified here, so a new feature cannot forget erasure.

use crate::caller::Owner;
use crate::client_row;
use crate::error::Context;
use crate::error::{Error, Result};
use crate::Database;
use handoff::redaction::{redact, Secrets};
use handoff::work::{CriterionFeedback, Tick};
use handoff::AuditAction;

mod walk;

pub use walk::{erase_client, unclassified_text_columns};

/// How a column's text is scrubbed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scrub {
    /// Plain text or Markdown: redacted with the client's values.
    Text,
    /// A JSON list of strings (task criteria).
    JsonStrings,
    /// A JSON list of ticks (submission criteria met).
    JsonTicks,
    /// A JSON list of feedback notes (reviews).
    JsonFeedback,
}

/// A column that can hold client-derived text, and where its rows of one
/// workspace are.
#[derive(Clone, Copy, Debug)]
pub struct Scrubbed {
    pub table: &'static str,
    pub column: &'static str,
    pub scrub: Scrub,
    /// The rows of workspace `$1`.
    pub rows_of_workspace: &'static str,
}

const TASK_ROWS: &str = "task_id IN (SELECT id FROM tasks WHERE workspace_id = $1)";

/// Every column that can hold client-derived text outside the client
/// record. A new feature that stores such text adds its column here.
pub const SCRUBBED: &[Scrubbed] = &[
    Scrubbed {
        table: "tasks",
        column: "title",
        scrub: Scrub::Text,
        rows_of_workspace: "workspace_id = $1",
    },
    Scrubbed {
        table: "tasks",
        column: "instructions",
        scrub: Scrub::Text,
        rows_of_workspace: "workspace_id = $1",
    },
    Scrubbed {
        table: "tasks",
        column: "criteria",
        scrub: Scrub::JsonStrings,
        rows_of_workspace: "workspace_id = $1",
    },
    Scrubbed {
        table: "tasks",
        column: "outcome_kind",
        scrub: Scrub::Text,
        rows_of_workspace: "workspace_id = $1",
    },
    Scrubbed {
        table: "tasks",
        column: "outcome_target",
        scrub: Scrub::Text,
        rows_of_workspace: "workspace_id = $1",
    },
    Scrubbed {
        table: "submissions",
        column: "body",
        scrub: Scrub::Text,
        rows_of_workspace: TASK_ROWS,
    },
    Scrubbed {
        table: "submissions",
        column: "result_value",
        scrub: Scrub::Text,
        rows_of_workspace: TASK_ROWS,
    },
    Scrubbed {
        table: "submissions",
        column: "note",
        scrub: Scrub::Text,
        rows_of_workspace: TASK_ROWS,
    },
    Scrubbed {
        table: "submissions",
        column: "ticks",
        scrub: Scrub::JsonTicks,
        rows_of_workspace: TASK_ROWS,
    },
    Scrubbed {
        table: "reviews",
        column: "feedback",
        scrub: Scrub::JsonFeedback,
        rows_of_workspace: TASK_ROWS,
    },
    Scrubbed {
        table: "reviews",
        column: "process_change",
        scrub: Scrub::Text,
        rows_of_workspace: TASK_ROWS,
    },
    Scrubbed {
        table: "task_events",
        column: "detail",
        scrub: Scrub::Text,
        rows_of_workspace: TASK_ROWS,
    },
    Scrubbed {
        table: "thread_messages",
        column: "body",
        scrub: Scrub::Text,
        rows_of_workspace: THREAD_ROWS,
    },
    Scrubbed {
        table: "relay_requests",
        column: "body",
        scrub: Scrub::Text,
        rows_of_workspace: "workspace_id = $1",
    },
    Scrubbed {
        table: "relay_requests",
        column: "sent_body",
        scrub: Scrub::Text,
        rows_of_workspace: "workspace_id = $1 AND sent_body IS NOT NULL",
    },
    Scrubbed {
        table: "relay_requests",
        column: "reason",
        scrub: Scrub::Text,
        rows_of_workspace: "workspace_id = $1 AND reason IS NOT NULL",
    },
    // A draft that mentions the client is deleted by `erase_client` before
    // this walk (`draft::erase_mentioning`); the lines keep the registry
    // whole, and scrub whatever a draft written meanwhile would hold.
    Scrubbed {
        table: "drafts",
        column: "body",
        scrub: Scrub::Text,
        rows_of_workspace: TASK_ROWS,
    },
    Scrubbed {
        table: "drafts",
        column: "result_value",
        scrub: Scrub::Text,
        rows_of_workspace: TASK_ROWS,
    },
    Scrubbed {
        table: "drafts",
        column: "note",
        scrub: Scrub::Text,
        rows_of_workspace: TASK_ROWS,
    },
];

const THREAD_ROWS: &str = "thread_id IN (SELECT id FROM threads WHERE workspace_id = $1)";

/// The client record itself: wiped (or its rows deleted) by erasure.
pub const CLIENT_RECORD: &[(&str, &str)] = &[
    ("clients", "name"),
    ("clients", "name_search"),
    ("clients", "email"),
    ("clients", "phone"),
    ("clients", "address"),
    ("clients", "date_of_birth"),
    ("clients", "notes"),
    ("clients", "alias"),
    ("client_fields", "label"),
    ("client_fields", "value"),
    ("client_fields", "kind"),
    ("client_former_values", "field_key"),
    ("client_former_values", "value"),
    ("task_disclosures", "field_key"),
    // Mail to a client (their portal link) is deleted with them, and their
    // address leaves the suppression list.
    ("mail_outbox", "recipient"),
    ("mail_outbox", "subject"),
    ("mail_outbox", "body"),
    ("mail_outbox", "last_error"),
    ("mail_suppressed", "address"),
    ("mail_suppressed", "reason"),
    // A digest line naming them by alias is deleted with them.
    ("mail_digest_items", "body"),
];

/// Text columns that never hold client-derived text, each with why.
pub const NEVER_CLIENT_TEXT: &[(&str, &str, &str)] = &[
    ("workspaces", "name", "the business's own name"),
    ("workspaces", "time_zone", "an IANA zone name"),
    ("workspaces", "currency", "an ISO 4217 code"),
    ("members", "email", "a member's own sign-in address"),
    (
        "member_former_names",
        "display_name",
        "a member's own earlier name (kept so the client lens still masks it)",
    ),
    ("members", "password_hash", "an argon2id hash"),
    ("members", "role", "owner or provider"),
    ("members", "display_name", "a member's own name"),
    ("members", "time_zone", "an IANA zone name"),
    (
        "members",
        "language",
        "a language code (en, es, pt, fr, de)",
    ),
    ("members", "totp_secret", "a member's second-factor secret"),
    (
        "members",
        "totp_pending",
        "a second-factor secret being set up",
    ),
    (
        "members",
        "recovery_reveal",
        "recovery codes shown once to their member",
    ),
    ("sessions", "token_hash", "a hash of a random token"),
    (
        "sign_in_throttle",
        "throttle_key",
        "an e-mail or network address being throttled",
    ),
    ("recovery_codes", "salt", "a random salt"),
    ("session_flash", "token_hash", "a hash of a session token"),
    (
        "session_flash",
        "value",
        "an invitation link shown to the owner who made it",
    ),
    ("invitations", "email", "an invited member's address"),
    ("invitations", "role", "owner or provider"),
    ("invitations", "token_hash", "a hash of a random token"),
    ("recovery_codes", "code_hash", "a hash of a random code"),
    (
        "sign_in_challenges",
        "token_hash",
        "a hash of a random token",
    ),
    ("tasks", "state", "a task state"),
    ("tasks", "priority", "a priority"),
    ("tasks", "price_kind", "a price kind"),
    ("submissions", "achieved", "yes, partly or no"),
    ("reviews", "decision", "accept or request_changes"),
    ("task_events", "kind", "the kind of a timeline line"),
    ("audit_events", "action", "an audit action"),
    (
        "audit_events",
        "detail",
        "field labels, kinds and reasons, never values; append-only by trigger",
    ),
    ("thread_messages", "side", "owners, provider or client"),
    (
        "thread_messages",
        "flags",
        "byte offsets and kinds of flagged passages; computed again after an erasure",
    ),
    ("relay_requests", "state", "pending, approved or returned"),
    (
        "relay_requests",
        "flags",
        "byte offsets and kinds of flagged passages; computed again after an erasure",
    ),
    ("portal_links", "token_hash", "a hash of a random token"),
    (
        "drafts",
        "kind",
        "submission, team_message or relay_request",
    ),
    ("drafts", "achieved", "yes, partly or no"),
    ("drafts", "met", "a JSON list of criterion indexes"),
    (
        "idempotency_keys",
        "idem_key",
        "a random key made by the browser",
    ),
    (
        "idempotency_keys",
        "answer",
        "JSON of ids and round numbers",
    ),
    ("portal_sessions", "token_hash", "a hash of a random token"),
    ("live_events", "audience", "owners, member or client"),
    (
        "mail_outbox",
        "kind",
        "invitation, password_reset or portal_link",
    ),
    ("mail_outbox", "state", "waiting, sent or dead"),
    (
        "mail_outbox",
        "dedupe_key",
        "the kind of a message and the id or token hash it is about",
    ),
    ("password_resets", "token_hash", "a hash of a random token"),
    (
        "mail_opt_outs",
        "recipient",
        "member-<id> or client-<id>: ids, never names or addresses",
    ),
    ("mail_opt_outs", "kind", "a notification kind"),
    ("mail_opt_outs", "choice", "off or digest"),
    ("mail_digest_items", "kind", "a notification kind"),
    (
        "mail_digest_items",
        "dedupe_key",
        "the kind of a notification, a member id, the id it is about and a time window",
    ),
    ("live_events", "kind", "what changed (task, thread, …)"),
    (
        "_sqlx_migrations",
        "description",
        "the migrations' own names",
    ),
    (
        "_sqlx_migrations",
        "checksum",
        "the migrations' own checksums",
    ),
];

/// Every (table, column) the registry knows, for the schema test.
pub fn classified() -> Vec<(&'static str, &'static str)> {
    SCRUBBED
        .iter()
        .map(|s| (s.table, s.column))
        .chain(CLIENT_RECORD.iter().copied())
        .chain(NEVER_CLIENT_TEXT.iter().map(|(t, c, _)| (*t, *c)))
        .collect()
}
