//! Identifiers known by what stands around them: a label before a
//! reference, a town after a postcode, code around an `@`.

use super::labels::{self, is_label_word};
use super::{read_run, sure, Kept};
use crate::redaction::lex::Word;

/// A reference after its label, in any supported language: `Rechnungsnr.
/// 2024-117`, `n° de facture FA 2023 0417`, `NIP 526-104-08-28`,
/// `注文番号：4500-1234`. The whole reference is kept, never half of it.
pub(super) fn labelled(t: &str, words: &[Word], kept: &mut Vec<Kept>) {
    let b = t.as_bytes();
    // Only words with a digit a few words on can label anything: the
    // others are not looked up.
    let mut digit_at = usize::MAX;
    let mut near = vec![false; words.len()];
    for (k, w) in words.iter().enumerate().rev() {
        if w.text.bytes().any(|c| c.is_ascii_digit()) {
            digit_at = k;
        }
        near[k] = digit_at.saturating_sub(k) <= 8;
    }
    for (k, w) in words.iter().enumerate() {
        if !near[k] {
            continue;
        }
        // `PO Box 3321` is an address, not a purchase order.
        let po_box = w.is("po") && words.get(k + 1).is_some_and(|n| n.is("box"));
        if !is_label_word(&w.text) || po_box {
            continue;
        }
        // A postcode's label keeps it from the phone scanner only.
        let postcode = matches!(
            w.text.as_ref(),
            "cep" | "plz" | "zip" | "postcode" | "cp" | "cap"
        );
        // Fillers between the label and its value: `no.`, `nr`, `#`, `:`.
        let mut j = k + 1;
        let mut pos = w.end;
        let mut extra = 0;
        while j < words.len() && j <= k + 5 {
            let f = &words[j];
            // One word of the label's own (`CPF do titular:`, `RCS Lyon B`,
            // `ID spotkania Teams`), never a digit or a phone's word.
            // Or a script without case (Arabic, Chinese): `السجل التجاري`.
            let capital = t[f.start..]
                .starts_with(|c: char| c.is_uppercase() || (!c.is_ascii() && !c.is_lowercase()));
            let own = extra < 2
                && t[pos..f.start].bytes().all(|c| c == b' ')
                && f.is_alnum()
                && !f.text.bytes().any(|c| c.is_ascii_digit())
                && !crate::redaction::phone::is_phone_word(&f.text)
                && (extra == 0 || capital)
                && words.get(j + 1).is_some_and(|n| {
                    let raw = &t[n.start..n.end];
                    let code = raw.len() <= 2 && raw.bytes().all(|c| c.is_ascii_uppercase());
                    let digit = raw.as_bytes()[0].is_ascii_digit();
                    n.is(":") || labels::is_filler(&n.text) || (capital && (digit || code))
                });
            if labels::is_filler(&f.text) {
                pos = f.end;
            } else if own {
                extra += 1;
                pos = f.end;
            } else {
                break;
            }
            j += 1;
        }
        // The value starts after spaces and signs such as `#`, `:`, `°`.
        let mut v = pos;
        for c in t[pos..].chars().take(6) {
            let sign = matches!(
                c,
                ' ' | '#' | ':' | '.' | '-' | '°' | 'º' | '：' | '№' | '='
            );
            if !sign {
                break;
            }
            v += c.len_utf8();
        }
        if v >= b.len() || !b[v].is_ascii_alphanumeric() {
            continue;
        }
        let run = read_run(b, v);
        let has_digit = run
            .groups
            .iter()
            .any(|&(a, z)| b[a..z].iter().any(u8::is_ascii_digit));
        // `LINE ID: jane88` is a handle: a reference is digits and capitals.
        let no_lower = run
            .groups
            .iter()
            .all(|&(a, z)| !b[a..z].iter().any(u8::is_ascii_lowercase));
        // A postcode's label keeps a postcode's shape only: `Cep:` is
        // Brazil's postcode and Turkey's mobile.
        let digits: usize = run
            .groups
            .iter()
            .map(|&(a, z)| b[a..z].iter().filter(|c| c.is_ascii_digit()).count())
            .sum();
        let shaped = !postcode || ((4..=8).contains(&digits) && run.groups.len() <= 2);
        if has_digit && no_lower && shaped {
            kept.push(Kept {
                start: v,
                end: run.end(),
                sure: !postcode,
            });
        }
    }
}

/// A postcode shaped like a short phone number, beside its town:
/// `1000-001 Lisboa`, `CEP 01310-100`. (Postcodes too short to be read as
/// phones need nothing.)
pub(super) fn postcodes(t: &str, kept: &mut Vec<Kept>) {
    let b = t.as_bytes();
    for (h, _) in t.match_indices('-') {
        let left = b[..h]
            .iter()
            .rev()
            .take(6)
            .take_while(|c| c.is_ascii_digit())
            .count();
        let right = b[h + 1..]
            .iter()
            .take(4)
            .take_while(|c| c.is_ascii_digit())
            .count();
        let (a, z) = (h - left, h + 1 + right);
        let bounded = (a == 0 || !b[a - 1].is_ascii_alphanumeric() && b[a - 1] != b'-')
            && (z == b.len() || !b[z].is_ascii_alphanumeric() && b[z] != b'-');
        if !(bounded && (4..=5).contains(&left) && right == 3) {
            continue;
        }
        // A capitalised word (the town) right after.
        let town = t[z..]
            .strip_prefix(' ')
            .and_then(|r| r.chars().next())
            .is_some_and(char::is_uppercase);
        if town {
            kept.push(Kept {
                start: a,
                end: z,
                sure: false,
            });
        }
    }
    // Japan's postal mark: `〒150-0002`.
    for (m, _) in t.match_indices('〒') {
        let from = m + '〒'.len_utf8();
        let len = t[from..]
            .bytes()
            .take(9)
            .take_while(|c| c.is_ascii_digit() || matches!(c, b'-' | b' '))
            .count();
        if len >= 7 {
            kept.push(Kept {
                start: from,
                end: from + len,
                sure: false,
            });
        }
    }
}

/// Code: an annotation or at-rule (`@Override`, `@media`, `@Component(`),
/// a package scope (`@angular/core`, `@types/node`).
pub(super) fn code(t: &str, kept: &mut Vec<Kept>) {
    let b = t.as_bytes();
    for (at, _) in t.match_indices('@') {
        if at > 0 && b[at - 1].is_ascii_alphanumeric() {
            continue;
        }
        let mut end = at + 1;
        while end < b.len()
            && end - at < 40
            && (b[end].is_ascii_alphanumeric() || matches!(b[end], b'_' | b'-' | b'.'))
        {
            end += 1;
        }
        let name = &t[at + 1..end];
        if name.is_empty() {
            continue;
        }
        let next = b.get(end).copied().unwrap_or(b' ');
        let scope = next == b'/' && b.get(end + 1).is_some_and(|c| c.is_ascii_lowercase());
        let call = next == b'(';
        if scope || call || labels::is_annotation(name) {
            let mut z = end;
            if scope {
                z += 1;
                while z < b.len()
                    && z - end < 60
                    && (b[z].is_ascii_alphanumeric() || matches!(b[z], b'_' | b'-' | b'.' | b'/'))
                {
                    z += 1;
                }
            }
            kept.push(sure(at, z));
        }
    }
}
