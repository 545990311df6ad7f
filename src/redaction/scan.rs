//! The scanners behind `redact`. Each pushes byte spans of the input; they
//! only ever start and end on ASCII characters, so spans are always on
//! `char` boundaries.

use super::{Hidden, Span};

const TLDS: &[&str] = &[
    "com", "net", "org", "io", "co", "me", "ly", "app", "dev", "us", "uk", "ca", "de", "fr", "es",
    "it", "nl", "au", "nz", "in", "ph", "info", "biz", "link", "xyz", "site", "online", "shop",
    "store", "page", "live", "tv", "ai", "gg", "to", "ws", "edu", "gov", "ie", "br", "mx",
];

const MAIL_HOSTS: &[&str] = &[
    "gmail",
    "googlemail",
    "yahoo",
    "outlook",
    "hotmail",
    "live",
    "icloud",
    "me",
    "aol",
    "proton",
    "protonmail",
    "gmx",
    "mail",
    "zoho",
    "fastmail",
    "yandex",
];

const HANDLE_PLATFORMS: &[&str] = &[
    "instagram",
    "insta",
    "ig",
    "telegram",
    "tg",
    "snapchat",
    "snap",
    "tiktok",
    "twitter",
    "facebook",
    "fb",
    "whatsapp",
    "signal",
    "skype",
    "discord",
    "linkedin",
    "venmo",
    "cashapp",
    "threads",
    "bluesky",
];

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn is_tld(label: &str) -> bool {
    TLDS.contains(&label)
}

/// The client's own values, whole, case-insensitively, at word boundaries.
pub(super) fn client_values(text: &str, values: &[&str], spans: &mut Vec<Span>) {
    let hay = text.as_bytes();
    for value in values {
        let needle = value.trim().as_bytes();
        if value.trim().chars().count() < 3 {
            continue;
        }
        let mut i = 0;
        while i + needle.len() <= hay.len() {
            let window = &hay[i..i + needle.len()];
            let bounded = (i == 0 || !is_word(hay[i - 1]))
                && (i + needle.len() == hay.len() || !is_word(hay[i + needle.len()]));
            if bounded && window.eq_ignore_ascii_case(needle) {
                spans.push(Span {
                    start: i,
                    end: i + needle.len(),
                    kind: Hidden::ClientDetail,
                });
                i += needle.len();
            } else {
                i += 1;
            }
        }
    }
}

