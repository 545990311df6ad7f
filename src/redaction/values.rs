//! The client's own values as people really write them. Each value becomes
//! a few token patterns (a name's parts, an address's street and postal
//! code, a date's written forms, a note's sentences); the patterns are
//! indexed by their first folded token so that a text is read once, word by
//! word, whatever the number of values: a workspace hands every client's
//! name to each provider response.

use std::borrow::Cow;

use super::lex::{is_common, FxMap, Word};
use super::{Hidden, Span, ValueKind};

struct Pattern {
    tokens: Vec<String>,
    /// Dates skip `of`, `de`, `the` between their parts.
    fillers: bool,
    /// Longest gap of punctuation and spaces between two tokens.
    gap: usize,
    /// A name made of ordinary words (`Will Park`) counts only written
    /// with capitals: `we will park` is no one.
    caps: bool,
}

/// The compiled form of a `Secrets`.
#[derive(Default)]
pub(crate) struct Matcher {
    by_first: FxMap<String, Vec<u32>>,
    patterns: Vec<Pattern>,
}

/// Titles and suffixes, which are not part of how a name is written
/// elsewhere: `Dr. Jane Doe` is also `Jane Doe`. `t` is folded.
pub(crate) fn is_title(t: &str) -> bool {
    matches!(
        t,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "dr"
            | "prof"
            | "sr"
            | "sra"
            | "srta"
            | "herr"
            | "frau"
            | "mme"
            | "mlle"
            | "m"
            | "don"
            | "dona"
            | "jr"
            | "ii"
            | "iii"
    )
}

/// Street types, months and ordinals written several ways, folded to one.
pub(crate) fn canon(token: &str) -> Cow<'_, str> {
    let t = token;
    let c = match t {
        "street" | "st" | "str" | "strasse" => "st",
        "avenue" | "ave" | "av" | "avda" | "avenida" => "ave",
        "road" | "rd" => "rd",
        "boulevard" | "blvd" | "bd" | "boul" => "blvd",
        "drive" | "dr" => "dr",
        "lane" | "ln" => "ln",
        "court" | "ct" => "ct",
        "place" | "pl" | "plaza" | "pza" | "platz" => "pl",
        "calle" | "c" | "cl" => "calle",
        "carrer" | "cr" => "carrer",
        "highway" | "hwy" => "hwy",
        "parkway" | "pkwy" => "pkwy",
        "square" | "sq" => "sq",
        "terrace" | "ter" => "ter",
        "apartment" | "apt" | "apto" | "unit" | "suite" | "ste" | "flat" | "wohnung" | "whg"
        | "appartement" | "appt" | "depto" | "departamento" => "apt",
        "january" | "jan" | "januar" | "janner" | "enero" | "ene" | "janvier" | "janv" => "m1",
        "february" | "feb" | "februar" | "febrero" | "fevrier" | "fevr" | "fev" => "m2",
        "march" | "mar" | "marz" | "marzo" | "mars" => "m3",
        "april" | "apr" | "abril" | "abr" | "avril" | "avr" => "m4",
        "may" | "mai" | "mayo" => "m5",
        "june" | "jun" | "juni" | "junio" | "juin" => "m6",
        "july" | "jul" | "juli" | "julio" | "juillet" | "juil" => "m7",
        "august" | "aug" | "agosto" | "ago" | "aout" => "m8",
        "september" | "sep" | "sept" | "septiembre" | "setiembre" | "septembre" => "m9",
        "october" | "oct" | "oktober" | "okt" | "octubre" | "octobre" => "m10",
        "november" | "nov" | "noviembre" | "novembre" => "m11",
        "december" | "dec" | "dezember" | "dez" | "diciembre" | "dic" | "decembre" => "m12",
        _ => {
            if t.as_bytes().first().is_some_and(u8::is_ascii_digit) {
                // 03 → 3, 27th → 27, 1er → 1; house numbers keep letters (4b).
                let digits = t.trim_start_matches('0');
                let end = digits
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(digits.len());
                let (num, rest) = digits.split_at(end);
                let num = if num.is_empty() { "0" } else { num };
                return match rest {
                    "st" | "nd" | "rd" | "th" | "er" | "e" | "eme" | "o" | "a" | "te" | "ten"
                    | "ter" | "" => Cow::Owned(num.to_string()),
                    _ if num.len() + rest.len() == t.len() => Cow::Borrowed(t),
                    _ => Cow::Owned(format!("{num}{rest}")),
                };
            }
            // Hauptstraße, Hauptstr: a German street name glued to its type.
            for suffix in ["strasse", "str"] {
                if let Some(stem) = t.strip_suffix(suffix) {
                    if stem.len() >= 3 {
                        return Cow::Owned(format!("{stem}str"));
                    }
                }
            }
            return Cow::Borrowed(t);
        }
    };
    Cow::Borrowed(c)
}

fn tokens_of(value: &str) -> Vec<String> {
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
                ValueKind::Date => m.date(value),
                ValueKind::Text => m.text(value),
                ValueKind::Other => m.add(tokens_of(value), 8, false),
                ValueKind::NamePart => m.add_name(tokens_of(value)),
            }
        }
        m
    }

    fn add(&mut self, tokens: Vec<String>, gap: usize, fillers: bool) {
        self.push(tokens, gap, fillers, false);
    }

    fn add_name(&mut self, tokens: Vec<String>) {
        let caps = tokens
            .iter()
            .all(|t| t.chars().count() == 1 || is_common(t));
        self.push(tokens, 8, false, caps);
    }

    fn push(&mut self, tokens: Vec<String>, gap: usize, fillers: bool, caps: bool) {
        if tokens.is_empty() {
            return;
        }
        let id = self.patterns.len() as u32;
        let first = self.by_first.entry(tokens[0].clone()).or_default();
        if first
            .iter()
            .any(|p| self.patterns[*p as usize].tokens == tokens)
        {
            return;
        }
        first.push(id);
        self.patterns.push(Pattern {
            tokens,
            fillers,
            gap,
            caps,
        });
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

    fn date(&mut self, value: &str) {
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
        ] {
            self.add(p.iter().map(|s| s.to_string()).collect(), 4, true);
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
        self.patterns.is_empty()
    }

    /// Every place a value appears in `text`, whose words are `words`.
    pub fn find(&self, text: &str, words: &[Word], spans: &mut Vec<Span>) {
        if self.is_empty() {
            return;
        }
        let toks: Vec<(usize, usize, Cow<str>)> = words
            .iter()
            .filter(|w| w.is_alnum())
            .map(|w| (w.start, w.end, canon(&w.text)))
            .collect();
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
                    "of" | "de" | "del" | "the" | "der" | "le"
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
            if !gap_ok || got.as_ref() != want.as_str() {
                return None;
            }
            at = next;
        }
        if p.caps && !upper(text, toks[at].0) {
            return None;
        }
        Some(toks[at].1)
    }
}

fn upper(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_uppercase)
}
