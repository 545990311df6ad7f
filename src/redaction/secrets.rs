//! What a reader may not see: a client's values, each with how it is
//! recognised in free text, compiled once for every text of a response;
//! and the words that are never masked alone.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::{lex, norm, values};

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
    /// Shared by clones: one response hands the workspace's thousands of
    /// values to the lens of every row it shows.
    values: Arc<Vec<(ValueKind, String)>>,
    /// Hashes of the values, so adding one stays constant time however many
    /// there are (a workspace of ten thousand clients holds ~100,000).
    #[serde(skip)]
    seen: Seen,
    /// The values compiled into patterns, built on first use and shared by
    /// clones: a response redacts many texts with the same secrets.
    #[serde(skip)]
    compiled: Compiled,
    /// Where a number written the local way is read against the numbering
    /// plan (ISO 3166 codes): the workspace's country, the client's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    regions: Vec<String>,
}

#[derive(Clone, Default)]
struct Compiled(OnceLock<Arc<values::Matcher>>);

#[derive(Clone, Default)]
struct Seen(HashSet<u64>);

impl PartialEq for Seen {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Seen {}

impl std::fmt::Debug for Seen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("..")
    }
}

fn hash_of(kind: ValueKind, value: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (kind, value).hash(&mut h);
    h.finish()
}

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
        if value.is_empty() {
            return;
        }
        if self.seen.0.is_empty() && !self.values.is_empty() {
            // Deserialized: the hashes are not sent.
            self.seen.0 = self.values.iter().map(|(k, v)| hash_of(*k, v)).collect();
        }
        let hash = hash_of(kind, value);
        // A hash seen before is checked against the values themselves.
        if !self.seen.0.insert(hash) && self.values.iter().any(|(k, v)| *k == kind && v == value) {
            return;
        }
        Arc::make_mut(&mut self.values).push((kind, value.to_string()));
        self.seen.0.insert(hash);
        self.compiled = Compiled::default();
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

    pub(super) fn matcher(&self) -> &values::Matcher {
        self.compiled
            .0
            .get_or_init(|| Arc::new(values::Matcher::new(&self.values)))
    }

    /// Every value of `other` too.
    pub fn extend(&mut self, other: &Secrets) {
        for region in &other.regions {
            self.add_region(region);
        }
        if self.values.is_empty() {
            // Shares the other's values (and patterns, if compiled).
            let regions = std::mem::take(&mut self.regions);
            *self = other.clone();
            regions.iter().for_each(|r| self.add_region(r));
            return;
        }
        for (kind, value) in other.values.iter() {
            self.add(*kind, value);
        }
    }

    /// A country whose numbering plan reads local numbers (`DK`, `BR`);
    /// anything but two capitals is ignored.
    pub fn add_region(&mut self, region: &str) {
        let ok = region.len() == 2 && region.bytes().all(|c| c.is_ascii_uppercase());
        if ok && !self.regions.iter().any(|r| r == region) {
            self.regions.push(region.to_string());
        }
    }

    pub fn regions(&self) -> &[String] {
        &self.regions
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
