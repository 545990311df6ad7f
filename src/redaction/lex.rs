//! Words of the folded text and the small vocabularies the scanners share.

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use super::norm::fold_word_char;

/// A word of the text: a run of letters, digits and `_` (without `_` at its
/// ends, which Markdown may use for emphasis), or one of the signs the
/// scanners read (`@ . , : / $ + ( ) [ ]`). `text` is folded: lower case,
/// no diacritics.
#[derive(Debug)]
pub(crate) struct Word<'a> {
    pub start: usize,
    pub end: usize,
    pub text: Cow<'a, str>,
}

impl Word<'_> {
    pub fn is(&self, s: &str) -> bool {
        self.text == s
    }
    pub fn is_alnum(&self) -> bool {
        self.text
            .as_bytes()
            .first()
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c >= 0x80)
    }
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    const SIGNS: &str = "@.,:/$+()[]{}";
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if word_char(c) {
            let mut end = i + c.len_utf8();
            // Lower-case ASCII words are their own folded form.
            let mut plain = c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
            while let Some(&(j, d)) = chars.peek() {
                if !word_char(d) {
                    break;
                }
                plain &= d.is_ascii_lowercase() || d.is_ascii_digit() || d == '_';
                end = j + d.len_utf8();
                chars.next();
            }
            let raw = &text[i..end];
            let folded: Cow<str> = if plain {
                Cow::Borrowed(raw)
            } else {
                let mut f = String::with_capacity(raw.len());
                raw.chars().for_each(|c| fold_word_char(c, &mut f));
                Cow::Owned(f)
            };
            // `__jane__` is emphasis: the word is `jane`.
            let lead = folded.len() - folded.trim_start_matches('_').len();
            let trimmed_len = folded.trim_matches('_').len();
            if trimmed_len == 0 {
                continue;
            }
            let trail = folded.len() - lead - trimmed_len;
            let text = match folded {
                Cow::Borrowed(b) => Cow::Borrowed(&b[lead..lead + trimmed_len]),
                Cow::Owned(o) if lead == 0 && trail == 0 => Cow::Owned(o),
                Cow::Owned(o) => Cow::Owned(o[lead..lead + trimmed_len].to_string()),
            };
            out.push(Word {
                start: i + lead,
                end: end - trail,
                text,
            });
        } else if c.is_ascii() && SIGNS.contains(c) {
            let k = SIGNS.find(c).unwrap_or(0);
            out.push(Word {
                start: i,
                end: i + 1,
                text: Cow::Borrowed(&SIGNS[k..k + 1]),
            });
        }
    }
    out
}

/// A fast hash for short words (the standard one is built to resist
/// flooding, which word lists known in advance do not need).
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FxSet<T> = HashSet<T, BuildHasherDefault<Fx>>;
pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<Fx>>;

/// True for a common word of English, German, Spanish or French (folded),
/// or a plain inflection of one (`examples`, `cleaning`, `booked`).
pub(crate) fn is_common(word: &str) -> bool {
    if word.len() > 24 {
        return false;
    }
    let set = common_set();
    set.contains(word)
        || ["s", "es", "ed", "d", "ing", "en", "er", "n"]
            .iter()
            .any(|suffix| {
                word.strip_suffix(suffix)
                    .is_some_and(|stem| stem.len() >= 3 && set.contains(stem))
            })
}

fn common_set() -> &'static FxSet<&'static str> {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("common_words.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .collect()
    })
}

/// Mail providers: `jane at gmail` is an address even without `.com`.
pub(crate) const MAIL_HOSTS: &[&str] = &[
    "gmail",
    "googlemail",
    "yahoo",
    "ymail",
    "outlook",
    "hotmail",
    "icloud",
    "aol",
    "proton",
    "protonmail",
    "pm",
    "gmx",
    "zoho",
    "fastmail",
    "yandex",
    "tutanota",
    "tuta",
    "web",
    "freenet",
    "orange",
    "wanadoo",
    "laposte",
    "free",
    "sfr",
    "libero",
    "mailbox",
    "posteo",
];

