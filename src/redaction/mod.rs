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
mod email;
mod handle;
mod lex;
mod link;
#[cfg(test)]
mod name_tests;
mod norm;
mod phone;
mod phone_spelled;
#[cfg(test)]
mod props;
mod solicit;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod value_tests;
mod values;

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

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
}

impl Hidden {
    /// Every kind, for readers of masked text.
    pub const ALL: [Hidden; 6] = [
        Hidden::Email,
        Hidden::Phone,
        Hidden::Link,
        Hidden::Handle,
        Hidden::ClientDetail,
        Hidden::Address,
    ];

    pub fn mask(self) -> &'static str {
        match self {
            Hidden::Address => "[address hidden]",
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
    /// A person's name: whole however spaced, emphasised or broken over
    /// lines, reversed (`Doe, Jane`), as first name and last initial
    /// (`Jane D.`), and each surname alone unless it is an everyday word
    /// (`Doe` yes, the `Park` of Will Park no). Never the first name alone:
    /// that would mask every other Jane.
    Name,
    /// A postal address: whole, and by its distinctive parts: house number
    /// and street with the street type written any usual way (`12 Oak St.`,
    /// `Hauptstr. 5`, `C/ Mayor 12`), the postal code, the apartment. Never
    /// the city alone.
    Address,
    /// A date (`YYYY-MM-DD`): in the usual written forms (`27/03/1984`,
    /// `03/27/1984`, `27.03.84`, `27 March 1984`, `27. März 1984`, `27 de
    /// marzo de 1984`, `1984年3月27日`…), with ordinals and abbreviated
    /// months, and without the year (`the 27th of March`, `Mar 27th`,
    /// `3/27`), and only that date: `March 27, 2019` is another.
    Date,
    /// Another client's date: in every form with its year; without it
    /// only written as a birthday (`born on the 27th of March`, `her
    /// birthday is March 27th`): a day and month alone are any other day
    /// in a workspace of many clients.
    DateOfOther,
    /// Free text such as notes: whole, and any sentence of four words or
    /// more copied into the text.
    Text,
    /// Anything else: matched whole.
    Other,
    /// One part of a person's name written alone, the first name above all
    /// (`Elena`): matched as a word; when it is also an everyday word
    /// (`Will`, `Rose`), only written with a capital. For the names a text
    /// must not carry even in part: the task's own client toward its
    /// provider, a provider toward a client.
    NamePart,
}

/// The values a reader may not see, each with how to recognise it. Owners
/// receive it for their live preview, so it is plain data. Every value is
/// compared folded: case, diacritics (`Muñoz` is `munoz`), runs of spaces and
/// Markdown emphasis do not matter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Secrets {
    values: Vec<(ValueKind, String)>,
    /// The values compiled into patterns, built on first use and shared by
    /// clones: a response redacts many texts with the same secrets.
    #[serde(skip)]
    compiled: Compiled,
}

#[derive(Clone, Default)]
struct Compiled(OnceLock<Arc<values::Matcher>>);

impl PartialEq for Compiled {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Compiled {}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("..")
    }
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
            self.compiled = Compiled::default();
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

    /// Compiles the values now rather than on the first `redact`.
    pub fn compile(&self) {
        self.matcher();
    }

    fn matcher(&self) -> &values::Matcher {
        self.compiled
            .0
            .get_or_init(|| Arc::new(values::Matcher::new(&self.values)))
    }

    /// Every value of `other` too.
    pub fn extend(&mut self, other: &Secrets) {
        for (kind, value) in &other.values {
            self.add(*kind, value);
        }
    }
}

/// Every part of a name (`Dr. Elena María Ruiz` gives `Elena`, `María`,
/// `Ruiz`), titles and one-letter initials left out.
pub fn name_parts(name: &str) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for part in name.split(|c: char| c.is_whitespace() || c == ',') {
        let part = part.trim_matches(|c: char| !c.is_alphanumeric());
        // A double name is written whole and each half alone: Ruiz-Vega.
        let halves: Vec<&str> = part.split('-').filter(|h| h.len() > 1).collect();
        let pieces = std::iter::once(part).chain(halves.into_iter().filter(|_| part.contains('-')));
        for piece in pieces {
            let keep = piece.chars().count() >= 2
                // A number is no part of how a person is called.
                && !piece.chars().all(|c| c.is_ascii_digit())
                && !values::is_title(&norm::Norm::new(piece).text.to_lowercase())
                && !parts.iter().any(|p| p == piece);
            if keep {
                parts.push(piece.to_string());
            }
        }
    }
    parts
}

/// True for a given name so common that, alone, it points at nobody in
/// particular (`Maria`, `John`, `Elena`); `Zebulon` is not. The list holds
/// the 300 most frequent given names of each sex in 55 countries, folded
/// to ASCII, less those used more often as surnames (`given_names.txt`).
pub fn is_common_given_name(word: &str) -> bool {
    static NAMES: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        include_str!("given_names.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    });
    let mut folded = String::with_capacity(word.len());
    for c in word.trim().chars() {
        norm::fold_word_char(c, &mut folded);
    }
    names.contains(folded.as_str())
}

/// True for a common word of English, German, Spanish or French, however
/// written (case and diacritics folded): such a word is never masked alone.
pub fn is_common_word(word: &str) -> bool {
    let folded = norm::Norm::new(word).text.to_lowercase();
    lex::is_common(folded.trim())
}

/// True when the text holds a contact detail (an e-mail, phone, link or
/// handle) of any kind.
pub fn holds_contact_details(text: &str) -> bool {
    !find(text, &values::Matcher::default()).is_empty()
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
    let mut current = text.to_string();
    // Masks this call inserted: position in `current` and kind.
    let mut masks: Vec<(usize, Hidden)> = Vec::new();
    for _ in 0..4 {
        let spans = find(&current, matcher);
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
    let spans = spans(text, secrets.matcher(), false);
    let (text, masks) = apply(text, &spans, &[]);
    Redacted {
        text,
        hidden: masks.into_iter().map(|(_, k)| k).collect(),
    }
}

/// Every span to mask in `text`, sorted, not overlapping, none inside a
/// mask already there.
fn find(text: &str, matcher: &values::Matcher) -> Vec<Span> {
    spans(text, matcher, true)
}

/// The spans of `matcher`'s values and, with `contacts`, of every contact
/// detail, found in each view of `text` (markup read away and as written)
/// and mapped back to its bytes.
fn spans(text: &str, matcher: &values::Matcher, contacts: bool) -> Vec<Span> {
    let existing = mask_regions(text);
    let mut spans: Vec<Span> = Vec::new();
    for norm in norm::views(text) {
        let t = norm.text.as_str();
        let words = lex::words(t);
        let mut found = Vec::new();
        matcher.find(t, &words, &mut found);
        if contacts {
            link::urls(t, &mut found);
            link::spaced_domains(t, &words, &mut found);
            email::written(t, &mut found);
            email::spelled(t, &words, &mut found);
            handle::at_sign(t, &mut found);
            handle::introduced(t, &words, &mut found);
            phone::digits(t, &mut found);
            phone_spelled::spelled(&words, &mut found);
            address::addresses(t, &words, &mut found);
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
