//! Postal addresses in free text (R1: an address is a contact detail,
//! whoever it belongs to). A client who writes "we are now at 14 Rosewood
//! Close, flat 4, Leeds LS6 2QT" has given a new address that no stored
//! value knows.
//!
//! An address is found by an anchor, a shape that means a street or a post
//! box in some language's convention:
//! - house number, name, street type: `12 Oak Street`, `221B Baker St`;
//! - street type, name, house number: `Calle Mayor 12`, `Via Roma, 10`,
//!   `ul. Długa 5`; or number then type then name: `12 rue de la Paix`;
//! - a street type glued or after the name, number after:
//!   `Hauptstraße 5`, `Berliner Str. 12`, `Keizersgracht 123`;
//! - a post box: `PO Box 12`, `Postfach 1234`, `Apartado de correos 45`;
//! - a postcode whose shape alone says so: `SW1A 1AA`, `K1A 0B1`,
//!   `Springfield, IL 62704`, `1012 AB Amsterdam`;
//! - the street and block numbers of Chinese, Japanese and Korean.
//!
//! From an anchor the mask grows over what continues the address: flats,
//! floors and sides before or after (`Flat 4`, `3º izq`, `2. OG`), and a
//! postcode with its town (`10115 Berlin`, `Leeds LS6 2QT`). A flat, a
//! floor or a numeric postcode alone is no address (`Room 101`, `Platform
//! 4`, `Floor 3`), nor a town or a country. Every step looks at a bounded
//! number of words, so time stays linear.

mod boxes;
mod extent;
mod streets;
mod weak;
mod words;

use super::lex::{is_common, Word, PLATFORMS};
use super::{Hidden, Span};
use words::*;

/// A word of the folded text: letters or digits only.
pub(super) struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// Written with a capital (or a digit) first.
    pub cap: bool,
}

pub(crate) fn addresses(text: &str, words: &[Word], spans: &mut Vec<Span>) {
    let toks: Vec<Tok> = words
        .iter()
        .filter(|w| w.is_alnum())
        .map(|w| Tok {
            start: w.start,
            end: w.end,
            text: &w.text,
            // Scripts without case (Arabic, Hebrew, Chinese…) count as
            // capitals: their names are not told from words by case.
            cap: text[w.start..]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_lowercase()),
        })
        .collect();
    if !toks.iter().any(|t| has_digit(t.text)) {
        return;
    }
    extent::east_asian(text, spans);
    let s = Scan { text, toks: &toks };
    // Every anchor has a number within a few words after its start (a
    // street type is at most five name words and a `nº` from it): words
    // farther from any digit are not looked at.
    let mut next_digit = vec![usize::MAX; toks.len() + 1];
    for i in (0..toks.len()).rev() {
        next_digit[i] = if has_digit(toks[i].text) {
            i
        } else {
            next_digit[i + 1]
        };
    }
    for (i, next) in next_digit.iter().take(toks.len()).enumerate() {
        // How far the next number is decides which anchors can start here.
        let d = next.saturating_sub(i);
        if d > 9 {
            continue;
        }
        let found = (if d == 0 { s.number_first(i) } else { None })
            .or_else(|| s.type_first(i))
            .or_else(|| if d <= 3 { s.number_after(i) } else { None })
            .or_else(|| if d <= 4 { s.post_box(i) } else { None })
            .or_else(|| if d <= 2 { s.postcode(i) } else { None });
        if let Some((first, last)) = found {
            let first = s.grow_back(first);
            let (last, _) = s.grow(last);
            spans.push(Span {
                start: toks[first].start,
                end: toks[last].end,
                kind: Hidden::Address,
            });
        } else if let Some((first, last, needs)) = if d <= 2 { s.weak(i) } else { None } {
            // A street written without its type (`Masarykova 32`, `Meir
            // 54`) or a flat alone is an address only when a postcode
            // (or a flat) follows it.
            let (last, confirmed) = s.grow(last);
            if confirmed.meets(needs) {
                spans.push(Span {
                    start: toks[first].start,
                    end: toks[last].end,
                    kind: Hidden::Address,
                });
            }
        }
    }
}

