//! Mail (R2, R3, R8): a text path like any other, and an outbox.
//!
//! A use case never sends mail. It composes a message (`compose`) and hands
//! it to its write unit (`unit.mail(…)`), which writes it to the outbox with
//! the change, or not at all. A sender in every app server (`sender`) then
//! claims due messages for a while, sends them through the configured
//! transport (`transport`: SMTP, or `.eml` files when none is configured),
//! retries transient failures with jittered backoff, and gives up on
//! permanent ones, suppressing an address its server refused for good.
//!
//! What a message may say is decided where it is composed: to a member,
//! their own account's words and a link; to a client, the business's name
//! and a link, never a provider's name or a message's text.

pub mod compose;
pub mod digest;
mod digest_store;
pub mod notify;
mod overview;
pub mod preferences;
pub mod sender;
pub(crate) mod store;
pub mod transport;
mod unsubscribe;
pub(crate) mod words;

use handoff::MailKind;
use std::sync::OnceLock;

pub use overview::{overview, retry};
pub use sender::{send_due, SendReport};
pub use transport::{check_sender, check_smtp_url, Transport};

pub(crate) use store::erase_client;

/// A message a write causes; written to the outbox with that write.
#[derive(Clone, Debug)]
pub(crate) struct Outgoing {
    pub workspace_id: Option<i64>,
    /// Set when the recipient is a client (erasure deletes the message).
    pub client_id: Option<i64>,
    pub kind: MailKind,
    pub recipient: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// One message per cause and recipient: a retried write adds nothing.
    pub dedupe_key: String,
    /// Sent no sooner than this long after the write (notifications wait a
    /// short window, so a burst of changes is one message).
    pub delay_ms: i64,
    /// Notifications: the one-click unsubscribe address (RFC 8058).
    pub unsubscribe: Option<String>,
    /// Notifications of a message: not sent if its reader has read it by
    /// the time it is due.
    pub unless_read: Option<UnlessRead>,
}

/// A reader's place in a thread that makes a notification moot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct UnlessRead {
    pub thread_id: i64,
    /// The member, or 0 for the client.
    pub reader: i64,
    /// The newest message the notification tells of.
    pub message_id: i64,
}

/// Where Handoff is reached, for the links in mail. Set once at start-up.
static PUBLIC_URL: OnceLock<String> = OnceLock::new();

/// Sets the address links in mail point to (`HANDOFF_PUBLIC_URL`). The
/// first call wins: one process serves one address.
pub fn set_public_url(url: &str) {
    let _ = PUBLIC_URL.set(url.trim_end_matches('/').to_string());
}

static BATCH_MS: OnceLock<i64> = OnceLock::new();

/// How long a notification waits for others of its kind about the same
/// thing (`HANDOFF_MAIL_BATCH_SECONDS`, default two minutes). First call wins.
pub fn set_batch_window(ms: i64) {
    let _ = BATCH_MS.set(ms.max(0));
}

pub(crate) fn batch_window_ms() -> i64 {
    BATCH_MS.get().copied().unwrap_or(2 * 60 * 1000)
}

pub(crate) fn public_url() -> &'static str {
    PUBLIC_URL
        .get()
        .map(String::as_str)
        .unwrap_or("http://127.0.0.1:3000")
}