/// `http(s)://…` and `www.…` links, and bare domains such as `maria.com`.
pub(super) fn urls(text: &str, spans: &mut Vec<Span>) {
    let b = text.as_bytes();
    let lower = text.to_ascii_lowercase();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii() {
            i += 1;
            continue;
        }
        let starts_word = i == 0 || !is_word(b[i - 1]);
        let rest = &lower[i..];
        if starts_word
            && (rest.starts_with("http://")
                || rest.starts_with("https://")
                || rest.starts_with("www."))
        {
            let mut end = i;
            while end < b.len() && !b[end].is_ascii_whitespace() && !b"<>\"'".contains(&b[end]) {
                end += 1;
            }
            while end > i && b".,;:!?)]}".contains(&b[end - 1]) {
                end -= 1;
            }
            spans.push(Span {
                start: i,
                end,
                kind: Hidden::Link,
            });
            i = end;
            continue;
        }
        // Bare domain: label(.label)+ ending in a known TLD typed in lower case.
        if starts_word && b[i].is_ascii_alphanumeric() && (i == 0 || b[i - 1] != b'@') {
            let mut end = i;
            while end < b.len()
                && (b[end].is_ascii_alphanumeric() || b[end] == b'-' || b[end] == b'.')
            {
                end += 1;
            }
            let mut token = &text[i..end];
            while token.ends_with('.') {
                token = &token[..token.len() - 1];
            }
            let followed_by_at = b.get(i + token.len()) == Some(&b'@');
            if let Some((head, tld)) = token.rsplit_once('.') {
                let has_letter = head.bytes().any(|c| c.is_ascii_alphabetic());
                if is_tld(tld)
                    && has_letter
                    && !head.is_empty()
                    && !head.ends_with('.')
                    && !followed_by_at
                {
                    let mut stop = i + token.len();
                    // Keep a path: maria.com/book
                    if b.get(stop) == Some(&b'/') {
                        while stop < b.len() && !b[stop].is_ascii_whitespace() {
                            stop += 1;
                        }
                        while stop > i && b".,;:!?)]}".contains(&b[stop - 1]) {
                            stop -= 1;
                        }
                    }
                    spans.push(Span {
                        start: i,
                        end: stop,
                        kind: Hidden::Link,
                    });
                    i = stop;
                    continue;
                }
            }
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
}

/// `name@domain.tld`.
pub(super) fn emails(text: &str, spans: &mut Vec<Span>) {
    let b = text.as_bytes();
    // Non-ASCII letters count in the local part, so `maría@…` goes whole.
    let local = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c) || c >= 0x80;
    let domain = |c: u8| c.is_ascii_alphanumeric() || c == b'.' || c == b'-';
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        while start > 0 && local(b[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < b.len() && domain(b[end]) {
            end += 1;
        }
        while end > at + 1 && (b[end - 1] == b'.' || b[end - 1] == b'-') {
            end -= 1;
        }
        let host = &text[at + 1..end];
        let tld_ok = host
            .rsplit_once('.')
            .is_some_and(|(_, tld)| tld.len() >= 2 && tld.bytes().all(|c| c.is_ascii_alphabetic()));
        if start < at && tld_ok {
            spans.push(Span {
                start,
                end,
                kind: Hidden::Email,
            });
        }
    }
}

/// A word of the text with its byte span, lower-cased.
struct Word {
    start: usize,
    end: usize,
    text: String,
}

/// Words (runs of ASCII letters and digits) and the `@` and `.` signs, the
/// alphabet of spelled-out addresses and numbers.
fn words(text: &str) -> Vec<Word> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_alphanumeric() || b[i] == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Word {
                start,
                end: i,
                text: text[start..i].to_ascii_lowercase(),
            });
        } else {
            if b[i] == b'@' || b[i] == b'.' {
                out.push(Word {
                    start: i,
                    end: i + 1,
                    text: (b[i] as char).to_string(),
                });
            } else if b[i] >= 0x80 {
                // A non-ASCII letter breaks a spelled address like a word would.
                out.push(Word {
                    start: i,
                    end: i,
                    text: String::from("\u{0}"),
                });
                while i + 1 < b.len() && b[i + 1] >= 0x80 && b[i + 1] < 0xC0 {
                    i += 1;
                }
            }
            i += 1;
        }
    }
    out
}

fn is_at(w: &str) -> bool {
    w == "at" || w == "@"
}

fn is_dot(w: &str) -> bool {
    w == "dot" || w == "."
}

fn is_name(w: &str) -> bool {
    !w.is_empty()
        && w.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
        && !is_at(w)
        && !is_dot(w)
}

/// `maria at gmail dot com`, `maria (at) gmail (dot) com`, `maria@gmail dot com`.
pub(super) fn spelled_emails(text: &str, spans: &mut Vec<Span>) {
    let w = words(text);
    let mut i = 0;
    while i < w.len() {
        if !is_name(&w[i].text) {
            i += 1;
            continue;
        }
        // local part: name (dot name)*
        let start = i;
        let mut j = i + 1;
        while j + 1 < w.len()
            && w[j].text == "."
            && is_name(&w[j + 1].text)
            && w[j].start == w[j - 1].end
        {
            j += 2;
        }
        if j < w.len() && is_at(&w[j].text) && j + 1 < w.len() && is_name(&w[j + 1].text) {
            let mut k = j + 2;
            let mut last = j + 1;
            let mut spelled = w[j].text == "at";
            while k + 1 < w.len() && is_dot(&w[k].text) && is_name(&w[k + 1].text) {
                spelled |= w[k].text == "dot";
                last = k + 1;
                k += 2;
            }
            // "Book at thebookshop.co" is a link, not an address: a spelled
            // "at" with written dots counts only before a mail provider.
            let dots_spelled = (j + 2..last).step_by(2).any(|d| w[d].text == "dot");
            let mail_host = MAIL_HOSTS.contains(&w[j + 1].text.as_str());
            let spelled = spelled && (dots_spelled || mail_host || w[j].text == "@");
            if last > j + 1 && spelled && is_tld(&w[last].text) {
                spans.push(Span {
                    start: w[start].start,
                    end: w[last].end,
                    kind: Hidden::Email,
                });
                i = last + 1;
                continue;
            }
        }
        i += 1;
    }
    // A spelled bare domain: `mariaphoto dot com`.
    for k in 1..w.len().saturating_sub(1) {
        if w[k].text == "dot"
            && is_name(&w[k - 1].text)
            && is_tld(&w[k + 1].text)
            && w[k - 1].text != "at"
        {
            spans.push(Span {
                start: w[k - 1].start,
                end: w[k + 1].end,
                kind: Hidden::Link,
            });
        }
    }
}

