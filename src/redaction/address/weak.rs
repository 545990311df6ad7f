//! Anchors that are addresses only with what follows them: a street
//! written without its type (`Masarykova 32`, `Ερμού 54`, `Meir 54`), or a
//! flat alone (`Flat 302, Sai Residency, …`), confirmed by a postcode of
//! digits (or, for a street, a flat) after it. `Chapter 5` or `Flat 4 is
//! the blue door` stay.

use super::words::{is_month, is_unit, FLATS, FUNCTION_WORDS, NOT_BEFORE_NUMBER, SIDES};
use super::{alphabetic, has_digit, house_number, Scan};
use crate::redaction::lex::is_common;

/// What must follow a weak anchor for it to be an address.
#[derive(Clone, Copy)]
pub(super) enum Needs {
    /// A postcode that is not a year (`lidická 42, 602 00 brno`, never
    /// `tarihim 23 … 2009`).
    Postcode,
    PostcodeOrFlat,
}

impl super::extent::Grown {
    pub(super) fn meets(self, needs: Needs) -> bool {
        match needs {
            Needs::Postcode => self.postcode && !self.year,
            Needs::PostcodeOrFlat => self.postcode || self.unit,
        }
    }
}

impl Scan<'_> {
    /// A street's name without type and its number, or a flat and its
    /// number: (first, last, what must follow).
    pub(super) fn weak(&self, i: usize) -> Option<(usize, usize, Needs)> {
        let t = self.tok(i)?;
        let next = self.tok(i + 1)?;
        // `Flat 302`, `shop no 5`, `Sector 62`.
        if FLATS.contains(&t.text) {
            let k = if matches!(next.text, "no" | "nº" | "nr") {
                i + 2
            } else {
                i + 1
            };
            let v = self.tok(k)?;
            let value = has_digit(v.text) && v.text.chars().count() <= 5;
            let fine = value && self.gap(k - 1).len() <= 3 && self.number_ends(k);
            return fine.then_some((i, k, Needs::Postcode));
        }
        let number = house_number(next.text)
            && next.text.bytes().take_while(u8::is_ascii_digit).count() <= 4;
        // The number first: most words are followed by none.
        if number && self.gap(i) == " " {
            let raw = &self.text[t.start..t.end];
            let acronym = raw.chars().all(char::is_uppercase);
            // `Poggio Alto 14`: an everyday word may end a rarer name.
            let rare = !is_common(t.text)
                || (i > 0
                    && self.gap(i - 1) == " "
                    && self.toks[i - 1].cap
                    && alphabetic(self.toks[i - 1].text)
                    && !is_common(self.toks[i - 1].text));
            let name = !acronym
                && !is_month(t.text)
                && alphabetic(t.text)
                && t.text.chars().count() >= 3
                && rare
                && !FUNCTION_WORDS.contains(&t.text)
                && !NOT_BEFORE_NUMBER.contains(&t.text)
                && !is_unit(t.text)
                && !SIDES.contains(&t.text);
            if name && self.number_ends(i + 1) {
                // In lower case (`lidická 42, 602 00 brno`) only with a
                // postcode after it.
                let needs = if t.cap {
                    Needs::PostcodeOrFlat
                } else {
                    Needs::Postcode
                };
                if t.cap || t.text.chars().count() >= 4 {
                    return Some((i, i + 1, needs));
                }
            }
        }
        // `112 Civil Lines\nJaipur 302006`: number and name, no type.
        if house_number(t.text) && self.free_number(i) && self.gap(i) == " " {
            let mut last = i;
            while last < i + 3
                && self
                    .tok(last + 1)
                    .is_some_and(|w| w.cap && alphabetic(w.text))
                && self.gap(last) == " "
            {
                last += 1;
            }
            let names = &self.toks[i + 1..=last];
            let rare = names.iter().any(|w| !is_common(w.text));
            // `20 Ağustos 1953`, `25 IV 1961`: a date, not a street.
            let dated = names.iter().any(|w| is_month(w.text) || roman(w.text));
            if last > i && rare && !dated {
                return Some((i, last, Needs::Postcode));
            }
        }
        None
    }

    /// The number at `k` ends there or goes on as a house number does
    /// (`1511/230`, `41.`, `5,`), not as a time, an amount, a decimal, a
    /// range or a longer reference (`3.14`, `1500-2000`, `10045 67890`).
    fn number_ends(&self, k: usize) -> bool {
        let rest = &self.text[self.toks[k].end..];
        let mut chars = rest.chars();
        let (first, second) = (chars.next(), chars.next());
        let joined = matches!(first, Some('-' | '–' | '.' | ':' | ','))
            && second.is_some_and(|c| c.is_ascii_digit());
        // `458/2023`: a file of a year, not `1511/230`.
        let of_year = first == Some('/')
            && rest[1..].bytes().take_while(u8::is_ascii_digit).count() == 4
            && (rest[1..].starts_with("19") || rest[1..].starts_with("20"));
        let digits_follow = self
            .tok(k + 1)
            .is_some_and(|n| has_digit(n.text) && self.gap(k) == " ");
        // `24/08/1960`, `1.3.2024`: a date.
        let date = {
            let b = rest.as_bytes();
            let sep = |c: u8| matches!(c, b'/' | b'.' | b'-');
            let n = b.iter().skip(1).take_while(|c| c.is_ascii_digit()).count();
            b.first().copied().is_some_and(sep)
                && (1..=2).contains(&n)
                && b.get(1 + n).copied().is_some_and(sep)
                && b.get(2 + n).is_some_and(u8::is_ascii_digit)
        };
        !joined && !of_year && !date && !digits_follow && !rest.starts_with(['%', '€', '$'])
    }
}

/// A Roman numeral of a month (`IV`, `XII`), as Polish dates write it.
fn roman(t: &str) -> bool {
    matches!(
        t,
        "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix" | "x" | "xi" | "xii"
    )
}
