//! The text as a reader sees it. Disguises work on the gap between the
//! bytes and what is rendered: a full-width `＠`, a zero-width space inside
//! an address, Arabic-Indic digits, `jane&#64;gmail&#46;com`,
//! `jane@gmail\.com`, `555-01**42**`. The scanners run on this folded copy,
//! and every byte of it remembers which bytes of the original it came from,
//! so masks still replace spans of the original text.

use std::cell::RefCell;

mod chars;
mod disguise;

pub(crate) use chars::{fold, fold_word_char};

use disguise::{despaced, letters_for_digits};

/// The folded text and, for each of its bytes, the original byte range of
/// the character (or entity, escape) it came from.
pub(crate) struct Norm {
    pub text: String,
    from: Vec<u32>,
    to: Vec<u32>,
}

impl Norm {
    /// The text with markup read away (`Lind<!-- -->qvist` reads
    /// `Lindqvist`): what a renderer that drops markup would show.
    pub fn new(original: &str) -> Norm {
        Norm::build(original, true)
    }

    /// The text with markup as written (`<!-- 555 0177 -->` keeps its
    /// number): what a reader sees where raw HTML is shown as text. The
    /// scanners read both views ([`views`]).
    pub fn as_written(original: &str) -> Norm {
        Norm::build(original, false)
    }

    fn build(original: &str, fold_markup: bool) -> Norm {
        let mut n = Norm::read(original, fold_markup);
        letters_for_digits(&mut n.text);
        n
    }

    fn read(original: &str, fold_markup: bool) -> Norm {
        // Plain ASCII with nothing to fold is its own rendering.
        if original.bytes().all(|c| {
            c < 0x80
                && !matches!(c, b'*' | b'`' | b'\\' | b'&' | b'\t')
                && !(fold_markup && c == b'<')
        }) {
            return Norm {
                text: original.to_string(),
                from: Vec::new(),
                to: Vec::new(),
            };
        }
        let mut n = Norm {
            text: String::with_capacity(original.len()),
            from: pooled(original.len()),
            to: pooled(original.len()),
        };
        let b = original.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                // Markdown emphasis and code marks render to nothing.
                b'*' | b'`' => i += 1,
                // So do HTML comments and tags, which a sanitiser drops or
                // a renderer hides: `Lind<!-- -->qvist` reads `Lindqvist`.
                // A tag that breaks a line reads as a space.
                b'<' if fold_markup => match markup(&original[i..]) {
                    Some((len, breaks)) => {
                        if breaks {
                            n.push(' ', i, i + len);
                        }
                        i += len;
                    }
                    None => {
                        n.push('<', i, i + 1);
                        i += 1;
                    }
                },
                b'\\' if b.get(i + 1).is_some_and(|c| c.is_ascii_punctuation()) => {
                    n.push(b[i + 1] as char, i, i + 2);
                    i += 2;
                }
                b'&' => match entity(&original[i..]) {
                    Some((c, len)) => {
                        if let Some(c) = c.and_then(fold) {
                            n.push(c, i, i + len);
                        }
                        i += len;
                    }
                    None => {
                        n.push('&', i, i + 1);
                        i += 1;
                    }
                },
                c if c < 0x80 => {
                    let c = if c == b'\t' { ' ' } else { c as char };
                    n.push(c, i, i + 1);
                    i += 1;
                }
                _ => {
                    let c = original[i..].chars().next().unwrap_or(' ');
                    let len = c.len_utf8();
                    // Japanese writes a number's dash with the long-vowel
                    // mark: `０９０ー１２３４`. Between digits only; in a word
                    // it is a vowel.
                    let dash = c == 'ー'
                        && n.text.ends_with(|d: char| d.is_ascii_digit())
                        && original[i + len..]
                            .chars()
                            .next()
                            .and_then(fold)
                            .is_some_and(|d| d.is_ascii_digit());
                    if dash {
                        n.push('-', i, i + len);
                    } else if let Some(f) = fold(c) {
                        n.push(f, i, i + len);
                    }
                    i += len;
                }
            }
        }
        n
    }

    fn push(&mut self, c: char, from: usize, to: usize) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.from.push(from as u32);
            self.to.push(to as u32);
        }
    }

    /// The original byte range behind `start..end` of the folded text.
    pub fn original(&self, start: usize, end: usize) -> (usize, usize) {
        if self.from.is_empty() {
            return (start, end);
        }
        (self.from[start] as usize, self.to[end - 1] as usize)
    }
}

// The offset maps are the largest allocation of a scan and `redact` scans
// each text at least twice: reusing them spares the allocator and the page
// faults of fresh memory.
thread_local! {
    static POOL: RefCell<Vec<Vec<u32>>> = const { RefCell::new(Vec::new()) };
}

fn pooled(capacity: usize) -> Vec<u32> {
    let mut v = POOL.with(|p| p.borrow_mut().pop()).unwrap_or_default();
    v.clear();
    v.reserve(capacity);
    v
}