/// `@maria_g` and `insta: maria_g`, `my IG is maria.g88`.
pub(super) fn handles(text: &str, spans: &mut Vec<Span>) {
    let b = text.as_bytes();
    let handle_char = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'.';
    for (at, _) in text.match_indices('@') {
        let before_ok =
            at == 0 || !(b[at - 1].is_ascii_alphanumeric() || b"._%+-".contains(&b[at - 1]));
        let mut end = at + 1;
        while end < b.len() && handle_char(b[end]) {
            end += 1;
        }
        while end > at + 1 && b[end - 1] == b'.' {
            end -= 1;
        }
        if before_ok && end - at > 2 {
            spans.push(Span {
                start: at,
                end,
                kind: Hidden::Handle,
            });
        }
    }
    let w = words(text);
    for k in 0..w.len() {
        if !HANDLE_PLATFORMS.contains(&w[k].text.as_str()) {
            continue;
        }
        // platform ":" handle | platform "is" handle | platform "handle is" handle
        let mut j = k + 1;
        let colon = text[w[k].end..].trim_start().starts_with(':');
        while j < w.len()
            && matches!(
                w[j].text.as_str(),
                "is" | "handle" | "name" | "username" | "id" | "account"
            )
        {
            j += 1;
        }
        if j >= w.len() || (j == k + 1 && !colon) {
            continue;
        }
        let start = w[j].start;
        let mut end = start;
        while end < b.len() && handle_char(b[end]) {
            end += 1;
        }
        while end > start && b[end - 1] == b'.' {
            end -= 1;
        }
        let token = &text[start..end];
        let looks_like_handle = token.len() >= 3
            && (colon
                || token
                    .bytes()
                    .any(|c| c.is_ascii_digit() || c == b'_' || c == b'.'));
        if looks_like_handle {
            spans.push(Span {
                start,
                end,
                kind: Hidden::Handle,
            });
        }
    }
}

