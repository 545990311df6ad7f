//! E-mail addresses, written (`jane@gmail.com`, `jane @ gmail . com`,
//! `jane@gmail,com`, `jane@gmail`) and spelled out (`jane (at) gmail (dot)
//! com`, `jane dot doe at gmail dot co dot uk`, `jane at gmail dotcom`).

use std::borrow::Cow;

use super::lex::{is_common, is_mail_brand, is_mail_host, Word};
use super::link::is_tld;
use super::{Hidden, Span};

fn local_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"._%+-'".contains(&c) || c >= 0x80
}

fn label_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'-'
}

/// `gmaildotcom`, `dotcom`: a spelled dot run into the top-level domain.
fn glued_tld(label: &str) -> bool {
    (2..=6).any(|n| {
        label.len() > n + 3
            && label.is_char_boundary(label.len() - n)
            && is_tld(&label[label.len() - n..])
            && [
                "dot", "punkt", "punto", "point", "punt", "ponto", "kropka", "nokta", "titik",
            ]
            .iter()
            .any(|d| label[..label.len() - n].ends_with(d))
    })
}

fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

pub(crate) fn written(text: &str, spans: &mut Vec<Span>) {
    let b = text.as_bytes();
    for (at, _) in text.match_indices('@') {
        // Local part, allowing one space before the sign.
        let mut s = at;
        // `jane @gmail.com`, but not `my threads is @sara`.
        let spaced = s >= 2 && b[s - 1] == b' ' && local_char(b[s - 2]) && {
            let mut word_start = s - 1;
            while word_start > 0
                && s - 1 - word_start < 24
                && b[word_start - 1].is_ascii_alphanumeric()
            {
                word_start -= 1;
            }
            !is_common(&lower(&text[word_start..s - 1]))
        };
        if spaced {
            s -= 1;
        }
        let local_end = s;
        while s > 0 && local_end - s < 64 && local_char(b[s - 1]) {
            s -= 1;
        }
        while s < local_end && !(b[s].is_ascii_alphanumeric() || b[s] >= 0x80) {
            s += 1;
        }
        // The length cap may stop inside a character.
        while !text.is_char_boundary(s) {
            s += 1;
        }
        // Chinese and Japanese glue the address to the sentence
        // (`またはinfo@…`): no address is written in their scripts.
        if let Some((k, c)) = text[s..local_end]
            .char_indices()
            .rev()
            .find(|(_, c)| crate::redaction::phone::is_cjk(*c))
        {
            s += k + c.len_utf8();
        }
        if s >= local_end {
            continue;
        }
        // Domain: labels joined by dots (spaces around them allowed) or a comma.
        let mut e = at + 1;
        if b.get(e) == Some(&b' ') {
            e += 1;
        }
        let mut labels: Vec<(usize, usize)> = Vec::new();
        loop {
            let ls = e;
            while e < b.len() && e - ls < 63 && label_char(b[e]) {
                e += 1;
            }
            if e == ls {
                break;
            }
            labels.push((ls, e));
            if labels.len() > 6 {
                break;
            }
            // A separator then another label.
            let mut k = e;
            if b.get(k) == Some(&b' ') {
                k += 1;
            }
            let sep = b.get(k).copied();
            if !matches!(sep, Some(b'.') | Some(b',')) {
                break;
            }
            k += 1;
            if b.get(k) == Some(&b' ') {
                k += 1;
            }
            if !b.get(k).is_some_and(|c| c.is_ascii_alphanumeric()) {
                break;
            }
            // A comma or a spaced dot only before a top-level domain.
            let mut ne = k;
            while ne < b.len() && label_char(b[ne]) {
                ne += 1;
            }
            let spaced = k - e > 1;
            if (sep == Some(b',') || spaced) && !is_tld(&lower(&text[k..ne])) {
                break;
            }
            e = k;
        }
        let Some(&(ls, le)) = labels.last() else {
            continue;
        };
        let last = lower(&text[ls..le]);
        let first = lower(&text[labels[0].0..labels[0].1]);
        let ok = if labels.len() >= 2 {
            // `follow me @dana.whit.designs` is a handle, not `me@…`.
            last.len() >= 2
                && last.bytes().all(|c| c.is_ascii_alphabetic())
                && (!spaced || is_tld(&last))
        } else {
            is_mail_brand(&first) || glued_tld(&first)
        };
        if ok {
            spans.push(Span {
                start: s,
                end: le,
                kind: Hidden::Email,
            });
        }
    }
}

