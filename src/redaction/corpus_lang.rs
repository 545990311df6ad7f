//! The language of a corpus message, guessed for the per-language figures
//! of the corpus test: by script first (Japanese, Korean, Chinese, Arabic,
//! Devanagari…), then by the function words of the Latin-script languages
//! the workspace may write. A guess, for reporting only.

const WORDS: &[(&str, &str)] = &[
    (
        "en",
        "the and to of is my me for you with please call your our it this",
    ),
    (
        "de",
        "der die das und ist mit bitte ich nicht fur mein meine sie den dem ein eine",
    ),
    (
        "es",
        "el la los las y que por para mi es con del al una un te tu",
    ),
    (
        "pt",
        "o os as e que para meu minha nao com voce do da no na um uma",
    ),
    (
        "fr",
        "le les et est pour mon ma vous avec pas des du une un je au",
    ),
    (
        "it",
        "il di che per mio mia sono con non gli lo una un della al",
    ),
    (
        "nl",
        "de het een en van mijn voor met niet je ik op zijn bij",
    ),
    ("pl", "i w na nie jest moj do z sie dla prosze to jak od"),
    ("tr", "ve bir bu icin benim ile mi da de cok icin"),
    ("sv", "och ar att det jag pa for med inte mig min en ett"),
    (
        "id",
        "dan yang saya di ke untuk aku dengan ini aja tidak ya",
    ),
    ("hi", "hai mera meri aur ka ki ke nahi bhai ji"),
];

pub(crate) fn guess(text: &str) -> &'static str {
    let has = |r: std::ops::RangeInclusive<u32>| text.chars().any(|c| r.contains(&(c as u32)));
    if has(0x3040..=0x30FF) {
        return "ja";
    }
    if has(0xAC00..=0xD7AF) {
        return "ko";
    }
    if has(0x4E00..=0x9FFF) {
        return "zh";
    }
    for (lang, range) in [
        ("ar", 0x0600..=0x06FF),
        ("hi", 0x0900..=0x097F),
        ("ru", 0x0400..=0x04FF),
        ("el", 0x0370..=0x03FF),
        ("he", 0x0590..=0x05FF),
        ("th", 0x0E00..=0x0E7F),
    ] {
        if has(range) {
            return lang;
        }
    }
    let mut folded = String::new();
    for c in text.chars() {
        super::norm::fold_word_char(c, &mut folded);
    }
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut best = ("other", 0);
    for (lang, list) in WORDS {
        let score = words
            .iter()
            .filter(|w| list.split(' ').any(|l| l == **w))
            .count();
        if score > best.1 {
            best = (lang, score);
        }
    }
    best.0
}
