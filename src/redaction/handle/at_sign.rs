//! Handles written with `@` (`@maria.g`, `＠sophie`), and what an `@` is
//! when it is no handle: a time, an e-mail, an annotation.

use super::*;

pub(super) fn handle_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c == b'-'
}

/// The end of a username starting at `start`.
pub(super) fn handle_end(b: &[u8], start: usize) -> usize {
    let mut end = start;
    while end < b.len() && end - start < 40 && handle_char(b[end]) {
        end += 1;
    }
    while end > start && matches!(b[end - 1], b'.' | b'-') {
        end -= 1;
    }
    // A Discord tag: `jane#1234`.
    if end > start && b.get(end) == Some(&b'#') {
        let digits = b[end + 1..]
            .iter()
            .take(5)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits == 4 {
            end += 5;
        }
    }
    end
}

pub(super) fn folded(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        crate::redaction::norm::fold_word_char(c, &mut s);
    }
    s
}

/// A time or amount rather than a name: `3pm`, `10h30`, `5`.
pub(super) fn time_like(t: &str) -> bool {
    let t = t.to_ascii_lowercase();
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit());
    (digits.len() < t.len()
        && matches!(
            digits,
            "am" | "pm" | "h" | "hr" | "hrs" | "ish" | "k" | "min" | "uhr"
        ))
        || (t.len() <= 5
            && t.bytes()
                .all(|c| c.is_ascii_digit() || c == b'.' || c == b':'))
}

pub(crate) fn at_sign(text: &str, spans: &mut Vec<Span>) {
    let b = text.as_bytes();
    for (at, _) in text.match_indices('@') {
        let before_ok =
            at == 0 || !(b[at - 1].is_ascii_alphanumeric() || b"._%+-".contains(&b[at - 1]));
        let end = handle_end(b, at + 1);
        let name = &text[at + 1..end];
        if before_ok
            && name.len() >= 2
            && name.bytes().any(|c| c.is_ascii_alphabetic())
            && !time_like(name)
            && !is_common(&folded(name))
        {
            spans.push(Span {
                start: at,
                end,
                kind: Hidden::Handle,
            });
        }
    }
    // `u/maria_g` (Reddit) and `$MariaG` (a payment tag).
    for (k, _) in text.match_indices(['/', '$']) {
        let start = k + 1;
        let end = handle_end(b, start);
        let name = &text[start..end];
        // LinkedIn's profile path without its domain: `/in/erik-lund`.
        let profile = b[k] == b'/'
            && k >= 3
            && b[k - 3..k].eq_ignore_ascii_case(b"/in")
            && (k == 3 || !b[k - 4].is_ascii_alphanumeric())
            && name.len() >= 3;
        if profile {
            spans.push(Span {
                start: k - 3,
                end,
                kind: Hidden::Handle,
            });
            continue;
        }
        let ok = if b[k] == b'/' {
            k >= 1
                && b[k - 1].eq_ignore_ascii_case(&b'u')
                && (k < 2 || !b[k - 2].is_ascii_alphanumeric())
                && name.len() >= 3
        } else {
            (k == 0 || !b[k - 1].is_ascii_alphanumeric())
                && name.len() >= 3
                && b[start].is_ascii_alphabetic()
                && !name.bytes().all(|c| c.is_ascii_uppercase())
                && !is_common(&folded(name))
        };
        if ok {
            spans.push(Span {
                start: k.saturating_sub(usize::from(b[k] == b'/')),
                end,
                kind: Hidden::Handle,
            });
        }
    }
}
