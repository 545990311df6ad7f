//! Redaction at the boundary (rule R3). Text that crosses toward a provider
//! is scanned for contact details (e-mails, phone numbers, links and bare
//! domains, social handles, and their spelled-out disguises) and for the
//! client's own undisclosed values; each is replaced by a mask such as
//! `[email hidden]`.
//!
//! Hand-written scanners rather than regular expressions: this runs in the
//! owner's browser for the live preview, where a regex engine would cost
//! more wasm than the whole scanner.

mod scan;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

/// What was hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Hidden {
    Email,
    Phone,
    Link,
    Handle,
    ClientDetail,
}

impl Hidden {
    pub fn mask(self) -> &'static str {
        match self {
            Hidden::Email => "[email hidden]",
            Hidden::Phone => "[phone hidden]",
            Hidden::Link => "[link hidden]",
            Hidden::Handle => "[handle hidden]",
            Hidden::ClientDetail => "[client detail hidden]",
        }
    }
}

/// Redacted text and what was taken out of it, in order of appearance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redacted {
    pub text: String,
    pub hidden: Vec<Hidden>,
}

/// A stretch of the input to mask: byte offsets, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: Hidden,
}

/// Masks contact details and the given undisclosed values (each matched
/// whole, ignoring ASCII case, at word boundaries; values shorter than three
/// characters are ignored as they would mask ordinary words).
pub fn redact(text: &str, undisclosed: &[&str]) -> Redacted {
    let mut spans = Vec::new();
    scan::client_values(text, undisclosed, &mut spans);
    scan::urls(text, &mut spans);
    scan::emails(text, &mut spans);
    scan::spelled_emails(text, &mut spans);
    scan::handles(text, &mut spans);
    scan::phones(text, &mut spans);
    scan::spelled_phones(text, &mut spans);
    apply(text, spans)
}

/// Replaces the spans, the earliest first; of overlapping spans the longer
/// wins.
fn apply(text: &str, mut spans: Vec<Span>) -> Redacted {
    spans.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
    });
    let mut out = String::with_capacity(text.len());
    let mut hidden = Vec::new();
    let mut at = 0;
    for span in spans {
        if span.start < at {
            continue;
        }
        out.push_str(&text[at..span.start]);
        out.push_str(span.kind.mask());
        hidden.push(span.kind);
        at = span.end;
    }
    out.push_str(&text[at..]);
    Redacted { text: out, hidden }
}