/// `at` in the languages Handoff's users write: Dutch `apenstaartje`,
/// Italian `chiocciola`, Polish `małpa`, Swedish `snabel-a`, Turkish `et`,
/// Japanese `アットマーク`…
fn is_at(w: &Word) -> bool {
    matches!(
        w.text.as_ref(),
        "at" | "@"
            | "arroba"
            | "arobase"
            | "chez"
            | "apenstaartje"
            | "apestaart"
            | "chiocciola"
            | "malpa"
            | "snabel"
            | "snabela"
            | "et"
            | "kukac"
            | "zavinac"
            | "アットマーク"
            | "アット"
            | "골뱅이"
            | "艾特"
            | "آت"
    )
}

/// `dot` likewise: `punt`, `ponto`, `kropka`, `nokta`, `titik`, `ドット`…
fn is_dot(w: &Word) -> bool {
    matches!(
        w.text.as_ref(),
        "dot"
            | "."
            | "punkt"
            | "punto"
            | "point"
            | "punt"
            | "ponto"
            | "kropka"
            | "nokta"
            | "titik"
            | "piste"
            | "tecka"
            | "pont"
            | "ドット"
            | "点"
            | "닷"
            | "쩜"
            | "دوت"
    )
}

fn is_name(w: &Word) -> bool {
    w.is_alnum() && !is_at(w) && !is_dot(w)
}

/// `g mail`, `t online`, `ali ce`: a mail provider's name split after a
/// letter or two, read as one word (owned copies only when one is split).
fn joined_hosts<'a>(text: &str, all: &[Word<'a>]) -> Option<Vec<Word<'a>>> {
    let joins = |k: usize| {
        let (a, b) = (&all[k], all.get(k + 1)?);
        let short = a.text.len() <= 3 && a.text.bytes().all(|c| c.is_ascii_alphabetic());
        let one_space = b.start == a.end + 1 && text.as_bytes()[a.end] == b' ';
        if !(short && one_space && b.text.len() <= 12) {
            return None;
        }
        let name = format!("{}{}", a.text, b.text);
        (is_mail_brand(&name) || is_mail_host(&name) || name == "tonline").then_some(name)
    };
    (0..all.len()).find(|k| joins(*k).is_some())?;
    let mut out = Vec::with_capacity(all.len());
    let mut k = 0;
    while k < all.len() {
        if let Some(name) = joins(k) {
            out.push(Word {
                start: all[k].start,
                end: all[k + 1].end,
                text: Cow::Owned(name),
            });
            k += 2;
        } else {
            out.push(Word {
                start: all[k].start,
                end: all[k].end,
                text: all[k].text.clone(),
            });
            k += 1;
        }
    }
    Some(out)
}

