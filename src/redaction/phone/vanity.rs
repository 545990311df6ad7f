//! Vanity numbers: `1-800-GET-DUCT`, `0800 FLOWERS`, `(888) 555-CAKE`.
//! Digits then capitals, ten in all (seven after a toll-free prefix), the
//! way the keypad's letters are written on a van.

use crate::redaction::{Hidden, Span};

pub(crate) fn vanity(text: &str, spans: &mut Vec<Span>) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let opens = (b[i].is_ascii_digit() || b[i] == b'(')
            && (i == 0 || !b[i - 1].is_ascii_alphanumeric());
        if !opens {
            i += 1;
            continue;
        }
        // Groups of digits, then groups of capitals (digits may follow the
        // word: `555-CAKE1`), parted by one of ` - . ( )`.
        let (mut k, mut digits, mut letters, mut groups) = (i, 0, 0, 0);
        let mut end = i;
        while k < b.len() && groups < 8 && k - i < 30 {
            while k < b.len() && matches!(b[k], b'(' | b')' | b' ' | b'-' | b'.') && k - end < 2 {
                k += 1;
            }
            let g = k;
            while k < b.len() && (b[k].is_ascii_digit() || b[k].is_ascii_uppercase()) {
                if b[k].is_ascii_digit() {
                    digits += 1;
                } else {
                    letters += 1;
                }
                k += 1;
            }
            if k == g {
                break;
            }
            groups += 1;
            end = k;
        }
        let word_ends = end == b.len() || !b[end].is_ascii_alphanumeric();
        let total = digits + letters;
        let lead_one = b[i] == b'1';
        let fits =
            total == 10 || (lead_one && total == 11) || (total == 7 && letters >= 4 && digits == 3);
        if word_ends
            && letters >= 3
            && digits >= 3
            && fits
            && b[i..end].iter().filter(|c| c.is_ascii_uppercase()).count() == letters
        {
            // The letters come after the digits: `A4-100-200` is a size.
            let first_letter = b[i..end]
                .iter()
                .position(u8::is_ascii_uppercase)
                .unwrap_or(0);
            // A dash joins digits and word, as on a van (`500 DKK MOMS` is
            // money).
            let dashed = first_letter > 0 && b[i + first_letter - 1] == b'-';
            if dashed
                && b[i..i + first_letter]
                    .iter()
                    .filter(|c| c.is_ascii_digit())
                    .count()
                    >= 3
            {
                spans.push(Span {
                    start: i,
                    end,
                    kind: Hidden::Phone,
                });
                i = end;
                continue;
            }
        }
        i = end.max(i + 1);
    }
}