/// Phone numbers written with digits: international (`+44 20 7946 0958`),
/// local with separators (`555-0142`, `(555) 014-2233`), or ten or eleven
/// digits in a row. Dates, prices, order and invoice numbers are left alone.
pub(super) fn phones(text: &str, spans: &mut Vec<Span>) {
    let b = text.as_bytes();
    let sep = |c: u8| b" -.()/".contains(&c);
    let mut i = 0;
    while i < b.len() {
        let opens = b[i].is_ascii_digit()
            || (b[i] == b'+' && b.get(i + 1).is_some_and(|c| c.is_ascii_digit()))
            || (b[i] == b'(' && b.get(i + 1).is_some_and(|c| c.is_ascii_digit()));
        if !opens {
            i += 1;
            continue;
        }
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        let prev2 = if i > 1 { b[i - 2] } else { b' ' };
        let glued = prev.is_ascii_alphanumeric()
            || b"#$_".contains(&prev)
            || (matches!(prev, b'-' | b'/' | b'.') && prev2.is_ascii_alphanumeric())
            || prev >= 0x80;
        let start = i;
        let mut end = i;
        let mut groups: Vec<usize> = Vec::new();
        let mut current = 0usize;
        let mut seps = Vec::new();
        // Separators count only once a digit follows them ("555-0142." ends
        // a sentence, it is not a decimal).
        let mut pending: Vec<u8> = Vec::new();
        let mut j = i;
        if b[j] == b'+' {
            j += 1;
        }
        while j < b.len() {
            let c = b[j];
            if c.is_ascii_digit() {
                current += 1;
                seps.extend(pending.drain(..).filter(|s| *s != b' '));
                end = j + 1;
            } else if sep(c) && pending.len() < 2 {
                if current > 0 {
                    groups.push(current);
                    current = 0;
                }
                pending.push(c);
            } else {
                break;
            }
            j += 1;
        }
        if current > 0 {
            groups.push(current);
        }
        let digits: usize = groups.iter().sum();
        let next = b.get(end).copied().unwrap_or(b' ');
        let trailing_glue = next.is_ascii_alphabetic() || next == b'%';
        let plus = b[start] == b'+';
        let date_like = digits == 8
            && groups.len() == 3
            && (groups == [4, 2, 2] || groups[2] == 4 && groups[0] <= 2 && groups[1] <= 2)
            && seps.iter().all(|s| matches!(s, b'/' | b'.' | b'-'));
        let decimal = seps.contains(&b'.') && groups.len() == 2;
        // 2024-0415: a year-led reference, not a phone.
        let year_led = digits == 8
            && groups.first() == Some(&4)
            && matches!(&text[start..start + 2], "19" | "20");
        let reference = preceding_word(text, start).is_some_and(|w| {
            matches!(
                w.as_str(),
                "invoice"
                    | "order"
                    | "ticket"
                    | "ref"
                    | "reference"
                    | "case"
                    | "receipt"
                    | "tracking"
                    | "account"
                    | "iban"
            )
        });
        let phone = !glued
            && !trailing_glue
            && !date_like
            && !decimal
            && !year_led
            && !reference
            && if plus {
                (8..=15).contains(&digits)
            } else if groups.len() == 1 {
                (10..=11).contains(&digits)
            } else {
                // UK mobiles group 5 + 6 (07927 679893).
                (7..=15).contains(&digits) && groups.iter().all(|g| *g <= 6)
            };
        if phone {
            spans.push(Span {
                start,
                end,
                kind: Hidden::Phone,
            });
        }
        i = end.max(i + 1);
    }
}

/// The word just before `at` (skipping spaces and `#`, `:`), lower-cased.
fn preceding_word(text: &str, at: usize) -> Option<String> {
    let b = text.as_bytes();
    let mut end = at;
    while end > 0 && matches!(b[end - 1], b' ' | b'#' | b':') {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && b[start - 1].is_ascii_alphabetic() {
        start -= 1;
    }
    (start < end).then(|| text[start..end].to_ascii_lowercase())
}

fn digit_word(w: &str) -> Option<usize> {
    match w {
        "zero" | "oh" | "o" | "one" | "two" | "three" | "four" | "five" | "six" | "seven"
        | "eight" | "nine" => Some(1),
        _ if w.bytes().all(|c| c.is_ascii_digit()) && !w.is_empty() && w.len() <= 4 => {
            Some(w.len())
        }
        _ => None,
    }
}

/// Phone numbers spelled out, whole or in part: `five five five, oh one four two`.
pub(super) fn spelled_phones(text: &str, spans: &mut Vec<Span>) {
    let w = words(text);
    let mut i = 0;
    while i < w.len() {
        let mut j = i;
        let mut digits = 0;
        let mut spelled = 0;
        while j < w.len() {
            let t = w[j].text.as_str();
            if let Some(n) = digit_word(t) {
                digits += n;
                if !t.as_bytes()[0].is_ascii_digit() {
                    spelled += 1;
                }
                j += 1;
            } else if matches!(t, "double" | "triple")
                && j + 1 < w.len()
                && digit_word(&w[j + 1].text) == Some(1)
            {
                digits += if t == "double" { 2 } else { 3 };
                spelled += 1;
                j += 2;
            } else if t == "." && j > i {
                j += 1;
            } else {
                break;
            }
        }
        let last = (i..j).rev().find(|k| w[*k].text != ".");
        if let (Some(last), true) = (last, digits >= 7 && spelled >= 3) {
            spans.push(Span {
                start: w[i].start,
                end: w[last].end,
                kind: Hidden::Phone,
            });
            i = j;
        } else {
            i += 1;
        }
    }
}