pub(crate) fn spelled(text: &str, all: &[Word], spans: &mut Vec<Span>) {
    let joined = joined_hosts(text, all);
    let all = joined.as_deref().unwrap_or(all);
    // Brackets around `at` and `dot` are part of the disguise.
    let bracket = |w: &Word| matches!(w.text.as_ref(), "(" | ")" | "[" | "]" | "{" | "}");
    let mut w: Vec<&Word> = Vec::with_capacity(all.len());
    let mut bracketed = Vec::with_capacity(all.len());
    for (i, word) in all.iter().enumerate() {
        if bracket(word) || matches!(word.text.as_ref(), "sign" | "symbol" | "zeichen") {
            continue;
        }
        // Indian English `at the rate` is one `at`.
        let rate = |k: usize| all.get(k).is_some_and(|w| w.text == "rate");
        if (word.text == "the" && i > 0 && all[i - 1].text == "at" && rate(i + 1))
            || (word.text == "rate" && i > 1 && all[i - 1].text == "the" && all[i - 2].text == "at")
        {
            continue;
        }
        // Swedish `snabel-a` is one `at`: its `a` goes with it.
        if word.text == "a"
            && i > 0
            && all[i - 1].text == "snabel"
            && all[i - 1].end + 1 == word.start
        {
            continue;
        }
        let open = i > 0 && bracket(&all[i - 1]);
        let close = all.get(i + 1).is_some_and(bracket);
        bracketed.push(word.text == "." && open && close);
        w.push(word);
    }
    // A `.` in brackets, `[.]`, is as deliberate as a spelled `dot`.
    let spelled_dot = |k: usize| is_dot(w[k]) && (w[k].text != "." || bracketed[k]);
    // `t-online`, `my-site`: a label with hyphens is several words.
    let hyphen_end = |mut m: usize| {
        let from = m;
        while m + 1 < w.len()
            && m - from < 8
            && w[m + 1].start == w[m].end + 1
            && text.as_bytes()[w[m].end] == b'-'
            && is_name(w[m + 1])
        {
            m += 1;
        }
        m
    };
    let adjacent = |a: &Word, b: &Word| a.end == b.start;
    // A spelled bare domain: `mariaphoto dot com`.
    for k in 1..w.len().saturating_sub(1) {
        if spelled_dot(k)
            && is_name(w[k - 1])
            && is_tld(&w[k + 1].text)
            && !(k >= 2 && is_at(w[k - 2]))
            && w[k - 1].text.len() >= 3
            // `forms[.]gle`: a dot in brackets is a disguise whatever the name.
            && (bracketed[k] || !is_common(&w[k - 1].text))
        {
            spans.push(Span {
                start: w[k - 1].start,
                end: w[k + 1].end,
                kind: Hidden::Link,
            });
        }
    }
    for k in 1..w.len().saturating_sub(1) {
        if !is_at(w[k]) || !is_name(w[k - 1]) || !is_name(w[k + 1]) {
            continue;
        }
        let written_at = w[k].text == "@";
        // `my threads is @sara.studio`: a handle after a word, not `is@…`.
        if written_at && !adjacent(w[k - 1], w[k]) && is_common(&w[k - 1].text) {
            continue;
        }
        // Local part: name ((dot|underscore) name)*.
        let mut j = k - 1;
        let mut parts = 1;
        while j >= 2
            && parts < 5
            && is_name(w[j - 2])
            && ((w[j - 1].text == "." && adjacent(w[j - 2], w[j - 1]) && adjacent(w[j - 1], w[j]))
                || spelled_dot(j - 1)
                || matches!(w[j - 1].text.as_ref(), "underscore" | "unterstrich"))
        {
            j -= 2;
            parts += 1;
        }
        // Domain: name ((dot) name)*.
        let mut m = hyphen_end(k + 1);
        let mut spelled_dots = false;
        while m + 2 < w.len()
            && m - k < 10
            && is_dot(w[m + 1])
            && is_name(w[m + 2])
            && (spelled_dot(m + 1)
                || written_at
                || (adjacent(w[m], w[m + 1]) && adjacent(w[m + 1], w[m + 2])))
        {
            spelled_dots |= spelled_dot(m + 1);
            m = hyphen_end(m + 2);
        }
        let host = w[k + 1].text.as_ref();
        let local = w[k - 1].text.as_ref();
        let local_distinct = parts > 1
            || (local.len() >= 2 && !is_common(local))
            || local.bytes().any(|c| c.is_ascii_digit());
        let ok = if m > k + 1 {
            is_tld(&w[m].text)
                && (written_at || spelled_dots || is_mail_host(host) || local_distinct)
        } else if m + 1 < w.len() && glued_tld(&w[m + 1].text) {
            m += 1;
            true
        } else {
            (is_mail_brand(host) || glued_tld(host))
                && (written_at || local_distinct)
                && w.get(m + 1).is_none_or(|n| n.text != "@")
        };
        if ok {
            spans.push(Span {
                start: w[j].start,
                end: w[m].end,
                kind: Hidden::Email,
            });
        }
    }
}