/// Mail providers that are never ordinary words: `jane@gmail`, `my gmail
/// is jane88`.
pub(crate) const MAIL_BRANDS: &[&str] = &[
    "gmail",
    "googlemail",
    "yahoo",
    "ymail",
    "hotmail",
    "icloud",
    "protonmail",
    "gmx",
    "outlook",
    "proton",
    "aol",
    "yandex",
    "zoho",
    "tutanota",
    "posteo",
    "fastmail",
    "wanadoo",
    "laposte",
    "libero",
];

/// Messaging, social and payment platforms whose name introduces a
/// username (`insta: maria_g`, `Telegram ID 123456789`).
pub(crate) const PLATFORMS: &[&str] = &[
    "instagram",
    "insta",
    "ig",
    "telegram",
    "tg",
    "telegramm",
    "snapchat",
    "snap",
    "sc",
    "tiktok",
    "twitter",
    "x",
    "facebook",
    "fb",
    "messenger",
    "whatsapp",
    "whats",
    "wa",
    "wapp",
    "signal",
    "skype",
    "discord",
    "linkedin",
    "venmo",
    "cashapp",
    "paypal",
    "zelle",
    "revolut",
    "wise",
    "bizum",
    "lydia",
    "twint",
    "threads",
    "bluesky",
    "bsky",
    "mastodon",
    "reddit",
    "line",
    "wechat",
    "weixin",
    "kakao",
    "kakaotalk",
    "viber",
    "youtube",
    "yt",
    "twitch",
    "pinterest",
    "github",
    "patreon",
    "onlyfans",
    "substack",
    "tumblr",
    "behance",
    "dribbble",
    "etsy",
    "fiverr",
    "upwork",
    "linktree",
    "beacons",
    "carrd",
    "taplink",
    "kik",
    "session",
    "element",
    "matrix",
    "threema",
    "imessage",
    "facetime",
    "teams",
    "zoom",
    "slack",
    "steam",
    "xbox",
    "psn",
];

/// Platforms whose name is also an everyday word: they introduce a
/// username only with an explicit sign (`Signal: jane.88`, `line ID`).
pub(crate) const WORDY_PLATFORMS: &[&str] = &[
    "signal", "threads", "line", "x", "snap", "wise", "session", "element", "matrix", "teams",
    "zoom", "steam", "sc", "wa", "whats", "yt", "beacons",
];

fn set(
    list: &'static [&'static str],
    cell: &'static OnceLock<FxSet<&'static str>>,
) -> &'static FxSet<&'static str> {
    cell.get_or_init(|| list.iter().copied().collect())
}

/// For each first letter, the lengths of the platform and mail names that
/// start with it: most words are ruled out without hashing.
fn could_be_name(w: &str) -> bool {
    static SHAPES: OnceLock<[u16; 26]> = OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        let mut s = [0u16; 26];
        for name in PLATFORMS.iter().chain(MAIL_BRANDS) {
            let first = name.as_bytes()[0];
            if first.is_ascii_lowercase() && name.len() < 16 {
                s[(first - b'a') as usize] |= 1 << name.len();
            }
        }
        s
    });
    let first = w.as_bytes().first().copied().unwrap_or(0);
    first.is_ascii_lowercase()
        && w.len() < 16
        && shapes[(first - b'a') as usize] & (1 << w.len()) != 0
}

pub(crate) fn is_platform(w: &str) -> bool {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    could_be_name(w) && set(PLATFORMS, &SET).contains(w)
}

pub(crate) fn is_wordy_platform(w: &str) -> bool {
    WORDY_PLATFORMS.contains(&w)
}

pub(crate) fn is_mail_brand(w: &str) -> bool {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    could_be_name(w) && set(MAIL_BRANDS, &SET).contains(w)
}

pub(crate) fn is_mail_host(w: &str) -> bool {
    static SET: OnceLock<FxSet<&'static str>> = OnceLock::new();
    w.len() <= 11 && set(MAIL_HOSTS, &SET).contains(w)
}
