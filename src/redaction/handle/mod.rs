//! Usernames: `@maria_g`, and a name introduced by a messaging, social or
//! payment platform instead of `@` (`insta: maria_g`, `Telegram ID
//! 123456789`, `my snap is maria.g`, `I'm maria_g on there`, `u/maria_g`,
//! `$MariaG`). A word after a platform that reads as ordinary language
//! (`Signal: the client called`) is not a username.

use super::lex::{is_common, is_mail_brand, is_platform, is_wordy_platform, Word};
use super::{Hidden, Span};

mod at_sign;
mod words;

pub(crate) use at_sign::at_sign;
use at_sign::{handle_end, time_like};
use words::{explicit, filler, platform_name, tech_or_file};

/// Dots, underscores or digits among letters: `maria.g`, `maria_88`.
fn marked(raw: &str) -> bool {
    raw.bytes().any(|c| c.is_ascii_alphabetic())
        && raw
            .bytes()
            .any(|c| c.is_ascii_digit() || c == b'_' || c == b'.')
        // `v2.1` is a version.
        && !(raw.starts_with(['v', 'V']) && raw.as_bytes().get(1).is_some_and(u8::is_ascii_digit))
        && !raw.contains('%')
}

/// A marked name within a few words after a platform, introduced by `as`.
fn later(text: &str, w: &[Word], from: usize, spans: &mut Vec<Span>) {
    let b = text.as_bytes();
    for k in from..w.len().min(from + 8) {
        // A page's path after its platform: `la pagina /FalegnameriaContiVR`.
        if w[k].is("/") && (k == 0 || w[k - 1].end < w[k].start) {
            if let Some(n) = w.get(k + 1).filter(|n| n.start == w[k].end && n.is_alnum()) {
                let end = handle_end(b, n.start);
                if end - n.start >= 4 {
                    spans.push(Span {
                        start: w[k].start,
                        end,
                        kind: Hidden::Handle,
                    });
                    return;
                }
            }
        }
        let intro = k >= 1
            && matches!(
                w[k - 1].text.as_ref(),
                "als"
                    | "as"
                    | "como"
                    | "comme"
                    | "unter"
                    | "under"
                    | "sous"
                    | "im"
                    | "m"
                    | "soy"
                    | "suis"
                    | "bin"
            );
        if w[k].is_alnum() {
            let end = handle_end(b, w[k].start);
            let raw = &text[w[k].start..end];
            // Introduced (`as maria.g`), or shaped like nothing but a
            // username (`sous le nom de chloe.patisse`, `elif.pasta olarak`).
            let shaped = raw.len() >= 4
                && raw.as_bytes()[0].is_ascii_alphabetic()
                && !raw.contains("..")
                && !tech_or_file(raw);
            if marked(raw) && raw.len() >= 3 && (intro || shaped) {
                spans.push(Span {
                    start: w[k].start,
                    end,
                    kind: Hidden::Handle,
                });
                return;
            }
        }
    }
}

/// Looks like a username rather than a word of a sentence.
fn handle_like(text: &str, w: &Word, strong: bool) -> bool {
    let raw = &text[w.start..w.end];
    if raw.len() < 3 || time_like(raw) {
        return false;
    }
    if raw.bytes().all(|c| c.is_ascii_digit()) {
        return raw.len() >= 5 && strong;
    }
    marked(raw) || (strong && !is_common(&w.text))
}