impl Drop for Norm {
    fn drop(&mut self) {
        for v in [std::mem::take(&mut self.from), std::mem::take(&mut self.to)] {
            // Keep at most two maps of up to 4 MB each.
            if v.capacity() > 0 && v.capacity() <= 1 << 20 {
                POOL.with(|p| {
                    let mut p = p.borrow_mut();
                    if p.len() < 2 {
                        p.push(v);
                    }
                });
            }
        }
    }
}

/// An HTML entity at the start of `s`: the character (None for one that
/// renders to nothing) and the entity's length.
fn entity(s: &str) -> Option<(Option<char>, usize)> {
    let semi = s.as_bytes().iter().take(12).position(|c| *c == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        Some(char::from_u32(code)?)
    } else {
        match body {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
            "commat" => Some('@'),
            "period" | "middot" | "bull" | "centerdot" => Some('.'),
            "colon" => Some(':'),
            "sol" => Some('/'),
            "hyphen" | "dash" | "ndash" | "mdash" | "minus" => Some('-'),
            "plus" => Some('+'),
            "num" => Some('#'),
            "lpar" => Some('('),
            "rpar" => Some(')'),
            "lowbar" => Some('_'),
            "comma" => Some(','),
            "zwj" | "zwnj" | "shy" | "lrm" | "rlm" => None,
            _ => return None,
        }
    };
    Some((c, semi + 1))
}

/// Every view of `text` the scanners read: markup read away, (when the
/// text has any) markup as written, and (when it spaces out characters one
/// by one) the spaced stretches joined. A value hidden any way is found.
pub(crate) fn views(text: &str) -> Vec<Norm> {
    let mut views = if text.contains('<') {
        vec![Norm::new(text), Norm::as_written(text)]
    } else {
        vec![Norm::new(text)]
    };
    if let Some(joined) = despaced(&views[0]) {
        views.push(joined);
    }
    views
}

/// An HTML comment or tag at the start of `s`: its length, and whether it
/// breaks the line where it stands (`<br>`, `<p>`, `<div>`…). Not an
/// autolink (`<https://…>`, `<jane@x.org>`): those render their text.
fn markup(s: &str) -> Option<(usize, bool)> {
    if let Some(rest) = s.strip_prefix("<!--") {
        // An unclosed comment hides the rest of the text from the reader.
        let len = rest.find("-->").map_or(s.len(), |end| 4 + end + 3);
        return Some((len, false));
    }
    let b = s.as_bytes();
    let name_start = if b.get(1) == Some(&b'/') { 2 } else { 1 };
    let name_len = b[name_start..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
        .count();
    if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
        return None;
    }
    let after = name_start + name_len;
    match b.get(after) {
        Some(b'>') | Some(b'/') | Some(b' ') | Some(b'\t') | Some(b'\n') => {}
        _ => return None,
    }
    let end = s[after..].find(['>', '<'])? + after;
    if b[end] != b'>' {
        return None;
    }
    let name = s[name_start..after].to_ascii_lowercase();
    let breaks = matches!(
        name.as_str(),
        "br" | "p"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
            | "blockquote"
            | "pre"
            | "section"
    );
    Some((end + 1, breaks))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_disguises_and_maps_back() {
        let s = "ja\u{200B}ne＠gmail&#46;com 555-01**42** ٥٥٥";
        let n = Norm::new(s);
        assert_eq!(n.text, "jane@gmail.com 555-0142 555");
        let at = n.text.find('@').unwrap();
        let (a, b) = n.original(0, at + 1);
        assert_eq!(&s[a..b], "ja\u{200B}ne＠");
        let end = n.text.find(" 555").unwrap();
        assert_eq!(
            &s[n.original(0, end).0..n.original(0, end).1],
            "ja\u{200B}ne＠gmail&#46;com"
        );
        assert_eq!(Norm::new("gmail\\.com").text, "gmail.com");
    }

    #[test]
    fn markup_reads_as_the_reader_sees_it() {
        let s = "Lind<!-- -->qvist, 503 555<!-- x --> 0177, ja<span class=\"a\">ne</span>@x.org";
        let n = Norm::new(s);
        assert_eq!(n.text, "Lindqvist, 503 555 0177, jane@x.org");
        let (a, b) = n.original(0, "Lindqvist".len());
        assert_eq!(&s[a..b], "Lind<!-- -->qvist");
        assert_eq!(Norm::new("one<br>two<p>three").text, "one two three");
        // Autolinks and comparisons render their text.
        assert_eq!(
            Norm::new("<https://x.org> <jane@x.org>").text,
            "<https://x.org> <jane@x.org>"
        );
        assert_eq!(Norm::new("if a < b and c > d").text, "if a < b and c > d");
        assert_eq!(Norm::new("call me<!-- 555 0177").text, "call me");
        // Shown as written, the comment's content is read too.
        assert_eq!(views("call me<!-- 555 0177").len(), 2);
        assert_eq!(Norm::as_written("a<!-- b -->c").text, "a<!-- b -->c");
    }

    #[test]
    fn word_folding_drops_case_and_diacritics() {
        let mut out = String::new();
        for c in "MUÑOZ Straße García".chars() {
            fold_word_char(c, &mut out);
        }
        assert_eq!(out, "munoz strasse garcia");
    }
}
