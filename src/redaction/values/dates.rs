//! A client's dates in their written forms, with the year and without it,
//! and as Chinese, Japanese and Korean write them.

use std::borrow::Cow;

use super::{canon, tokens_of, Matcher, Pattern};
use crate::redaction::{Hidden, Span};

impl Matcher {
    /// A date (`YYYY-MM-DD`) in its written forms, and its day and month
    /// alone (`the 27th of March`, `Mar 27`, `3/27`): always, or with
    /// `as_birthday` only beside a word of birth.
    pub(super) fn date(&mut self, value: &str, as_birthday: bool) {
        let parts: Vec<&str> = value.trim().split('-').collect();
        let [y, m, d] = parts[..] else {
            self.add(tokens_of(value), 8, false);
            return;
        };
        let (Ok(yn), Ok(mn), Ok(dn)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>())
        else {
            self.add(tokens_of(value), 8, false);
            return;
        };
        let (y, m, d) = (yn.to_string(), mn.to_string(), dn.to_string());
        let yy = format!("{}", yn % 100);
        let month = format!("m{mn}");
        for p in [
            [&d, &m, &y],
            [&m, &d, &y],
            [&y, &m, &d],
            [&d, &m, &yy],
            [&m, &d, &yy],
            [&d, &month, &y],
            [&month, &d, &y],
            [&y, &month, &d],
            [&d, &month, &yy],
            [&month, &d, &yy],
        ] {
            self.add(p.iter().map(|s| s.to_string()).collect(), 4, true);
        }
        // Written without separators: 19840327, 27031984, 03271984.
        for compact in [
            format!("{yn:04}{mn:02}{dn:02}"),
            format!("{dn:02}{mn:02}{yn:04}"),
            format!("{mn:02}{dn:02}{yn:04}"),
        ] {
            self.add(vec![canon(&compact).into_owned()], 0, false);
        }
        self.cjk_dates.insert((yn, mn, dn));
        if as_birthday {
            self.cjk_birthdays.insert((mn, dn));
        } else {
            self.cjk_dates.insert((0, mn, dn));
        }
        for (tokens, fillers) in [
            (vec![d.clone(), month.clone()], true),
            (vec![month, d.clone()], true),
            (vec![d.clone(), m.clone()], false),
            (vec![m, d], false),
        ] {
            self.push(Pattern {
                tokens,
                fillers,
                gap: 1,
                caps: false,
                yearless: true,
                cued: as_birthday,
            });
        }
    }

    /// The dates of `cjk_dates` written the Chinese, Japanese or Korean way:
    /// `[year年|년] month月|월 day日|일|号`.
    pub(super) fn cjk(&self, text: &str, spans: &mut Vec<Span>) {
        if self.cjk_dates.is_empty() && self.cjk_birthdays.is_empty() {
            return;
        }
        for (at, c) in text
            .char_indices()
            .filter(|(_, c)| matches!(c, '月' | '월'))
        {
            let Some((month, month_start)) = number_before(&text[..at]) else {
                continue;
            };
            let rest = &text[at + c.len_utf8()..];
            let digits = rest.trim_start();
            let len = digits.bytes().take_while(u8::is_ascii_digit).count();
            let Ok(day) = digits[..len].parse::<u32>() else {
                continue;
            };
            let after = digits[len..].trim_start();
            let Some(mark) = after
                .chars()
                .next()
                .filter(|c| matches!(c, '日' | '일' | '号' | '號'))
            else {
                continue;
            };
            let end = text.len() - after.len() + mark.len_utf8();
            let head = text[..month_start].trim_end();
            let year = head
                .strip_suffix('年')
                .or_else(|| head.strip_suffix('년'))
                .and_then(|h| number_before(h.trim_end()));
            // With a year, only that year's date; without, the day and
            // month of a date that may be written yearless.
            let birthday = || {
                self.cjk_birthdays.contains(&(month, day)) && {
                    let before = &text[..month_start];
                    let from = before.char_indices().rev().nth(7).map_or(0, |(i, _)| i);
                    ["生日", "誕生日", "생일", "出生", "生まれ"]
                        .iter()
                        .any(|w| before[from..].contains(w))
                }
            };
            // `07년`: a year written with two digits.
            let full = |y: u32| {
                if y < 100 {
                    [1900 + y, 2000 + y]
                        .iter()
                        .any(|y| self.cjk_dates.contains(&(*y, month, day)))
                } else {
                    self.cjk_dates.contains(&(y, month, day))
                }
            };
            let start = match year {
                Some((y, start)) if full(y) => Some(start),
                None if self.cjk_dates.contains(&(0, month, day)) || birthday() => {
                    Some(month_start)
                }
                _ => None,
            };
            if let Some(start) = start {
                spans.push(Span {
                    start,
                    end,
                    kind: Hidden::ClientDetail,
                });
            }
        }
    }
}

