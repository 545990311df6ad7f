//! Phone numbers: international, national with any separators (`030 /
//! 1234567`, `555_014_2233`, `555 - 014 - 2233`), local numbers of Europe
//! and Asia-Pacific without a country code, two groups, extensions, a
//! number broken over a line. Dates,
//! times, money, versions, IP addresses, lists of sizes or rooms and numbers
//! after a label (order, invoice, ticket…) are not phones.

use std::borrow::Cow;

use super::link::before;
use super::norm::fold_word_char;
use super::{Hidden, Span};

mod shape;
mod vanity;
mod words;

pub(crate) use vanity::vanity;
pub(crate) use words::is_phone_word;
use words::{is_currency, is_label};

use shape::{extension, extension_word, read_run, structured, value, Run};

/// Han, kana, Hangul and full-width forms: scripts written without spaces.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// The nearest words before `at`, nearest first, lower-cased.
fn prev_words(text: &str, at: usize) -> impl Iterator<Item = Cow<'_, str>> {
    before(text, at, 48)
        .split(|c: char| !(c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .rev()
        .take(4)
        .map(|w| {
            if w.bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            {
                Cow::Borrowed(w)
            } else {
                // `Teléfono`, `Móvil`: folded like every other word.
                let mut f = String::with_capacity(w.len());
                w.chars().for_each(|c| fold_word_char(c, &mut f));
                Cow::Owned(f)
            }
        })
}

fn next_word(text: &str, at: usize) -> String {
    // A few spaces at most: the scan stays bounded whatever follows.
    let rest = &text[at..];
    let spaces = rest.bytes().take(4).take_while(|c| *c == b' ').count();
    rest[spaces..]
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .take(12)
        .collect::<String>()
        .to_lowercase()
}

/// What the words before a number say it is.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    Phone,
    Label,
    Money,
    None,
}

fn context(text: &str, start: usize) -> Context {
    let b = text.as_bytes();
    let mut k = start;
    while k > 0 && b[k - 1] == b' ' {
        k -= 1;
    }
    // The sign itself, not a byte of it: `på` ends in the byte `¥` ends in.
    if text[..k].ends_with(['$', '£', '€', '¥']) {
        return Context::Money;
    }
    // `Kd.-Nr. 1234 5678`: a number word after anything but a phone word or
    // a possessive is a reference.
    let mut numbered = false;
    let mut spelled_number = false;
    for w in prev_words(text, start) {
        if is_phone_word(&w) {
            return Context::Phone;
        }
        let possessive = matches!(
            w.as_ref(),
            "my" | "your"
                | "our"
                | "his"
                | "her"
                | "the"
                | "mein"
                | "meine"
                | "mi"
                | "mon"
                | "ma"
                | "su"
                | "is"
                | "ist"
                | "es"
                | "est"
                | "new"
                | "neue"
                | "nueva"
                | "nouveau"
                // Polish `pod nr`: at the number.
                | "pod"
        );
        if (numbered || spelled_number) && possessive {
            return Context::Phone;
        }
        // `my number 91234567`; `number` after anything else says nothing.
        spelled_number = matches!(w.as_ref(), "number" | "nummer" | "numero");
        if numbered && !w.bytes().all(|c| c.is_ascii_digit()) {
            return Context::Label;
        }
        // `No. 123` is a reference; `me chama no 98123…` is Portuguese.
        let bare_no = w == "no" && !before(text, start, 8).trim_end().ends_with(['.', ':', '#']);
        numbered |= matches!(w.as_ref(), "no" | "nr" | "nº" | "nro" | "num") && !bare_no;
        // German compounds: Kundennr., Bestellnummer (not Telefonnummer).
        let compound = (w.ends_with("nr") || w.ends_with("nummer"))
            && !["telefon", "handy", "mobil", "fax", "tel", "ruf"]
                .iter()
                .any(|p| w.starts_with(p));
        if is_label(&w) || (compound && w.len() > 6) {
            return Context::Label;
        }
        if is_currency(&w) {
            return Context::Money;
        }
        if !matches!(
            w.as_ref(),
            "no" | "nr"
                | "nº"
                | "nro"
                | "n"
                | "num"
                | "number"
                | "the"
                | "is"
                | "my"
                | "our"
                | "your"
                | "at"
                | "on"
                | "to"
                | "unter"
                | "au"
                | "al"
                | "es"
                | "ist"
                | "est"
                | "de"
                | "under"
        ) {
            // Only the nearest real word counts, beyond fillers like `no.`.
            if !w.bytes().all(|c| c.is_ascii_digit()) {
                break;
            }
        }
    }
    Context::None
}

