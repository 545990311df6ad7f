//! The client's own values as people really write them. Each value becomes
//! a few token patterns (a name's parts, an address's street and postal
//! code, a date's written forms, a note's sentences); the patterns are
//! indexed by their first folded token so that a text is read once, word by
//! word, whatever the number of values: a workspace hands every client's
//! name to each provider response.

use std::borrow::Cow;

mod canon;
mod dates;

use super::lex::{is_common, FxMap, FxSet, Word};
use super::{Hidden, Span, ValueKind};
pub(crate) use canon::{canon, is_title};
use dates::{birth_beside, year_beside};

pub(super) struct Pattern {
    pub tokens: Vec<String>,
    /// Dates skip `of`, `de`, `the` between their parts.
    pub fillers: bool,
    /// Longest gap of punctuation and spaces between two tokens.
    pub gap: usize,
    /// A name made of ordinary words (`Will Park`) counts only written
    /// with capitals: `we will park` is no one.
    pub caps: bool,
    /// A day and month without the year: numbers only with `/` between
    /// them (`3/27`, never `3 27` or `3.27`), and never followed by a year,
    /// which would make it another date (`March 27, 2019`).
    pub yearless: bool,
    /// Only beside a word of birth (`born`, `birthday`, `DOB`, `geboren`…).
    pub cued: bool,
}

/// The compiled form of a `Secrets`.
#[derive(Default)]
pub(crate) struct Matcher {
    by_first: FxMap<String, Vec<u32>>,
    patterns: Vec<Pattern>,
    /// Dates as Chinese, Japanese and Korean write them (`1984年3月27日`,
    /// `3월 27일`), whose digits and signs form one word: (year or 0 for
    /// any year, month, day).
    pub(super) cjk_dates: FxSet<(u32, u32, u32)>,
    /// Of those, the days and months that count only beside a word of
    /// birth (`生日`, `誕生日`, `생일`).
    pub(super) cjk_birthdays: FxSet<(u32, u32)>,
}

pub(super) fn tokens_of(value: &str) -> Vec<String> {
    super::lex::words(value)
        .into_iter()
        .filter(Word::is_alnum)
        .map(|w| canon(&w.text).into_owned())
        .collect()
}

impl Matcher {
    pub fn new(values: &[(ValueKind, String)]) -> Matcher {
        let mut m = Matcher::default();
        for (kind, value) in values {
            if value.chars().count() < 3 {
                continue;
            }
            match kind {
                ValueKind::Name => m.name(value),
                ValueKind::Address => m.address(value),
                ValueKind::Date => m.date(value, false),
                ValueKind::DateOfOther => m.date(value, true),
                ValueKind::Text => m.text(value),
                ValueKind::Other => m.add(tokens_of(value), 8, false),
                ValueKind::NamePart => m.add_name(tokens_of(value)),
            }
        }
        m
    }

    pub(super) fn add(&mut self, tokens: Vec<String>, gap: usize, fillers: bool) {
        self.push(Pattern {
            tokens,
            fillers,
            gap,
            caps: false,
            yearless: false,
            cued: false,
        });
    }

    fn add_name(&mut self, tokens: Vec<String>) {
        let caps = tokens
            .iter()
            .all(|t| t.chars().count() == 1 || is_common(t));
        self.push(Pattern {
            tokens,
            fillers: false,
            gap: 8,
            caps,
            yearless: false,
            cued: false,
        });
    }

    pub(super) fn push(&mut self, pattern: Pattern) {
        if pattern.tokens.is_empty() {
            return;
        }
        let id = self.patterns.len() as u32;
        let first = self.by_first.entry(pattern.tokens[0].clone()).or_default();
        if first
            .iter()
            .any(|p| self.patterns[*p as usize].tokens == pattern.tokens)
        {
            return;
        }
        first.push(id);
        self.patterns.push(pattern);
    }