/// The number that ends `text` (up to four digits) and where it starts.
fn number_before(text: &str) -> Option<(u32, usize)> {
    let len = text.bytes().rev().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > 4 {
        return None;
    }
    let start = text.len() - len;
    Some((text[start..].parse().ok()?, start))
}

/// True when a year stands right after (or before) token `at`: `March 27,
/// 2019` is not the 27th of March of another year's birthday.
pub(super) fn year_beside(
    text: &str,
    toks: &[(usize, usize, Cow<str>)],
    at: usize,
    after: bool,
) -> bool {
    let other = if after {
        // `23 de marzo de 2020`: past the words between a month and year.
        let mut next = at + 1;
        while toks
            .get(next)
            .is_some_and(|t| matches!(t.2.as_ref(), "of" | "de" | "del"))
        {
            next += 1;
        }
        let gap = toks.get(next).map_or("", |t| &text[toks[at].1..t.0]);
        if next > at + 1 && gap.len() <= 8 {
            return toks[next].2.len() == 4 && toks[next].2.bytes().all(|c| c.is_ascii_digit());
        }
        toks.get(at + 1)
    } else {
        at.checked_sub(1).and_then(|b| toks.get(b))
    };
    let Some((start, end, word)) = other else {
        return false;
    };
    let gap = if after {
        &text[toks[at].1..*start]
    } else {
        &text[*end..toks[at].0]
    };
    let digits = word.bytes().all(|c| c.is_ascii_digit());
    gap.len() <= 3
        && !gap.contains('\n')
        && digits
        && (word.len() == 4 || (word.len() == 2 && gap.contains(['/', '\'', '’', '.', '-'])))
}

/// Words that make a date a birthday, folded, in the languages of `canon`'s
/// months.
const BIRTH_WORDS: &[&str] = &[
    "born",
    "birth",
    "birthday",
    "birthdate",
    "bday",
    "dob",
    "geboren",
    "geb",
    "geburtstag",
    "geburtsdatum",
    "nacio",
    "nacida",
    "nacido",
    "nacimiento",
    "cumpleanos",
    "ne",
    "nee",
    "naissance",
    "anniversaire",
    "nato",
    "nata",
    "nascita",
    "compleanno",
    "nasceu",
    "nascida",
    "nascido",
    "nascimento",
    "aniversario",
    "verjaardag",
    "jarig",
    "geboortedatum",
    "urodzony",
    "urodzona",
    "urodziny",
    "urodzin",
    "dogum",
    "dogdu",
    "родился",
    "родилась",
    "рождения",
    "рождение",
    "lahir",
    "ulang",
    "fodd",
    "fodt",
    "fodselsdag",
    "fodelsedag",
    "syntynyt",
];

/// True when a word of birth stands within a few words before token `i`
/// or after token `at`, in the same sentence (`born on the 27th of March`,
/// `March 27th is her birthday`).
pub(super) fn birth_beside(
    text: &str,
    toks: &[(usize, usize, Cow<str>)],
    i: usize,
    at: usize,
) -> bool {
    // The end of a sentence between tokens `j` and `j + 1` (a full stop
    // after an abbreviation such as `Mar.` or `geb.` is none).
    let ends = |j: usize| {
        let gap = &text[toks[j].1..toks[j + 1].0];
        gap.contains(['!', '?', ';', '\n']) || (gap.contains('.') && toks[j].2.chars().count() > 3)
    };
    let mut j = i;
    while j > 0 && j + 6 > i && !ends(j - 1) {
        j -= 1;
        if BIRTH_WORDS.contains(&toks[j].2.as_ref()) {
            return true;
        }
    }
    let mut j = at;
    while j + 1 < toks.len() && j < at + 4 && !ends(j) {
        j += 1;
        if BIRTH_WORDS.contains(&toks[j].2.as_ref()) {
            return true;
        }
    }
    false
}
