//! Identifiers that look like contact details and are not: bank accounts
//! (IBAN with its mod-97 check), book numbers and barcodes (check digits),
//! carrier tracking numbers, references after a label in any of the
//! languages Handoff's users write (invoice, VAT, company, order, return,
//! serial, meter, policy, provider…), postal codes beside their town, and
//! code (`@Override`, `@angular/core`). They are recognised *before* the
//! contact scanners run and kept whole: a bookkeeper's instructions that
//! lose their IBAN to `[phone hidden]` are useless, and a reference masked
//! in half teaches owners to ignore masks.
//!
//! Payment card numbers (Luhn) are the exception: they are recognised the
//! same way and masked, as payment data.
//!
//! Every recogniser reads a bounded number of groups ahead of where it
//! starts, so the pass stays linear in the text.

mod around;
mod checks;
mod labels;

use super::lex::Word;
use super::{Hidden, Span};

/// A stretch of the folded text that no contact scanner may mask: byte
/// range, and whether it is surely an identifier (checked, or after its
/// label) or only a postcode, which an address may still take in.
#[derive(Clone, Copy)]
pub(crate) struct Kept {
    pub start: usize,
    pub end: usize,
    pub sure: bool,
}

/// Kept stretches merged and sorted, so a span's overlap is one binary
/// search (a text may hold thousands of both).
pub(crate) struct Stretches(Vec<(usize, usize)>);

impl Stretches {
    pub(crate) fn of(kept: impl Iterator<Item = Kept>) -> Self {
        let mut v: Vec<(usize, usize)> = kept.map(|k| (k.start, k.end)).collect();
        v.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(v.len());
        for (a, z) in v {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(z),
                _ => merged.push((a, z)),
            }
        }
        Stretches(merged)
    }

    pub(crate) fn overlaps(&self, start: usize, end: usize) -> bool {
        let k = self.0.partition_point(|(_, z)| *z <= start);
        self.0.get(k).is_some_and(|(a, _)| *a < end)
    }
}

fn sure(start: usize, end: usize) -> Kept {
    Kept {
        start,
        end,
        sure: true,
    }
}

/// At most this many groups make one identifier (`DE89 3704 0044 0532 0130
/// 00` is six; a long tracking number written in fours, six).
const MAX_GROUPS: usize = 12;

/// One identifier-shaped run: groups of ASCII letters and digits parted by
/// single separators (` `, `-`, `.`, `/`).
pub(super) struct Run {
    pub(super) groups: Vec<(usize, usize)>,
}

impl Run {
    pub(super) fn end(&self) -> usize {
        self.groups.last().map_or(0, |g| g.1)
    }
}

fn is_sep(c: u8) -> bool {
    matches!(c, b' ' | b'-' | b'.' | b'/')
}

/// The run starting at `start` (a letter or digit at a word's start).
/// Groups after the first join when they hold a digit or are short capitals
/// (`DE89 ABNA 0417…`), so a sentence's words are not read as part of it.
pub(super) fn read_run(b: &[u8], start: usize) -> Run {
    let mut groups = Vec::new();
    let mut i = start;
    while groups.len() < MAX_GROUPS {
        let g0 = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() && i - g0 < 34 {
            i += 1;
        }
        if i == g0 {
            break;
        }
        let g = &b[g0..i];
        let joins = groups.is_empty()
            || g.iter().any(u8::is_ascii_digit)
            || (g.len() <= 4 && g.iter().all(u8::is_ascii_uppercase));
        if !joins {
            break;
        }
        groups.push((g0, i));
        // One separator, then the next group must start right away.
        if i + 1 < b.len() && is_sep(b[i]) && b[i + 1].is_ascii_alphanumeric() {
            i += 1;
        } else {
            break;
        }
    }
    Run { groups }
}

/// The groups `from..to` of a run, without separators, upper-cased.
fn compact(b: &[u8], groups: &[(usize, usize)]) -> String {
    let mut s = String::with_capacity(40);
    for &(a, z) in groups {
        s.extend(b[a..z].iter().map(|c| c.to_ascii_uppercase() as char));
    }
    s
}

/// What an identifier-shaped run turns out to be.
enum Verdict {
    /// Keep these bytes whole.
    Keep(usize, usize),
    /// A postcode: no phone, but an address may take it in.
    Postcode(usize, usize),
    /// A payment card number: mask it.
    Card(usize, usize),
    None,
}

