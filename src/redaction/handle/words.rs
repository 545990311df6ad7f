//! The words around a username: what may stand between a platform's name
//! and the name, how people write the platform, and names that end like
//! software or a file rather than a person.

use crate::redaction::lex::{is_platform, is_wordy_platform};

/// Words between a platform and the username.
pub(super) fn filler(w: &str) -> bool {
    matches!(
        w,
        "is" | "handle"
            | "name"
            | "username"
            | "user"
            | "id"
            | "account"
            | "acc"
            | "tag"
            | "es"
            | "ist"
            | "est"
            | "c'est"
            | "it's"
            | "its"
            | "at"
            | "@"
            | ":"
            | "="
            | "-"
            | "me"
            | "as"
            | "als"
            | "como"
            | "under"
            | "unter"
            | "sous"
            | "nick"
            | "nickname"
            | "profile"
            | "profil"
            | "perfil"
            | "number"
            | "nummer"
            | "numero"
            | "cashtag"
            | "$"
            | "app"
            | "mi"
            | "mon"
            | "mein"
            | "my"
            | "on"
            | "auf"
            | "en"
            | "sur"
            | "du"
            | "de"
            | "by"
            | "search"
            | "find"
            | "add"
            | "usuario"
            | "utilisateur"
            | "benutzer"
            | "benutzername"
            | "pseudo"
            | "s"
            | "i"
            | "m"
            // Italian, Portuguese, Dutch, Polish, Swedish, Turkish,
            // Indonesian: `il mio IG è`, `mój insta to`, `mitt IG är`, `IG aku`.
            | "c"
            | "e"
            | "il"
            | "mio"
            | "mia"
            | "meu"
            | "minha"
            | "o"
            | "mijn"
            | "is'"
            | "moj"
            | "moje"
            | "to"
            | "mitt"
            | "min"
            | "ar"
            | "benim"
            | "aku"
            | "saya"
            | "ku"
            | "nama"
            | "akun"
            | "naam"
            | "nome"
            | "nom"
            | "nazwa"
            | "su"
            | "op"
            | "na"
            | "pa"
            | "ta"
            | "te"
            | "da"
    )
}

/// A platform's name as people inflect or glue it: `TikToku` (Polish),
/// `TikTok'ta` (Turkish, read as `tiktok`), `TikTokで`, `インスタ`.
pub(super) fn platform_name(name: &str) -> Option<&str> {
    // Platforms written in other scripts: Japanese katakana, Arabic.
    const SCRIPTS: &[(&str, &str)] = &[
        ("インスタグラム", "instagram"),
        ("インスタ", "insta"),
        ("ティックトック", "tiktok"),
        ("ツイッター", "twitter"),
        ("フェイスブック", "facebook"),
        ("ライン", "line"),
        ("テレグラム", "telegram"),
        ("سناب", "snapchat"),
        ("انستقرام", "instagram"),
        ("انستغرام", "instagram"),
        ("انستا", "insta"),
        ("تيك", "tiktok"),
        ("تلجرام", "telegram"),
        ("تيليجرام", "telegram"),
        ("واتساب", "whatsapp"),
        ("فيسبوك", "facebook"),
    ];
    if name.is_ascii() {
        if name.len() < 6 {
            return None;
        }
    } else if let Some((_, n)) = SCRIPTS.iter().find(|(k, _)| name.starts_with(k)) {
        return Some(n);
    }
    // Glued to a word of a script without spaces (`TikTokで`, `LINEのID`):
    // the glue says it is the platform, even one whose name is a word.
    let ascii = &name[..name.find(|c: char| !c.is_ascii()).unwrap_or(name.len())];
    if ascii.len() != name.len() && is_platform(ascii) {
        return Some(ascii);
    }
    // Inflected: Polish `TikToku`, `na Discordzie`, `Instagramie`.
    ["u", "a", "ie", "em", "iem", "zie"].iter().find_map(|s| {
        name.strip_suffix(s)
            .filter(|stem| stem.len() >= 5 && is_platform(stem) && !is_wordy_platform(stem))
    })
}

pub(super) fn explicit(w: &str) -> bool {
    matches!(
        w,
        ":" | "at"
            | "m"
            | "is"
            | "id"
            | "username"
            | "user"
            | "handle"
            | "@"
            | "="
            | "ist"
            | "es"
            | "est"
            | "usuario"
            | "pseudo"
            | "nick"
            | "benutzername"
            | "tag"
            | "$"
    )
}

/// `Node.js`, `ASP.NET`, `photo.jpg`: names that end like software or a
/// file, not like a person.
pub(super) fn tech_or_file(raw: &str) -> bool {
    let last = raw.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    raw.contains('.')
        && matches!(
            last.as_str(),
            "js" | "ts"
                | "net"
                | "py"
                | "rb"
                | "go"
                | "rs"
                | "php"
                | "html"
                | "css"
                | "json"
                | "pdf"
                | "jpg"
                | "jpeg"
                | "png"
                | "gif"
                | "webp"
                | "heic"
                | "mp4"
                | "mov"
                | "mp3"
                | "wav"
                | "doc"
                | "docx"
                | "xls"
                | "xlsx"
                | "csv"
                | "txt"
                | "zip"
                | "ppt"
                | "pptx"
                | "svg"
                | "ai"
                | "psd"
                | "exe"
                | "apk"
        )
}