pub(crate) fn introduced(text: &str, w: &[Word], spans: &mut Vec<Span>) {
    let b = text.as_bytes();
    for k in 0..w.len() {
        // `my I G is …`: the letters of a platform spaced apart.
        let spaced_ig = w[k].is("i")
            && w.get(k + 1)
                .is_some_and(|n| n.is("g") && n.start == w[k].end + 1);
        let name = if spaced_ig {
            "ig"
        } else {
            platform_name(&w[k].text).unwrap_or(w[k].text.as_ref())
        };
        let k = if spaced_ig { k + 1 } else { k };
        let candidate = (2..=11).contains(&name.len()) && name.as_bytes()[0].is_ascii_lowercase();
        let mail = candidate && is_mail_brand(name);
        let platform = candidate && (mail || is_platform(name));
        if !platform {
            // `I'm maria_g on there`, `maria_g on insta`.
            on_platform(text, w, k, spans);
            continue;
        }
        let wordy = is_wordy_platform(name);
        let mut j = k + 1;
        let mut strong = false;
        while j < w.len() && j - k <= 4 && filler(&w[j].text) {
            strong |= explicit(&w[j].text);
            j += 1;
        }
        // `snap - nadia.b22`: a marked name right after counts even
        // after a platform that is also a word.
        let marked_next = w
            .get(j)
            .is_some_and(|n| n.is_alnum() && marked(&text[n.start..handle_end(b, n.start)]));
        if j >= w.len() || (wordy && !strong && !marked_next) {
            continue;
        }
        // Handles may carry an `@`, a `$` or dots: read the raw characters.
        let start = w[j].start;
        let mut end = handle_end(b, start);
        // Skype names: `live:dana.whit`.
        if &text[start..end] == "live" && b.get(end) == Some(&b':') {
            end = handle_end(b, end + 1);
        }
        if end <= start || !w[j].is_alnum() {
            if !wordy {
                later(text, w, j, spans);
            }
            continue;
        }
        let token = Word {
            start,
            end,
            text: w[j].text.clone(),
        };
        // Numbers after WhatsApp or Signal are phones: the phone scanner
        // reads them, with their separators.
        let raw = &text[start..end];
        let phone_app = matches!(
            name,
            "whatsapp"
                | "whats"
                | "wa"
                | "wapp"
                | "signal"
                | "viber"
                | "zelle"
                | "imessage"
                | "facetime"
                | "bizum"
                | "twint"
        );
        if !raw.bytes().any(|c| c.is_ascii_alphabetic())
            && (phone_app || !raw.bytes().all(|c| c.is_ascii_digit()))
        {
            continue;
        }
        // `Signal: the client called` is a sentence, not a username.
        let marked = marked(raw);
        let function_word = |k: usize| {
            w.get(k).is_some_and(|n| {
                matches!(
                    n.text.as_ref(),
                    "the"
                        | "a"
                        | "an"
                        | "and"
                        | "is"
                        | "are"
                        | "to"
                        | "for"
                        | "of"
                        | "in"
                        | "with"
                        | "der"
                        | "die"
                        | "das"
                        | "und"
                        | "el"
                        | "la"
                        | "los"
                        | "y"
                        | "le"
                        | "les"
                        | "et"
                        | "des"
                )
            })
        };
        // A clause goes on after the word (`Insta: publicar 3 veces por
        // semana`): a username is the end of its clause.
        let clause_goes_on = w.get(j + 1..w.len().min(j + 4)).is_some_and(|next| {
            next.len() >= 2
                && next.iter().take(2).all(|n| n.is_alnum())
                && next.iter().any(|n| is_common(&n.text))
        });
        let sentence = !marked && (is_common(&w[j].text) || function_word(j + 1) || clause_goes_on);
        let bio = matches!(name, "carrd" | "linktree" | "beacons" | "taplink");
        if !sentence && handle_like(text, &token, strong) {
            spans.push(Span {
                start,
                end,
                kind: if mail {
                    Hidden::Email
                } else if bio && raw.contains('.') {
                    Hidden::Link
                } else {
                    Hidden::Handle
                },
            });
        } else if !wordy {
            // `Insta, ich bin da als anna.malt`: a username a few words on.
            later(text, w, j, spans);
        }
    }
}

/// `I'm maria_g on there`, `find me as maria_g on insta`, `maria_g on IG`.
fn on_platform(text: &str, w: &[Word], k: usize, spans: &mut Vec<Span>) {
    if k + 2 >= w.len() || !matches!(w[k + 1].text.as_ref(), "on" | "auf" | "en" | "sur" | "in") {
        return;
    }
    let target = w[k + 2].text.as_ref();
    let there = matches!(
        target,
        "there" | "it" | "dort" | "da" | "alli" | "ahi" | "la" | "that"
    );
    let mail = is_mail_brand(target);
    if !(is_platform(target) && !is_wordy_platform(target) || there || mail) {
        return;
    }
    let introduced = mail
        || k >= 1
            && matches!(
                w[k - 1].text.as_ref(),
                "m" | "am"
                    | "bin"
                    | "soy"
                    | "suis"
                    | "as"
                    | "als"
                    | "como"
                    | "search"
                    | "find"
                    | "add"
                    | "follow"
            );
    let token = Word {
        start: w[k].start,
        end: handle_end(text.as_bytes(), w[k].start),
        text: w[k].text.clone(),
    };
    if token.end > token.start && w[k].is_alnum() && handle_like(text, &token, introduced) {
        spans.push(Span {
            start: token.start,
            end: token.end,
            kind: if is_mail_brand(target) {
                Hidden::Email
            } else {
                Hidden::Handle
            },
        });
    }
}