/// What a street's name must look like after its type.
#[derive(Clone, Copy)]
pub(super) enum Naming {
    /// A capital or a word that is not an everyday one.
    Usual,
    /// The first word with a capital: after a type that is short or a
    /// word of its own (`Corso Buenos Aires`, `ul. Długa`).
    Capital,
    /// The first word with a capital and not an everyday word: after a type
    /// that is an English word too (`Via Roma`, not `via email`).
    Rare,
    /// The first word not an everyday word nor a platform's name, in any
    /// case: after an ambiguous type written in lower case.
    Uncommon,
    /// Any word but a function word: after `at`, `to`, `address`, or an
    /// unambiguous type (`calle`, `rua`, `ulica`).
    Any,
}

fn is_platform(t: &str) -> bool {
    PLATFORMS.contains(&t)
}

/// How the name after a type written before it must look.
pub(super) fn naming_after(kind: &str) -> Naming {
    if ENGLISH_TYPES.contains(&kind) {
        Naming::Rare
    } else if BEFORE_NAME_AMBIGUOUS.contains(&kind) {
        Naming::Capital
    } else {
        Naming::Usual
    }
}

pub(super) struct Scan<'a> {
    pub text: &'a str,
    pub toks: &'a [Tok<'a>],
}

/// `gap` with its runs of spaces and tabs as one space, for the usual
/// separators; any other gap as written.
fn spaced(gap: &str) -> &str {
    if !gap.contains("  ") && !gap.contains('\t') {
        return gap;
    }
    let core: String = gap.chars().filter(|c| !matches!(c, ' ' | '\t')).collect();
    let lead = gap.starts_with([' ', '\t']);
    let trail = gap.ends_with([' ', '\t']);
    match (core.as_str(), lead, trail) {
        ("", _, _) => " ",
        (",", false, true) => ", ",
        (",", _, _) => ",",
        (".", false, true) => ". ",
        (".", _, _) => ".",
        ("-", _, _) => "-",
        ("/", _, _) => "/",
        ("#", _, _) => " # ",
        (":", false, true) => ": ",
        ("\n", _, _) => "\n",
        ("،", _, _) => "، ",
        _ => gap,
    }
}

pub(super) fn has_digit(t: &str) -> bool {
    t.bytes().any(|c| c.is_ascii_digit())
}

pub(super) fn digits(t: &str) -> bool {
    !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit())
}

/// A house number: `12`, `221b`, `7bis`; never 0 or six digits.
pub(super) fn house_number(t: &str) -> bool {
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &t[n..];
    (1..=5).contains(&n)
        && !t.starts_with('0')
        && (rest.is_empty() || (rest.len() == 1 && rest != "h") || rest == "bis" || rest == "ter")
}

pub(super) fn alphabetic(t: &str) -> bool {
    t.chars().all(char::is_alphabetic)
}

/// `5th`, `42nd`: a street may be named by its ordinal.
pub(super) fn ordinal(t: &str) -> bool {
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    n > 0 && matches!(&t[n..], "st" | "nd" | "rd" | "th")
}

