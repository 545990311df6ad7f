//! Postcodes that are anchors by their shape, the block numbers of Chinese,
//! Japanese and Korean addresses, and how far an address reaches around its
//! anchor.

use super::words::*;
use super::{alphabetic, digits, has_digit, house_number, Scan};
use crate::redaction::{Hidden, Span};

/// `SW1A`, `LS6`, `M1`: a British postcode's first half.
fn uk_outward(t: &str) -> bool {
    let letters = t.bytes().take_while(u8::is_ascii_alphabetic).count();
    let rest = &t.as_bytes()[letters..];
    (1..=2).contains(&letters)
        && is_uk_area(&t[..letters])
        && (1..=2).contains(&rest.len())
        && rest[0].is_ascii_digit()
        && rest.get(1).is_none_or(u8::is_ascii_alphanumeric)
}

/// `D02`, `H91`, `D6W`: an Irish Eircode's routing key.
fn eircode_key(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 3
        && b[0].is_ascii_alphabetic()
        && b[1].is_ascii_digit()
        && (b[2].is_ascii_digit() || t == "d6w")
}

/// `1AA`: a British postcode's second half (never C, I, K, M, O, V).
fn uk_inward(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 3
        && b[0].is_ascii_digit()
        && b[1..].iter().all(|c| b"abdefghjlnpqrstuwxyz".contains(c))
        && !matches!(&t[1..], "gb" | "tb")
}

/// `K1A`, `0B1`: the halves of a Canadian postal code.
fn ca_half(t: &str, letter_first: bool) -> bool {
    let b = t.as_bytes();
    let letter = |c: &u8| c.is_ascii_alphabetic() && !b"dfioqu".contains(c);
    b.len() == 3
        && if letter_first {
            letter(&b[0]) && b[1].is_ascii_digit() && letter(&b[2])
        } else {
            b[0].is_ascii_digit() && letter(&b[1]) && b[2].is_ascii_digit()
        }
}

/// Two letters that read as something else beside a number: `2024 AD`,
/// `10 PM`, `500 GB`.
const NOT_NL_LETTERS: &[&str] = &[
    "sa", "sd", "ss", "ad", "bc", "am", "pm", "ce", "ok", "gb", "tb", "mb", "kb", "kg", "km", "cm",
    "mm", "ml", "hp", "hz", "pc", "tv", "uk", "us", "eu",
];

/// A postcode in a town's line: `10115`, `1012`, `01310`, `LS6`, `2QT`,
/// `D02`, `X285`.
fn postcode_part(t: &str) -> bool {
    if digits(t) {
        return (4..=6).contains(&t.len());
    }
    (2..=4).contains(&t.len()) && has_digit(t) && t.bytes().all(|c| c.is_ascii_alphanumeric())
}

