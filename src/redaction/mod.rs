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

/// How a client value is recognised in free text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ValueKind {
    /// A person's name: matched by its parts too.
    Name,
    /// A postal address: matched by its distinctive parts.
    Address,
    /// A date (`YYYY-MM-DD`): matched in the usual written formats.
    Date,
    /// Free text such as notes: matched sentence by sentence.
    Text,
    /// Anything else: matched whole.
    Other,
}

/// The values a reader may not see, each with how to recognise it. Owners
/// receive it for their live preview, so it is plain data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Secrets {
    values: Vec<(ValueKind, String)>,
}

impl Secrets {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a value (blank ones are ignored).
    pub fn add(&mut self, kind: ValueKind, value: &str) {
        let value = value.trim();
        if !value.is_empty() && !self.values.iter().any(|(k, v)| *k == kind && v == value) {
            self.values.push((kind, value.to_string()));
        }
    }

    /// Values of no particular kind, each matched whole.
    pub fn others(values: &[&str]) -> Self {
        let mut s = Self::new();
        for v in values {
            s.add(ValueKind::Other, v);
        }
        s
    }

    pub fn with(mut self, kind: ValueKind, value: &str) -> Self {
        self.add(kind, value);
        self
    }

    pub fn values(&self) -> &[(ValueKind, String)] {
        &self.values
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Every value of `other` too.
    pub fn extend(&mut self, other: &Secrets) {
        for (kind, value) in &other.values {
            self.add(*kind, value);
        }
    }
}

/// True when the text holds a contact detail (an e-mail, phone, link or
/// handle) of any kind.
pub fn holds_contact_details(text: &str) -> bool {
    !redact(text, &Secrets::default()).hidden.is_empty()
}

/// Masks contact details and the given secrets (values shorter than three
/// characters are ignored as they would mask ordinary words).
pub fn redact(text: &str, secrets: &Secrets) -> Redacted {
    let mut spans = Vec::new();
    let values: Vec<&str> = secrets.values.iter().map(|(_, v)| v.as_str()).collect();
    scan::client_values(text, &values, &mut spans);
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
