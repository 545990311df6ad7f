//! Redaction at the boundary (rule R3). Text that crosses toward a provider
//! is scanned for contact details (e-mails, phone numbers, links and bare
//! domains, social and payment handles, and their spelled-out disguises) and
//! for the client's own undisclosed values; each is replaced by a mask such
//! as `[email hidden]`. Text a provider writes for a client is also read for
//! solicitation (`solicitations`), which is flagged to the owner rather than
//! masked.
//!
//! How it is built, and why:
//!
//! - The scanners read the text as it will be rendered, not its bytes
//!   (`norm`): people who want to slip a number past a filter use full-width
//!   signs, zero-width characters, other scripts' digits, Markdown and HTML
//!   entities. The folded copy keeps a map back to the original bytes, so a
//!   mask always replaces a span of the original and everything outside the
//!   masks is left byte for byte.
//! - One scanner per category (`email`, `phone`, `link`, `handle`,
//!   `address`), each
//!   pushing spans; overlapping spans merge, so part of an address is never
//!   left readable. Each scanner also knows what its category is *not*:
//!   numbers after a label (order, invoice, shift…), dates, money, versions,
//!   `@` for "at", file names, a platform's name used as a word. A redaction
//!   that masks half of every message would be ignored by the people using
//!   it.
//! - A client's values are matched as people write them (`values`): a name
//!   by its parts, an address by its distinctive parts, a date in its
//!   written forms, notes sentence by sentence. The values compile once into
//!   patterns indexed by folded first word, cached inside `Secrets`, so a
//!   response that hides every client name of a workspace reads each text
//!   once, whatever the number of names.
//! - Masking can join what it separated, so `redact` scans its own result
//!   again until nothing more is found: redacting twice changes nothing.
//! - Every scanner moves forward through the text with bounded look-back and
//!   look-ahead, so time stays linear in the text's length
//!   (`examples/redaction_bench.rs` measures it on adversarial input).
//! - Hand-written scanners and small word lists rather than regular
//!   expressions or full Unicode tables: this runs in the owner's browser for
//!   the live preview, where those would cost more wasm than the engine.
//!
//! The corpus under `corpus/` (messages by category, in English, German,
//! Spanish and French, with negatives) is the measure of all this: the test
//! prints recall and false positives per category.

mod address;
#[cfg(test)]
mod address_tests;
#[cfg(test)]
mod corpus_lang;
mod email;
mod handle;
mod identifier;
mod lex;
mod link;
#[cfg(test)]
mod name_tests;
mod norm;
mod phone;
mod phone_spelled;
mod plans;
#[cfg(test)]
mod props;
mod secrets;
mod solicit;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod value_tests;
mod values;

use serde::{Deserialize, Serialize};

pub(crate) use norm::fold_word_char as fold_word;
#[cfg(feature = "numbering-plans")]
pub use plans::region_of_phone;
pub use plans::region_of_zone;
pub use secrets::{is_common_given_name, is_common_word, name_parts, Secrets, ValueKind};
pub use solicit::{solicitations, Solicitation, SolicitationKind};

/// What was hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Hidden {
    Email,
    Phone,
    Link,
    Handle,
    ClientDetail,
    /// A postal address written in the text, not on record (R1).
    Address,
    /// A payment card number (Luhn-checked): payment data, not for a
    /// provider's eyes.
    Card,
}

impl Hidden {
    /// Every kind, for readers of masked text.
    pub const ALL: [Hidden; 7] = [
        Hidden::Email,
        Hidden::Phone,
        Hidden::Link,
        Hidden::Handle,
        Hidden::ClientDetail,
        Hidden::Address,
        Hidden::Card,
    ];