impl Scan<'_> {
    pub(super) fn tok(&self, i: usize) -> Option<&Tok<'_>> {
        self.toks.get(i)
    }

    /// The text between tokens `a` and `a + 1`, with runs of spaces and
    /// tabs read as one space (`16    Thornbury   Gardens`, pasted from a
    /// form).
    pub(super) fn gap(&self, a: usize) -> &str {
        match (self.toks.get(a), self.toks.get(a + 1)) {
            (Some(x), Some(y)) => spaced(&self.text[x.end..y.start]),
            _ => "",
        }
    }

    /// Words of a street's name from `i`: at most `max`, capitals (or not
    /// everyday words; or any, after a word such as `at`), particles
    /// between. Returns the last index.
    pub(super) fn name(&self, i: usize, max: usize, how: Naming) -> Option<usize> {
        let mut last = None;
        let mut named = false;
        let mut k = i;
        while k < self.toks.len() && k < i + max {
            let t = &self.toks[k];
            if k > i && !matches!(self.gap(k - 1), " " | "-" | "'" | "’") {
                break;
            }
            if PARTICLES.contains(&t.text) {
                k += 1;
                continue;
            }
            let word = alphabetic(t.text) || ordinal(t.text);
            // An ambiguous type asks it of the name's first word only:
            // `Av. Insurgentes Sur 1602`.
            // A lower-case word after a capitalised name is the sentence
            // going on (`Avenida Paulista fecha às 22h`); in scripts without
            // case a name is at most three words.
            let caseless =
                !self.text[t.start..].starts_with(|c: char| c.is_lowercase() || c.is_uppercase());
            let went_on = named && self.toks[k - 1].cap && !t.cap;
            if went_on || (caseless && k >= i + 3) {
                break;
            }
            let fine = match how {
                Naming::Any => !FUNCTION_WORDS.contains(&t.text),
                Naming::Capital if !named => t.cap,
                Naming::Rare if !named => t.cap && !is_common(t.text),
                Naming::Uncommon if !named => !is_common(t.text) && !is_platform(t.text),
                _ => t.cap || !is_common(t.text),
            };
            if !word || !fine {
                break;
            }
            named = true;
            last = Some(k);
            k += 1;
        }
        last.filter(|_| named)
    }

    /// Whether the number at `i` is written as a house number would be:
    /// not part of a time, a price, an amount or a decimal, not after a
    /// word that numbers something else (`Room 12`).
    pub(super) fn free_number(&self, i: usize) -> bool {
        let t = &self.toks[i];
        let before = self.text[..t.start].chars().next_back();
        // `2/15 Smith St`: flat 2 of number 15.
        let flat = before == Some('/') && i > 0 && house_number(self.toks[i - 1].text);
        if before.is_some_and(|c| ":.,/$€£#+-".contains(c)) && !flat {
            return false;
        }
        let after = self.text[t.end..].chars().next();
        if after.is_some_and(|c| "%:".contains(c)) {
            return false;
        }
        if i > 0 {
            let prev = self.toks[i - 1].text;
            let year = t.text.len() == 4 && prev == "in";
            if year || NOT_BEFORE_NUMBER.contains(&prev) {
                return false;
            }
        }
        true
    }

    /// `12 Oak Street`, `221B Baker St`, `5th Avenue`-style: number, name,
    /// type. Or `12 rue de la Paix`: number, type, name.
    fn number_first(&self, i: usize) -> Option<(usize, usize)> {
        let t = self.tok(i)?;
        if !house_number(t.text) || !self.free_number(i) {
            return None;
        }
        let mut j = i + 1;
        // A range of numbers: `12-14 Oak Street`.
        if self.tok(j).is_some_and(|n| house_number(n.text)) && matches!(self.gap(i), "-" | "–") {
            j += 1;
        }
        // `8 bis avenue Jean Jaurès`.
        if self.tok(j).is_some_and(|w| matches!(w.text, "bis" | "ter")) && self.gap(j - 1) == " " {
            j += 1;
        }
        if !matches!(self.gap(j - 1), " " | ", " | ",") {
            return None;
        }
        let first = self.tok(j)?;
        // `12 rue de la Paix`, `3 bd Haussmann`: after a number, a type's
        // short form needs no full stop.
        if is_before_name(first.text) && first.text.chars().count() > 1 {
            let how = naming_after(first.text);
            if self.gap(j) == " " {
                if let Some(last) = self.name(j + 1, 5, how) {
                    return Some((i, last));
                }
            }
        }
        // After `at`, `to`, `address`… a lower-case street is still one:
        // `we're now at 12 oak road`.
        let cued = i > 0 && ADDRESS_CUES.contains(&self.toks[i - 1].text);
        let last_name = self.name(j, 4, if cued { Naming::Any } else { Naming::Usual })?;
        for k in (j + 1)..=(last_name + 1).min(self.toks.len() - 1) {
            let w = &self.toks[k];
            let Some(strong) = after_name(w.text) else {
                continue;
            };
            if !matches!(self.gap(k - 1), " " | ", ") {
                return None;
            }
            let names = &self.toks[j..k];
            let all_caps = names.iter().all(|n| n.cap);
            if names.iter().any(|n| MEASURES.contains(&n.text)) {
                return None;
            }
            let rare = names.iter().any(|n| !is_common(n.text) && !ordinal(n.text));
            let fine = if strong {
                all_caps || cued
            } else {
                (all_caps && (w.cap || w.text.len() <= 3)) || (rare && cued)
            };
            let start = if self.flat_before(i) { i - 1 } else { i };
            return fine.then_some((start, k));
        }
        None
    }

    pub(super) fn flat_before(&self, i: usize) -> bool {
        i > 0 && self.gap(i - 1) == "/" && house_number(self.toks[i - 1].text)
    }
}
