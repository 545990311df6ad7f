//! Words of the folded text and the small vocabularies the scanners share.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::norm::fold_word_char;

/// A word of the text: a run of letters, digits and `_` (without `_` at its
/// ends, which Markdown may use for emphasis), or one of the signs the
/// scanners read (`@ . , : / $ + ( ) [ ]`). `text` is folded: lower case,
/// no diacritics.
#[derive(Debug)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Word {
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

pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if word_char(c) {
            let mut end = i + c.len_utf8();
            let mut folded = String::new();
            fold_word_char(c, &mut folded);
            while let Some(&(j, d)) = chars.peek() {
                if !word_char(d) {
                    break;
                }
                fold_word_char(d, &mut folded);
                end = j + d.len_utf8();
                chars.next();
            }
            // `__jane__` is emphasis: the word is `jane`.
            let lead = folded.len() - folded.trim_start_matches('_').len();
            let trimmed = folded.trim_matches('_');
            if trimmed.is_empty() {
                continue;
            }
            let trail = folded.len() - lead - trimmed.len();
            out.push(Word {
                start: i + lead,
                end: end - trail,
                text: trimmed.to_string(),
            });
        } else if "@.,:/$+()[]".contains(c) {
            out.push(Word {
                start: i,
                end: i + 1,
                text: c.to_string(),
            });
        }
    }
    out
}

/// True for a common word of English, German, Spanish or French (folded),
/// or a plain inflection of one (`examples`, `cleaning`, `booked`).
pub(crate) fn is_common(word: &str) -> bool {
    let set = common_set();
    set.contains(word)
        || ["s", "es", "ed", "d", "ing", "en", "er", "n"]
            .iter()
            .any(|suffix| {
                word.strip_suffix(suffix)
                    .is_some_and(|stem| stem.len() >= 3 && set.contains(stem))
            })
}

fn common_set() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
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

pub(crate) fn is_platform(w: &str) -> bool {
    PLATFORMS.contains(&w)
}

pub(crate) fn is_wordy_platform(w: &str) -> bool {
    WORDY_PLATFORMS.contains(&w)
}