/// What the shape of a number says.
#[derive(PartialEq)]
enum Shape {
    Phone,
    NotPhone,
    /// One group of seven to nine digits with nothing around it: a phone
    /// in some countries (`20123456` in Denmark), a reference elsewhere.
    /// The numbering plans of the workspace and the client decide.
    Unsure,
}

fn shape(text: &str, run: &Run, n: usize, ctx: Context) -> Shape {
    let verdict = |phone: bool| if phone { Shape::Phone } else { Shape::NotPhone };
    let groups = &run.groups[..n];
    let len = |g: &(usize, usize)| g.1 - g.0;
    let digits: usize = groups.iter().map(len).sum();
    let first = &text[groups[0].0..groups[0].1];
    let gap = |k: usize| &text[groups[k - 1].1..groups[k].0];
    let gaps: Vec<&str> = (1..n).map(gap).collect();
    if ctx == Context::Money || (ctx == Context::Label && !run.plus) {
        return Shape::NotPhone;
    }
    if run.plus || (first.starts_with("00") && digits >= 10) {
        // After `+`, a country must exist (libphonenumber's calling codes).
        let mut all: String = groups.iter().map(|g| &text[g.0..g.1]).collect();
        if !run.plus {
            all.drain(..2);
        }
        let country = ctx == Context::Phone || super::plans::assigned_code(&all);
        return verdict((8..=15).contains(&digits) && country);
    }
    let phone_ctx = ctx == Context::Phone;
    if n == 1 {
        let phone = (10..=11).contains(&digits)
            || (digits == 9 && matches!(first.as_bytes()[0], b'0' | b'6' | b'7' | b'9'))
            || (phone_ctx && (7..=12).contains(&digits));
        return match phone {
            true => Shape::Phone,
            false if (7..=9).contains(&digits) => Shape::Unsure,
            false => Shape::NotPhone,
        };
    }
    if !(7..=15).contains(&digits) || groups.iter().any(|g| len(g) > 8) {
        return Shape::NotPhone;
    }
    // India writes 98765 43210 and 098765 43210.
    if groups.len() >= 2 && len(&groups[0]) > 5 && !phone_ctx && !first.starts_with('0') {
        return Shape::NotPhone;
    }
    let trimmed: Vec<&str> = gaps.iter().map(|g| g.trim()).collect();
    if n == 2 && len(&groups[0]) == 4 && len(&groups[1]) == 4 {
        let v = (value(text, groups[0]), value(text, groups[1]));
        let year = |y: u32| (1900..=2100).contains(&y);
        let time = |t: u32| t <= 2400 && t % 100 < 60;
        // Years, year-led references (2024-5567) and time ranges.
        if (1990..=2039).contains(&v.0)
            || (year(v.0) && (year(v.1) || trimmed[0].is_empty()))
            || (time(v.0) && time(v.1) && matches!(trimmed[0], "-" | ""))
        {
            return Shape::NotPhone;
        }
    }
    if n == 2 && trimmed[0] == "-" {
        let (l0, l1) = (len(&groups[0]), len(&groups[1]));
        let (v0, v1) = (value(text, groups[0]), value(text, groups[1]));
        // ZIP+4 (62704-1234) and ranges (10000-15000).
        if (l0 == 5 && l1 == 4) || (l0 == l1 && l0 >= 5 && v0 < v1 && !first.starts_with('0')) {
            return Shape::NotPhone;
        }
    }
    // Decimals, IP addresses, versions, thousands.
    if n == 2 && trimmed[0] == "." {
        return Shape::NotPhone;
    }
    Shape::Phone
}