impl Scan<'_> {
    /// Postcodes whose shape is an address: British, Canadian, American
    /// with its state, Dutch with its town, Japanese after `〒`.
    pub(super) fn postcode(&self, i: usize) -> Option<(usize, usize)> {
        let t = self.tok(i)?;
        let next = self.tok(i + 1);
        let joined = matches!(self.gap(i), " " | "");
        let upper = |k: usize| {
            self.text[self.toks[k].start..self.toks[k].end]
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase())
        };
        // British: `SW1A 1AA`, `LS6 2QT`; an ordinal's look-alike (`M1
        // 1ST`) only in capitals.
        if uk_outward(t.text) && joined && next.is_some_and(|n| uk_inward(n.text)) {
            let ordinal_like = matches!(&next?.text[1..], "st" | "nd" | "rd" | "th");
            if !ordinal_like || (upper(i) && upper(i + 1)) {
                return Some((i, i + 1));
            }
        }
        if (5..=7).contains(&t.text.len()) && t.text.is_ascii() {
            let (out, inward) = t.text.split_at(t.text.len() - 3);
            if uk_outward(out) && uk_inward(inward) && upper(i) {
                return Some((i, i));
            }
        }
        // Canadian: `K1A 0B1`.
        if ca_half(t.text, true)
            && matches!(self.gap(i), " " | "" | "-")
            && next.is_some_and(|n| ca_half(n.text, false))
        {
            return Some((i, i + 1));
        }
        // American: `Springfield, IL 62704(-1234)`.
        if t.text.len() == 2 && is_us_state(t.text) && upper(i) && i > 0 {
            let town = self.toks[i - 1].cap || self.gap(i - 1).contains(',');
            let zip = next.filter(|n| digits(n.text) && n.text.len() == 5 && self.gap(i) == " ");
            if town && zip.is_some() {
                let plus4 = self
                    .tok(i + 2)
                    .is_some_and(|p| digits(p.text) && p.text.len() == 4 && self.gap(i + 1) == "-");
                return Some((i, if plus4 { i + 2 } else { i + 1 }));
            }
        }
        // Australian: `Kyogle NSW 2474`.
        if AU_STATES.contains(&t.text) && upper(i) && i > 0 {
            let code = next.filter(|n| digits(n.text) && n.text.len() == 4 && self.gap(i) == " ");
            if code.is_some() && (self.toks[i - 1].cap || self.gap(i - 1).contains(',')) {
                return Some((i, i + 1));
            }
        }
        // Irish Eircodes: `D02 X285`, `H91 T6C3` (in capitals).
        if eircode_key(t.text) && upper(i) && self.gap(i) == " " {
            let id = next.filter(|n| {
                n.text.len() == 4
                    && n.text.bytes().all(|c| c.is_ascii_alphanumeric())
                    && n.text.bytes().any(|c| c.is_ascii_alphabetic())
                    && n.text.bytes().any(|c| c.is_ascii_digit())
            });
            if id.is_some() && upper(i + 1) {
                return Some((i, i + 1));
            }
        }
        // Dutch: `1012 AB Amsterdam`.
        if digits(t.text) && t.text.len() == 4 && !t.text.starts_with('0') && joined {
            let letters = next.filter(|n| {
                n.text.len() == 2 && alphabetic(n.text) && !NOT_NL_LETTERS.contains(&n.text)
            });
            let town = self.tok(i + 2).is_some_and(|w| w.cap && alphabetic(w.text));
            if letters.is_some() && upper(i + 1) && town && self.gap(i + 1) == " " {
                return Some((i, i + 1));
            }
        }
        // Japanese blocks in Latin letters: `3-14-2 Nishi-Shinjuku`.
        let short = |k: usize| {
            self.tok(k)
                .is_some_and(|w| digits(w.text) && w.text.len() <= 3)
        };
        if short(i) && short(i + 1) && short(i + 2) && self.gap(i) == "-" && self.gap(i + 1) == "-"
        {
            let named = self.tok(i + 3).is_some_and(|w| w.cap && alphabetic(w.text));
            if named && self.gap(i + 2) == " " && (i == 0 || self.gap(i - 1) != "-") {
                return Some((i, i + 2));
            }
        }
        // Japanese: `〒150-0002`.
        if self.text[..t.start].trim_end().ends_with('〒') && digits(t.text) {
            let four = next.is_some_and(|n| digits(n.text) && self.gap(i) == "-");
            return Some((i, if four { i + 1 } else { i }));
        }
        None
    }

    /// Continues an address after token `last`: flats, floors, sides, and a
    /// postcode with the town before it (`, Flat 4, Leeds LS6 2QT`). Towns
    /// are masked only on the way to a postcode. Says what it took.
    pub(super) fn grow(&self, last: usize) -> (usize, Grown) {
        let anchor = last;
        let mut last = last;
        let mut grown = Grown::default();
        let mut k = last + 1;
        // Never more than sixteen words past the anchor, and at most ten
        // past the last part taken (a town of several words, an Indian
        // locality): time stays linear.
        while k < self.toks.len() && k <= last + 10 && k <= anchor + 16 {
            if !self.continues(k - 1) {
                break;
            }
            let w = &self.toks[k];
            let value = |j: usize| {
                self.tok(j).is_some_and(|v| {
                    (has_digit(v.text) && v.text.chars().count() <= 5)
                        || v.text.chars().count() == 1
                }) && self.gap(j - 1).len() <= 3
            };
            // `flat 4`, `shop no 5`.
            let numbered = self
                .tok(k + 1)
                .is_some_and(|n| matches!(n.text, "no" | "nº" | "nr"));
            let skip = usize::from(numbered);
            if is_unit(w.text) && value(k + 1 + skip) {
                last = k + 1 + skip;
                k += 2 + skip;
                grown.unit |= FLATS.contains(&w.text);
            } else if has_digit(w.text)
                && w.text.chars().count() <= 4
                && self.tok(k + 1).is_some_and(|s| SIDES.contains(&s.text))
            {
                // `3rd floor`, `2. OG`, `3º izq`, `3 tr`.
                last = k + 1;
                k += 2;
                grown.unit = true;
            } else if postcode_part(w.text)
                || self.two_part_postcode(k)
                || (is_unit_value(w.text) && k == anchor + 1)
            {
                let numeric = digits(w.text) && (4..=6).contains(&w.text.len());
                let two_part = self.two_part_postcode(k);
                grown.postcode |= numeric || two_part;
                grown.year |= !two_part
                    && w.text.len() == 4
                    && (w.text.starts_with("19") || w.text.starts_with("20"));
                last = k;
                k += 1;
                // `01310-100`, `00-950`, `114 85`: a postcode in two parts.
                if self
                    .tok(k)
                    .is_some_and(|p| digits(p.text) && (2..=4).contains(&p.text.len()))
                    && matches!(self.gap(k - 1), "-" | " ")
                {
                    last = k;
                    k += 1;
                }
                // `1012 AB`: letters after a Dutch postcode.
                if self
                    .tok(k)
                    .is_some_and(|p| p.text.len() == 2 && alphabetic(p.text) && p.cap)
                    && self.gap(k - 1) == " "
                    && digits(w.text)
                {
                    last = k;
                    k += 1;
                }
            } else if SIDES.contains(&w.text) && k == last + 1 {
                last = k;
                k += 1;
            } else if is_month(w.text) {
                // `23 Temmuz 2009`: a date goes on, not an address.
                break;
            } else if POSTCODE_LABELS.contains(&w.text)
                || BEFORE_POSTCODE.contains(&w.text)
                || (w.cap && alphabetic(w.text))
                || (w.text.len() == 2 && is_us_state(w.text))
            {
                // A town, a state or a postcode's label: only if a postcode
                // follows.
                k += 1;
            } else {
                break;
            }
        }
        (last, grown)
    }

    /// `00-590`, `1100-053`, `01310-100`: a postcode written in two parts.
    fn two_part_postcode(&self, k: usize) -> bool {
        let (Some(a), Some(b)) = (self.tok(k), self.tok(k + 1)) else {
            return false;
        };
        let (la, lb) = (a.text.len(), b.text.len());
        digits(a.text)
            && digits(b.text)
            && match self.gap(k) {
                "-" => (2..=5).contains(&la) && (3..=4).contains(&lb),
                // `114 85`, `100 00`: Swedish, Czech, Slovak, Greek.
                " " => la == 3 && lb == 2,
                _ => false,
            }
    }

    /// Flats and floors written before the street: `Flat 4, 12 Oak Road`,
    /// `3rd floor, 12 Oak Road`.
    pub(super) fn grow_back(&self, first: usize) -> usize {
        let mut first = first;
        for _ in 0..2 {
            if first < 2 || !self.continues(first - 1) {
                break;
            }
            let (a, b) = (&self.toks[first - 2], &self.toks[first - 1]);
            let unit_then_value = is_unit(a.text) && is_unit_value(b.text);
            let value_then_side = has_digit(a.text) && SIDES.contains(&b.text);
            if (unit_then_value || value_then_side) && self.gap(first - 2).len() <= 3 {
                first -= 2;
            } else {
                break;
            }
        }
        first
    }

    /// Whether the text between tokens `a` and `a + 1` keeps one address
    /// going: commas, spaces, one line break, `#`, `/`, `-`, and a full stop
    /// after an abbreviation or a floor's number (`St.`, `Apt.`, `2.`).
    fn continues(&self, a: usize) -> bool {
        let gap = self.gap(a);
        let t = self.toks[a].text;
        let dot_ok = t.len() <= 4 && (alphabetic(t) || digits(t));
        gap.len() <= 4
            && gap.matches('\n').count() <= 1
            && gap.chars().all(|c| {
                matches!(
                    c,
                    ' ' | ',' | '-' | '–' | '/' | '#' | '\n' | '\r' | '\t' | 'º' | '°' | '،'
                ) || (c == '.' && dot_ok)
                    || (c == ':' && matches!(t, "no" | "nr"))
            })
    }
}

