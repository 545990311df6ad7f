//! Names written alone: a first name next to the task's own client, a
//! provider's name toward a client, and which given names are too common
//! to point at anyone.

use super::{is_common_given_name, name_parts, redact, Secrets, ValueKind};

#[test]
fn common_given_names_are_told_from_rare_ones_however_written() {
    for name in [
        "Maria", "María", "JOHN", "Elena", "Mohammed", "Sofia", "Priya", "Yuki",
    ] {
        assert!(is_common_given_name(name), "{name}");
    }
    for name in ["Zebulon", "Ottoline", "Thaddeus", "Lindqvist", "Okafor"] {
        assert!(!is_common_given_name(name), "{name}");
    }
}

#[test]
fn a_name_has_its_parts_without_titles_or_initials() {
    assert_eq!(
        name_parts("Dr. Elena María Ruiz-Vega, Jr."),
        vec!["Elena", "María", "Ruiz-Vega", "Ruiz", "Vega"]
    );
    assert_eq!(name_parts("J. Doe"), vec!["Doe"]);
}

#[test]
fn a_name_part_is_masked_alone_and_an_everyday_word_only_with_a_capital() {
    let s = Secrets::new()
        .with(ValueKind::NamePart, "Elena")
        .with(ValueKind::NamePart, "Will");
    let r = redact(
        "Book an intake session for elena. We will call; Will confirms.",
        &s,
    );
    assert!(!r.text.to_lowercase().contains("elena"), "{}", r.text);
    assert!(r.text.contains("We will call"), "{}", r.text);
    assert!(!r.text.contains("Will confirms"), "{}", r.text);
}

#[test]
fn markup_cannot_hide_a_name_or_a_number() {
    let s = Secrets::new().with(ValueKind::Name, "Ava Lindqvist");
    let r = redact("I am Lind<!-- -->qvist, call 503 555<!-- --> 0177", &s);
    assert!(!r.text.contains("qvist"), "{}", r.text);
    assert!(!r.text.contains("0177"), "{}", r.text);
}

#[test]
fn what_markup_holds_is_read_too_since_it_is_shown_as_written() {
    let s = Secrets::new();
    for text in [
        "call <!-- 503 555 0177 -->",
        "<x 503 555 0177>",
        "reach me <a href=\"https://wa.me/15035550177\">here</a>",
        "call me<!-- 503 555 0177",
    ] {
        let r = redact(text, &s);
        assert!(!r.text.contains("0177"), "{text} -> {}", r.text);
    }
    assert!(!crate::solicitation::flags("call <!-- 503 555 0177 -->").is_empty());
}