    pub fn mask(self) -> &'static str {
        match self {
            Hidden::Address => "[address hidden]",
            Hidden::Card => "[card number hidden]",
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

/// True when the text holds a contact detail (an e-mail, phone, link or
/// handle) of any kind.
pub fn holds_contact_details(text: &str) -> bool {
    !find(text, &values::Matcher::default(), &[]).is_empty()
}

/// Masks contact details and the given secrets (values shorter than three
/// characters are ignored as they would mask ordinary words).
///
/// Masking can make a disguise readable (text on both sides of a mask is
/// unchanged, but what joined them is gone), so the result is scanned again
/// until nothing more is found: a second `redact` of the result finds
/// nothing.
pub fn redact(text: &str, secrets: &Secrets) -> Redacted {
    let matcher = secrets.matcher();
    let regions = secrets.regions();
    let mut current = text.to_string();
    // Masks this call inserted: position in `current` and kind.
    let mut masks: Vec<(usize, Hidden)> = Vec::new();
    for _ in 0..4 {
        let spans = find(&current, matcher, regions);
        if spans.is_empty() {
            break;
        }
        let (next, moved) = apply(&current, &spans, &masks);
        current = next;
        masks = moved;
    }
    Redacted {
        text: current,
        hidden: masks.into_iter().map(|(_, k)| k).collect(),
    }
}

/// Masks the given secrets only, leaving contact details as written: for
/// text the business signs itself (its own phone number stays), where only
/// the values of `secrets` (the providers' names) must not show.
pub fn redact_values_only(text: &str, secrets: &Secrets) -> Redacted {
    let spans = spans(text, secrets.matcher(), &[], false);
    let (text, masks) = apply(text, &spans, &[]);
    Redacted {
        text,
        hidden: masks.into_iter().map(|(_, k)| k).collect(),
    }
}

/// Every span to mask in `text`, sorted, not overlapping, none inside a
/// mask already there.
fn find(text: &str, matcher: &values::Matcher, regions: &[String]) -> Vec<Span> {
    spans(text, matcher, regions, true)
}

/// The spans of `matcher`'s values and, with `contacts`, of every contact
/// detail, found in each view of `text` (markup read away and as written)
/// and mapped back to its bytes.
fn spans(text: &str, matcher: &values::Matcher, regions: &[String], contacts: bool) -> Vec<Span> {
    let existing = mask_regions(text);
    let mut spans: Vec<Span> = Vec::new();
    for norm in norm::views(text) {
        let t = norm.text.as_str();
        let words = lex::words(t);
        let mut found = Vec::new();
        let mut kept = Vec::new();
        matcher.find(t, &words, &mut found);
        if contacts {
            identifier::identifiers(t, &words, &mut kept, &mut found);
            link::urls(t, &mut found);
            link::spaced_domains(t, &words, &mut found);
            email::written(t, &mut found);
            email::spelled(t, &words, &mut found);
            handle::at_sign(t, &mut found);
            handle::introduced(t, &words, &mut found);
            phone::digits(t, regions, &mut found);
            phone::vanity(t, &mut found);
            phone_spelled::spelled(&words, &mut found);
            phone_spelled::cjk(t, &mut found);
            address::addresses(t, &words, &mut found);
            // An identifier recognised as one is never read as a phone,
            // link or handle, not even in part.
            let all = identifier::Stretches::of(kept.iter().copied());
            let sure = identifier::Stretches::of(kept.iter().copied().filter(|k| k.sure));
            found.retain(|s| match s.kind {
                Hidden::Phone | Hidden::Link | Hidden::Handle => !all.overlaps(s.start, s.end),
                // An address is not read into a reference after its label.
                Hidden::Address => !sure.overlaps(s.start, s.end),
                _ => true,
            });
        }
        spans.extend(
            found
                .into_iter()
                .filter(|s| s.end > s.start)
                .map(|s| {
                    let (start, end) = norm.original(s.start, s.end);
                    Span { start, end, ..s }
                })
                .filter(|s| !existing.iter().any(|(a, b)| s.start < *b && *a < s.end)),
        );
    }
    merge(&mut spans);
    spans
}

/// Where masks already stand in `text`.
fn mask_regions(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("[") {
        for kind in Hidden::ALL {
            if text[at..].starts_with(kind.mask()) {
                out.push((at, at + kind.mask().len()));
            }
        }
    }
    out
}

/// Which kind names a merged span: the more specific scanner wins a tie.
fn rank(kind: Hidden) -> u8 {
    match kind {
        Hidden::ClientDetail => 0,
        Hidden::Address => 1,
        Hidden::Card => 6,
        Hidden::Phone => 2,
        Hidden::Link => 3,
        Hidden::Handle => 4,
        Hidden::Email => 5,
    }
}

/// Overlapping spans become one, named by the longest (masking part of a
/// span would leave the rest readable).
fn merge(spans: &mut Vec<Span>) {
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans.drain(..) {
        match out.last_mut() {
            Some(last) if s.start < last.end => {
                let (ll, sl) = (last.end - last.start, s.end - s.start);
                if sl > ll || (sl == ll && rank(s.kind) > rank(last.kind)) {
                    last.kind = s.kind;
                }
                last.end = last.end.max(s.end);
            }
            _ => out.push(s),
        }
    }
    *spans = out;
}

/// Replaces the spans (sorted, disjoint) and moves the earlier masks to
/// their place in the new text, keeping all masks in order of appearance.
fn apply(text: &str, spans: &[Span], masks: &[(usize, Hidden)]) -> (String, Vec<(usize, Hidden)>) {
    let mut out = String::with_capacity(text.len());
    let mut moved = Vec::with_capacity(masks.len() + spans.len());
    let mut old = masks.iter().peekable();
    let mut at = 0;
    for span in spans {
        while let Some((pos, kind)) = old.next_if(|(pos, _)| *pos < span.start) {
            moved.push((out.len() + pos - at, *kind));
        }
        out.push_str(&text[at..span.start]);
        moved.push((out.len(), span.kind));
        out.push_str(span.kind.mask());
        at = span.end;
    }
    for (pos, kind) in old {
        moved.push((out.len() + pos - at, *kind));
    }
    out.push_str(&text[at..]);
    (out, moved)
}