/// What an address's mask took beyond its anchor.
#[derive(Clone, Copy, Default)]
pub(super) struct Grown {
    /// A postcode of digits (`10115`, `602 00`, `01310-100`).
    pub postcode: bool,
    /// A flat, floor or side.
    pub unit: bool,
    /// The postcode could be a year (`2009`): not enough for a weak anchor
    /// that needs a postcode.
    pub year: bool,
}

/// A flat's number or letter: `4`, `4B`, `12`, `B`.
fn is_unit_value(t: &str) -> bool {
    (has_digit(t) && t.len() <= 4) || (t.len() == 1 && alphabetic(t)) || house_number(t)
}

/// Chinese and Japanese addresses (`建国路88号`, `渋谷2-21-1`,
/// `3丁目`), Korean road numbers (`테헤란로 152`): these scripts write
/// without spaces, so the mask covers the number and the few signs before
/// it that name the road or block.
pub(crate) fn east_asian(text: &str, spans: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_digit() {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len() && (bytes[at].is_ascii_digit() || bytes[at] == b'-') {
            at += 1;
        }
        let before = &text[..start];
        let after = &text[at..];
        let groups = text[start..at].split('-').filter(|g| !g.is_empty()).count();
        let prev = before.trim_end_matches(' ').chars().next_back();
        let road = prev
            .is_some_and(|c| matches!(c, '路' | '街' | '道' | '巷' | '弄' | '段' | '로' | '길'));
        let lot = after.starts_with("丁目") || after.starts_with("番地");
        let marked = after.starts_with(['号', '號', '번']) || lot;
        // `2-21-1` after a place's name, `12-3` after a town (`町`); not a
        // date (`2024-01-15`).
        let short = text[start..at].split('-').all(|g| g.len() <= 3);
        let town = prev.is_some_and(|c| matches!(c, '町' | '目' | '村' | '丁'));
        let block = short && ((groups >= 3 && prev.is_some_and(is_cjk)) || (groups >= 2 && town));
        // `3丁目`, `12番地`: a block's or lot's number.
        let numbered = lot && prev.is_some_and(is_cjk);
        if road || block || numbered {
            // A few signs back: the road's or block's name.
            let from = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| is_cjk(*c) || *c == ' ')
                .take(6)
                .last()
                .map_or(start, |(i, _)| i);
            let end = at
                + after
                    .chars()
                    .next()
                    .filter(|_| marked)
                    .map_or(0, char::len_utf8);
            spans.push(Span {
                start: from,
                end,
                kind: Hidden::Address,
            });
        }
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}