    fn name(&mut self, value: &str) {
        let mut parts: Vec<Vec<Vec<String>>> = Vec::new();
        for raw in value.split_whitespace() {
            let tokens = tokens_of(raw);
            if tokens.is_empty() {
                continue;
            }
            // Each part with its other spellings: O'Brien as OBrien,
            // Müller as Mueller.
            let mut forms = vec![tokens.clone()];
            if tokens.len() > 1 && raw.contains(['\'', '’']) {
                forms.push(vec![tokens.concat()]);
            }
            if raw.contains(['ä', 'ö', 'ü', 'Ä', 'Ö', 'Ü']) {
                let mut s = String::new();
                for c in raw.chars() {
                    match c {
                        'ä' | 'Ä' => s.push_str("ae"),
                        'ö' | 'Ö' => s.push_str("oe"),
                        'ü' | 'Ü' => s.push_str("ue"),
                        _ => s.push(c),
                    }
                }
                forms.push(tokens_of(&s));
            }
            parts.push(forms);
        }
        if parts.is_empty() {
            return;
        }
        self.add_name(parts.iter().flat_map(|f| f[0].clone()).collect());
        // Titles and suffixes are not part of how the name is written
        // elsewhere: `Dr. Jane Doe` is also `Jane Doe`.
        let title = |p: &Vec<Vec<String>>| p[0].len() == 1 && is_title(&p[0][0]);
        while parts.len() > 1 && title(&parts[0]) {
            parts.remove(0);
        }
        while parts.len() > 1 && title(&parts[parts.len() - 1]) {
            parts.pop();
        }
        self.add_name(parts.iter().flat_map(|f| f[0].clone()).collect());
        if parts.len() < 2 {
            return;
        }
        let (first, last) = (&parts[0], &parts[parts.len() - 1]);
        for f in first {
            for l in last {
                self.add_name([f.clone(), l.clone()].concat());
                self.add_name([l.clone(), f.clone()].concat());
                let initial = l[0].chars().next().map(String::from).unwrap_or_default();
                self.add_name([f.clone(), vec![initial]].concat());
            }
        }
        // Every part after the first may be written alone: the last name,
        // and in Spanish names the first of two surnames (García in María
        // García López).
        for l in parts[1..].iter().flatten() {
            let distinctive = |t: &String| {
                t.chars().count() >= 3 && !is_common(t) && !t.bytes().all(|c| c.is_ascii_digit())
            };
            if l.len() > 1 || distinctive(&l[0]) {
                self.add_name(l.clone());
            }
            if l.len() > 1 {
                for t in l.iter().filter(|t| distinctive(t)) {
                    self.add_name(vec![t.clone()]);
                }
            }
        }
    }

    fn address(&mut self, value: &str) {
        self.add(tokens_of(value), 8, false);
        let mut street_seen = false;
        for segment in value.split([',', '\n', ';']) {
            let tokens = tokens_of(segment);
            if tokens.is_empty() {
                continue;
            }
            let has_digit = tokens.iter().any(|t| t.bytes().any(|c| c.is_ascii_digit()));
            let has_alpha = tokens
                .iter()
                .any(|t| t.chars().all(|c| c.is_alphabetic()) && t.len() >= 2);
            if let Some(u) = tokens.iter().position(|t| t == "apt") {
                // Apartment or unit: `Apt 4B`.
                if u + 1 < tokens.len() {
                    self.add(tokens[u..u + 2].to_vec(), 4, false);
                }
                if u >= 2 {
                    self.add(tokens[..u].to_vec(), 6, false);
                    street_seen = true;
                }
                continue;
            }
            if !street_seen && has_digit && has_alpha && tokens.len() >= 2 {
                street_seen = true;
                self.add(tokens, 6, false);
                continue;
            }
            // Postal codes: `62704`, `SW1A 1AA`.
            let coded: Vec<&String> = tokens
                .iter()
                .filter(|t| t.bytes().any(|c| c.is_ascii_digit()))
                .collect();
            for t in &coded {
                if t.len() >= 4 {
                    self.add(vec![(*t).clone()], 4, false);
                }
            }
            for pair in tokens.windows(2) {
                if pair.iter().all(|t| {
                    t.bytes().any(|c| c.is_ascii_digit())
                        && t.bytes().any(|c| c.is_ascii_alphabetic())
                }) {
                    self.add(pair.to_vec(), 2, false);
                }
            }
        }
    }