fn judge(t: &str, run: &Run) -> Verdict {
    let b = t.as_bytes();
    let g = &run.groups;
    let start = g[0].0;
    let plus = start > 0 && b[start - 1] == b'+';
    // An IBAN may start after a word of the run (`IBAN DE89…`) and stop
    // before the next (`… 00 BIC`): the longest checked stretch wins.
    for s in 0..g.len().min(3) {
        // Two letters, two digits: nothing else starts an IBAN.
        let head = &b[g[s].0..g[s].1.min(g[s].0 + 4)];
        let country = head.len() >= 2 && head[..2].iter().all(u8::is_ascii_alphabetic);
        if !country {
            continue;
        }
        for e in (s + 1..=g.len()).rev() {
            let c = compact(b, &g[s..e]);
            if checks::iban(&c) {
                return Verdict::Keep(g[s].0, g[e - 1].1);
            }
        }
    }
    let all = compact(b, g);
    if checks::tracking(&all) {
        return Verdict::Keep(start, run.end());
    }
    let digits_only = all.bytes().all(|c| c.is_ascii_digit());
    let hyphens = (1..g.len()).all(|k| b[g[k - 1].1] == b'-');
    if digits_only && !plus {
        let n = all.len();
        if (15..=19).contains(&n) && checks::card(&all) {
            return Verdict::Card(start, run.end());
        }
        // No phone number has more than fifteen digits (numbers parted by
        // spaces may be two phones in a row).
        if n > 15 && !seps_spaced(b, g) {
            return Verdict::Keep(start, run.end());
        }
        if (n == 13 && checks::ean13(&all) && !all.starts_with('0'))
            || (n == 13 && (all.starts_with("978") || all.starts_with("979")))
        {
            return Verdict::Keep(start, run.end());
        }
        // A Brazilian CEP is five digits, a hyphen and three: no phone is
        // written so.
        if g.len() == 2 && hyphens && g[0].1 - g[0].0 == 5 && g[1].1 - g[1].0 == 3 {
            return Verdict::Postcode(start, run.end());
        }
    }
    // Brazil's CPF and CNPJ, Indonesia's NPWP: digits parted by dots and
    // a dash or slash. Phone numbers keep one kind of separator.
    let seps: Vec<u8> = (1..g.len()).map(|k| b[g[k - 1].1]).collect();
    if digits_only && seps.contains(&b'.') && seps.iter().any(|c| matches!(c, b'-' | b'/')) {
        return Verdict::Keep(start, run.end());
    }
    // ISBN-10 written in its four hyphenated parts, or ending in `X`.
    let isbn_shape = (g.len() == 4 && hyphens) || all.ends_with('X');
    if isbn_shape && all.len() == 10 && checks::isbn10(&all) {
        return Verdict::Keep(start, run.end());
    }
    Verdict::None
}

/// Parted by spaces in groups of unequal length: perhaps two phone numbers
/// in a row. (A long reference is written in equal groups: `3525 0445 7812
/// 6900 0190…`.)
fn seps_spaced(b: &[u8], g: &[(usize, usize)]) -> bool {
    let len = |k: usize| g[k].1 - g[k].0;
    let equal = g.len() >= 5 && len(0) >= 3 && (1..g.len() - 1).all(|k| len(k) == len(0));
    !equal && (1..g.len()).any(|k| b[g[k - 1].1] == b' ')
}

/// Recognises identifiers in the folded text `t`: pushes what must stay
/// whole onto `kept` and the card numbers to mask onto `spans`.
pub(crate) fn identifiers(t: &str, words: &[Word], kept: &mut Vec<Kept>, spans: &mut Vec<Span>) {
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_alphanumeric() && (i == 0 || !b[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let run = read_run(b, i);
        let digits = run
            .groups
            .iter()
            .map(|&(a, z)| b[a..z].iter().filter(|c| c.is_ascii_digit()).count())
            .sum::<usize>();
        if digits >= 8 {
            match judge(t, &run) {
                Verdict::Keep(a, z) => kept.push(sure(a, z)),
                Verdict::Postcode(start, end) => kept.push(Kept {
                    start,
                    end,
                    sure: false,
                }),
                Verdict::Card(a, z) => spans.push(Span {
                    start: a,
                    end: z,
                    kind: Hidden::Card,
                }),
                Verdict::None => {}
            }
        }
        // Go on after the first group: a run may hold a word and a number.
        i = run.groups.first().map_or(i + 1, |g| g.1.max(i + 1));
    }
    around::labelled(t, words, kept);
    around::postcodes(t, kept);
    around::code(t, kept);
}

#[cfg(test)]
mod tests;