/// Numbers written with digits.
pub(crate) fn digits(text: &str, regions: &[String], spans: &mut Vec<Span>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let opens = c.is_ascii_digit()
            || (c == b'+'
                && b.get(i + 1)
                    .is_some_and(|d| d.is_ascii_digit() || *d == b' '))
            || (c == b'('
                && b.get(i + 1)
                    .is_some_and(|d| d.is_ascii_digit() || *d == b'+'));
        if !opens {
            i += 1;
            continue;
        }
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        let prev2 = if i > 1 { b[i - 2] } else { b' ' };
        // Chinese and Japanese glue numbers to words: `携帯は090-1234-5678です`.
        let cjk_before = prev >= 0x80 && text[..i].chars().next_back().is_some_and(is_cjk);
        let glued = prev.is_ascii_alphanumeric()
            || b"#$_%+=*".contains(&prev)
            // `INV-2024…`, `ref/123`, `1.5`, `10:30`; but `Tel:0171…` and
            // `Mob.0171…` are a label and its number.
            || (matches!(prev, b'-' | b'/') && prev2.is_ascii_alphanumeric())
            || (matches!(prev, b'.' | b',' | b':') && prev2.is_ascii_digit())
            || (prev >= 0x80 && !cjk_before);
        let run = read_run(b, i);
        let Some(&(_, last_end)) = run.groups.last() else {
            i += 1;
            continue;
        };
        // A digit run longer than any phone is a reference: skip it whole.
        if run.groups.iter().any(|g| g.1 - g.0 >= 12) {
            i = last_end;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            continue;
        }
        if glued {
            // Skip the whole glued number: `INV-2024-0415-7781`.
            i = run.groups[0].1.max(i + 1);
            continue;
        }
        let ctx = context(text, i);
        let mut found = None;
        // `6.5.0.1.2.3.4.5.6`: one digit at a time is a number spelled out.
        let singles = run.groups.len() >= 7 && run.groups.iter().all(|g| g.1 - g.0 == 1);
        if singles && ctx != Context::Label && ctx != Context::Money {
            spans.push(Span {
                start: i,
                end: last_end,
                kind: Hidden::Phone,
            });
            i = last_end;
            continue;
        }
        let structured = structured(text, &run);
        let first_gap_spaced =
            run.groups.len() > 1 && text[run.groups[0].1..run.groups[1].0].trim().is_empty();
        let has_ext = extension(b, last_end) > last_end;
        for n in (1..=run.groups.len()).rev() {
            if structured {
                break;
            }
            // Only the whole run, or a run cut where a space parts numbers.
            if n < run.groups.len() && !first_gap_spaced {
                continue;
            }
            let end = run.groups[n - 1].1;
            let next = b.get(end).copied().unwrap_or(b' ');
            let whole = n == run.groups.len();
            let cjk_after = next >= 0x80 && text[end..].chars().next().is_some_and(is_cjk);
            if whole
                && ((next.is_ascii_alphabetic() && !extension_word(text, end))
                    || next == b'%'
                    || (next >= 0x80 && !cjk_after))
            {
                continue;
            }
            let after = next_word(text, end);
            if is_currency(&after)
                || matches!(after.as_str(), "am" | "pm" | "h" | "uhr" | "min" | "hrs")
            {
                continue;
            }
            let digits: usize = run.groups[..n].iter().map(|g| g.1 - g.0).sum();
            let local_number = || {
                let all: String = run.groups[..n].iter().map(|g| &text[g.0..g.1]).collect();
                super::plans::valid_in(&all, regions)
            };
            let shape = shape(text, &run, n, ctx);
            if shape == Shape::Phone
                || (shape == Shape::Unsure && local_number())
                || (has_ext && whole && digits >= 7 && ctx != Context::Label)
            {
                found = Some(end);
                break;
            }
        }
        match found {
            Some(end) => {
                let end = extension(b, end);
                spans.push(Span {
                    start: i,
                    end,
                    kind: Hidden::Phone,
                });
                i = end;
            }
            None if structured || !first_gap_spaced => i = last_end.max(i + 1),
            None => {
                // Try again from the next group: `size 3 555 0142 2233`.
                i = run.groups.get(1).map_or(last_end, |g| g.0).max(i + 1);
            }
        }
    }
}
