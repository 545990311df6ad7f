//! Properties of `redact` over generated text: no panic on any Unicode, a
//! second pass changes nothing and finds nothing, masks are never taken
//! for contact details, and everything outside the masks is the input's.

use proptest::prelude::*;

use super::*;

/// Pieces that make the scanners work: digits, signs, spelled words,
/// disguises, non-ASCII letters.
fn tricky() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "@",
        ".",
        "+",
        "(",
        ")",
        "-",
        "/",
        " ",
        "\n",
        "_",
        "1",
        "55",
        "0171",
        "555-0142",
        "2233",
        "at",
        "dot",
        "com",
        "de",
        "gmail",
        "www.",
        "http://",
        "tel:",
        "mailto:",
        "insta:",
        "ig",
        "is",
        "my",
        "x",
        "é",
        "ñ",
        "ß",
        "日本",
        "💬",
        "＠",
        "\u{200b}",
        "٥",
        "&#64;",
        "**",
        "\\",
        "maría",
        "Jane",
        "Doe",
        "D.",
        "27",
        "03",
        "1984",
        "March",
        "Oak",
        "St",
        "$",
        "u/",
        "[",
        "]",
        "[email hidden]",
        "[phone hidden]",
        "hidden",
        "client",
        "detail",
        "five",
        "oh",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

fn secrets() -> Secrets {
    Secrets::new()
        .with(ValueKind::Name, "Jane Doe")
        .with(ValueKind::Date, "1984-03-27")
        .with(ValueKind::Address, "12 Oak Street, Springfield, IL 62704")
        .with(ValueKind::Other, "maría")
}

/// The text between masks, in order.
fn outside_masks(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut at = 0;
    let mut i = 0;
    while i < text.len() {
        if let Some(m) = Hidden::ALL.iter().find(|m| text[i..].starts_with(m.mask())) {
            out.push(&text[at..i]);
            i += m.mask().len();
            at = i;
        } else {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out.push(&text[at..]);
    out
}

fn check(text: &str, secrets: &Secrets) -> Result<(), TestCaseError> {
    let once = redact(text, secrets);
    let twice = redact(&once.text, secrets);
    prop_assert_eq!(&twice.text, &once.text, "not idempotent for {:?}", text);
    prop_assert!(
        twice.hidden.is_empty(),
        "second pass found {:?} in {:?}",
        twice.hidden,
        once.text
    );
    if once.hidden.is_empty() {
        prop_assert_eq!(&once.text, text);
    }
    if !text.contains('[') {
        // Every piece between masks is the input's own, in order.
        let mut from = 0;
        for piece in outside_masks(&once.text) {
            let found = text[from..].find(piece);
            prop_assert!(found.is_some(), "{:?} not in {:?}", piece, text);
            from += found.unwrap_or(0) + piece.len();
        }
    }
    Ok(())
}

proptest! {
    // Modest by default so the suite stays fast; REDACTION_PROP_CASES=20000
    // for a deeper search.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("REDACTION_PROP_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(300),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_unicode_is_handled(text in any::<String>()) {
        check(&text, &secrets())?;
    }

    #[test]
    fn tricky_text_is_stable(text in tricky()) {
        check(&text, &secrets())?;
        check(&text, &Secrets::new())?;
    }

    #[test]
    fn masks_are_never_contact_details(picks in prop::collection::vec((0..Hidden::ALL.len(), prop::sample::select(vec![" ", "", "\n", ". ", ", ", ": ", "@", "/"])), 1..8)) {
        let text: String = picks.iter().map(|(k, sep)| format!("{}{}", Hidden::ALL[*k].mask(), sep)).collect();
        let r = redact(&text, &Secrets::new());
        prop_assert!(r.hidden.is_empty(), "{:?} in {:?}", r.hidden, text);
        prop_assert_eq!(r.text, text);
    }
}
