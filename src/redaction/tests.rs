use super::*;

fn secrets(values: &[&str]) -> Secrets {
    let mut s = Secrets::new();
    for v in values {
        s.add(ValueKind::Other, v);
    }
    s
}

fn kinds(text: &str) -> Vec<Hidden> {
    redact(text, &Secrets::new()).hidden
}

#[test]
fn masks_each_kind_in_place() {
    let r = redact(
        "Write to maria.g@gmail.com or call +1 (555) 014-2233.",
        &Secrets::new(),
    );
    assert_eq!(r.text, "Write to [email hidden] or call [phone hidden].");
    assert_eq!(r.hidden, vec![Hidden::Email, Hidden::Phone]);
}

#[test]
fn spelled_out_contacts_are_found() {
    assert_eq!(kinds("maria at gmail dot com"), vec![Hidden::Email]);
    assert_eq!(
        kinds("call five five five oh one four two"),
        vec![Hidden::Phone]
    );
    assert_eq!(kinds("my insta is maria_g88"), vec![Hidden::Handle]);
    assert_eq!(kinds("see mariaphoto dot com"), vec![Hidden::Link]);
}

#[test]
fn client_values_are_masked_whole_and_case_blind() {
    let r = redact(
        "Maria said MARIA GONZALEZ should be on file; Mariano is someone else.",
        &secrets(&["Maria Gonzalez"]),
    );
    assert_eq!(
        r.text,
        "Maria said [client detail hidden] should be on file; Mariano is someone else."
    );
    let r = redact("Ann's annual review", &secrets(&["Ann"]));
    assert_eq!(r.text, "[client detail hidden]'s annual review");
    assert_eq!(
        redact("no", &secrets(&["no"])).hidden,
        vec![],
        "values under 3 characters are ignored"
    );
}

#[test]
fn dates_prices_and_order_numbers_are_left_alone() {
    for text in [
        "Due 2024-05-12 at 10:30.",
        "Invoice INV-20240512 for $1,250.00 is paid.",
        "Order #123456789 shipped on 12/05/2024.",
        "Conversion went up 12.5% to 1 240 visitors.",
        "Meet at the office, e.g. at 9.",
        "Thanks.It works now.",
    ] {
        assert_eq!(kinds(text), vec![], "{text}");
    }
}

#[test]
fn non_ascii_text_survives_untouched() {
    let r = redact(
        "Señora Muñoz écrit à maría@correo.es — ¿vale?",
        &secrets(&["Muñoz"]),
    );
    assert_eq!(
        r.text,
        "Señora [client detail hidden] écrit à [email hidden] — ¿vale?"
    );
}

fn label(kind: Hidden) -> &'static str {
    match kind {
        Hidden::Email => "email",
        Hidden::Phone => "phone",
        Hidden::Link => "link",
        Hidden::Handle => "handle",
        Hidden::ClientDetail => "client",
    }
}

/// The corpus: 350 messages of the kind providers and clients write, each
/// with what must be hidden (`-` for nothing). Run with `--nocapture` for
/// the figures.
#[test]
fn the_corpus_meets_recall_and_false_positive_targets() {
    let corpus = include_str!("corpus.tsv");
    let (mut expected, mut found_expected, mut clean, mut clean_flagged) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    let mut false_alarms = Vec::new();
    for line in corpus
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let mut cols = line.splitn(3, '\t');
        let (want, values, message) = (
            cols.next().unwrap(),
            cols.next().unwrap(),
            cols.next().unwrap(),
        );
        let values: Vec<&str> = values.split('|').filter(|v| !v.is_empty()).collect();
        let got = redact(message, &secrets(&values));
        let got: std::collections::BTreeSet<&str> = got.hidden.iter().map(|k| label(*k)).collect();
        if want == "-" {
            clean += 1;
            if !got.is_empty() {
                clean_flagged += 1;
                false_alarms.push(format!("{got:?} in {message}"));
            }
            continue;
        }
        for kind in want.split(',') {
            expected += 1;
            if got.contains(kind) {
                found_expected += 1;
            } else {
                misses.push(format!("{kind} missed in {message}"));
            }
        }
    }
    let recall = found_expected as f64 / expected as f64;
    let false_positive_rate = clean_flagged as f64 / clean as f64;
    println!(
        "redaction corpus: {} messages; recall {found_expected}/{expected} = {:.1}%; \
         false positives {clean_flagged}/{clean} clean messages = {:.1}%",
        corpus.lines().count() - 1,
        recall * 100.0,
        false_positive_rate * 100.0
    );
    for m in misses.iter().chain(false_alarms.iter()) {
        println!("  {m}");
    }
    assert!(corpus.lines().count() > 300);
    assert!(recall >= 0.97, "recall {recall:.3}: {misses:#?}");
    assert!(
        false_positive_rate <= 0.03,
        "false positives {false_positive_rate:.3}: {false_alarms:#?}"
    );
}

#[test]
fn never_panics_and_keeps_text_outside_the_masks() {
    let pieces = [
        "é", "ñ", "—", "日本", "@", ".", "+", "(", ")", "-", "/", " ", "1", "55", "5550142", "at",
        "dot", "com", "www.", "http://", "ig:", "x", "💬", "maría", "#", "$",
    ];
    let mut seed = 0x2545_f491_u32;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(seed % 12) {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            text.push_str(pieces[(seed as usize) % pieces.len()]);
        }
        let r = redact(&text, &secrets(&["maría", "55"]));
        if r.hidden.is_empty() {
            assert_eq!(r.text, text);
        }
    }
}
