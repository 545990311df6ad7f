//! The one-click unsubscribe links (RFC 8058) a message carries: tagged
//! with a key only this server holds, so no one can stop another's mail.

use super::public_url;
use crate::error::Result;
use crate::secrets;

/// The address a recipient's one-click unsubscribe goes to for `what` (a
/// kind, or the whole digest).
pub(crate) fn unsubscribe_url(recipient: &str, what: &str) -> Result<String> {
    let tag = secrets::tag(&format!("{recipient}:{what}"))?;
    Ok(format!(
        "{}/unsubscribe/{recipient}/{what}/{tag}",
        public_url()
    ))
}

/// Whether `tag` is the one this server put in a message to `recipient`.
pub(crate) fn tag_is_ours(recipient: &str, what: &str, tag: &str) -> Result<bool> {
    secrets::tag_matches(&format!("{recipient}:{what}"), tag)
}