    fn text(&mut self, value: &str) {
        self.add(tokens_of(value), 12, false);
        for sentence in value.split(['.', '!', '?', ';', '\n']) {
            let tokens = tokens_of(sentence);
            if tokens.len() >= 4 {
                self.add(tokens, 12, false);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty() && self.cjk_dates.is_empty()
    }

    /// Every place a value appears in `text`, whose words are `words`.
    pub fn find(&self, text: &str, words: &[Word], spans: &mut Vec<Span>) {
        if self.is_empty() {
            return;
        }
        self.cjk(text, spans);
        let mut toks: Vec<(usize, usize, Cow<str>)> = Vec::with_capacity(words.len());
        for w in words.iter().filter(|w| w.is_alnum()) {
            digit_runs(text, w, |start, end, t| toks.push((start, end, canon(t))));
        }
        for i in 0..toks.len() {
            let Some(ids) = self.by_first.get(toks[i].2.as_ref()) else {
                continue;
            };
            let mut best = None;
            for id in ids {
                let p = &self.patterns[*id as usize];
                if let Some(end) = self.match_at(text, &toks, i, p) {
                    best = best.max(Some(end));
                }
            }
            if let Some(end) = best {
                spans.push(Span {
                    start: toks[i].0,
                    end,
                    kind: Hidden::ClientDetail,
                });
            }
        }
    }

    fn match_at(
        &self,
        text: &str,
        toks: &[(usize, usize, Cow<str>)],
        i: usize,
        p: &Pattern,
    ) -> Option<usize> {
        let mut at = i;
        for want in &p.tokens[1..] {
            let mut next = at + 1;
            while p.fillers
                && next < toks.len()
                && matches!(
                    toks[next].2.as_ref(),
                    "of" | "de" | "del" | "the" | "der" | "le" | "го"
                )
            {
                next += 1;
            }
            let (_, end, _) = toks[at];
            if p.caps && !upper(text, toks[at].0) {
                return None;
            }
            let (start, _, ref got) = *toks.get(next)?;
            let gap = &text[end..start];
            let limit = if p.fillers { 16 } else { p.gap };
            let gap_ok = gap.len() <= limit && !gap.contains("\n\n");
            // Day and month alone: `3/27`, `27 March`, `27. März`, `27 de
            // marzo`, never across other signs (`Room 27, March intake`).
            let slash_ok = !p.yearless
                || if p.fillers {
                    !gap.contains([',', ';', ':', '(', ')', '\n', '/'])
                } else {
                    // `22.12.` (with its closing stop) or `17.07` beside a
                    // word of birth; `/` always.
                    gap == "/"
                        || (matches!(gap, "." | "-")
                            && (text[toks[next].1..].starts_with('.')
                                || birth_beside(text, toks, i, next)))
                };
            if !gap_ok || !slash_ok || got.as_ref() != want.as_str() {
                return None;
            }
            at = next;
        }
        if p.caps && !upper(text, toks[at].0) {
            return None;
        }
        if p.yearless && (year_beside(text, toks, at, true) || year_beside(text, toks, i, false)) {
            return None;
        }
        if p.cued && !birth_beside(text, toks, i, at) {
            return None;
        }
        Some(toks[at].1)
    }
}

/// A word split where digits meet letters of a script written without
/// spaces (`1981/03/07生まれ`, `12/30なので`, `1940.01.11생`): each run
/// with its place. Other words whole.
fn digit_runs<'a>(text: &str, w: &'a Word<'a>, mut each: impl FnMut(usize, usize, &'a str)) {
    let t: &str = &w.text;
    // Most words: ASCII, or without digits, whole; and any word whose
    // folded form is not its text byte for byte, whose places would not
    // line up.
    let spaceless = |c: char| matches!(c, '\u{3040}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}');
    if t.is_ascii()
        || !t.bytes().any(|c| c.is_ascii_digit())
        || !t.chars().any(spaceless)
        || text.get(w.start..w.end) != Some(t)
    {
        return each(w.start, w.end, t);
    }
    let mut from = 0;
    let mut prev_digit = None;
    for (i, c) in t.char_indices() {
        let digit = c.is_ascii_digit();
        if prev_digit.is_some_and(|p| p != digit) {
            each(w.start + from, w.start + i, &t[from..i]);
            from = i;
        }
        prev_digit = Some(digit);
    }
    each(w.start + from, w.end, &t[from..]);
}

fn upper(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_uppercase)
}
