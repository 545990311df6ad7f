use super::*;

fn secrets(values: &[&str]) -> Secrets {
    Secrets::others(values)
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
        Hidden::Address => "address",
        Hidden::Card => "card",
    }
}

const CORPUS: &[&str] = &[
    include_str!("corpus/base.tsv"),
    include_str!("corpus/contacts.tsv"),
    include_str!("corpus/international.tsv"),
    include_str!("corpus/adversarial.tsv"),
    include_str!("corpus/clients.tsv"),
    include_str!("corpus/negatives.tsv"),
    include_str!("corpus/general.tsv"),
    include_str!("corpus/fresh.tsv"),
    include_str!("corpus/fresh2.tsv"),
    include_str!("corpus/fresh3.tsv"),
    include_str!("corpus/fresh4.tsv"),
    include_str!("corpus/fresh5.tsv"),
    include_str!("corpus/fresh6.tsv"),
    include_str!("corpus/fresh7.tsv"),
    include_str!("corpus/addresses.tsv"),
    include_str!("corpus/addresses_world.tsv"),
    include_str!("corpus/addresses_world2.tsv"),
    include_str!("corpus/addresses_formats.tsv"),
    include_str!("corpus/dates.tsv"),
    include_str!("corpus/dates_world.tsv"),
    include_str!("corpus/world_phones.tsv"),
    include_str!("corpus/disguises.tsv"),
    include_str!("corpus/world_mixed.tsv"),
];

fn parse_secrets(values: &str) -> Secrets {
    let mut s = Secrets::new();
    for v in values.split('|').filter(|v| !v.is_empty()) {
        let (kind, value) = match v.split_once(':') {
            Some(("Name", v)) => (ValueKind::Name, v),
            Some(("Address", v)) => (ValueKind::Address, v),
            Some(("Date", v)) => (ValueKind::Date, v),
            Some(("DateOfOther", v)) => (ValueKind::DateOfOther, v),
            Some(("Text", v)) => (ValueKind::Text, v),
            Some(("Other", v)) => (ValueKind::Other, v),
            _ => (ValueKind::Other, v),
        };
        s.add(kind, value);
    }
    s
}

#[derive(Default)]
struct Tally {
    expected: usize,
    found: usize,
    /// Not masked, but flagged to the owner (a solicitation or disguise).
    or_flagged: usize,
    clean: usize,
    flagged: usize,
}

/// The corpus: messages of the kind owners, clients and providers write,
/// each with its category, what must be hidden (`-` for nothing) and the
/// client's values. A message counts as found for a kind when that kind is
/// among what was hidden; a clean message is a false positive when anything
/// was hidden. Run with `--nocapture` for the figures per category.
#[test]
fn the_corpus_meets_recall_and_false_positive_targets() {
    let mut by_category: std::collections::BTreeMap<&str, Tally> = Default::default();
    let mut by_language: std::collections::BTreeMap<&str, Tally> = Default::default();
    let mut total = Tally::default();
    let mut messages = 0;
    let mut problems = Vec::new();
    for line in CORPUS
        .iter()
        .flat_map(|c| c.lines())
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.splitn(4, '\t').collect();
        assert_eq!(cols.len(), 4, "bad corpus line: {line}");
        let (category, want, values) = (cols[0], cols[1], cols[2]);
        let message = &cols[3].replace("\\n", "\n");
        messages += 1;
        let got = redact(message, &parse_secrets(values));
        let kinds: std::collections::BTreeSet<&str> =
            got.hidden.iter().map(|k| label(*k)).collect();
        let tally = by_category.entry(category).or_default();
        let lang = by_language
            .entry(super::corpus_lang::guess(message))
            .or_default();
        if want == "-" {
            tally.clean += 1;
            total.clean += 1;
            lang.clean += 1;
            if !kinds.is_empty() {
                tally.flagged += 1;
                total.flagged += 1;
                lang.flagged += 1;
                problems.push(format!(
                    "FP {category}: {kinds:?} in {message} => {}",
                    got.text
                ));
            }
            continue;
        }
        let owner_told = || !solicitations(message).is_empty();
        for kind in want.split(',') {
            tally.expected += 1;
            total.expected += 1;
            lang.expected += 1;
            // A client's stored address found as an address is hidden as
            // one.
            if kinds.contains(kind) || (kind == "client" && kinds.contains("address")) {
                tally.found += 1;
                total.found += 1;
                lang.found += 1;
            } else if owner_told() {
                tally.or_flagged += 1;
                total.or_flagged += 1;
                lang.or_flagged += 1;
                problems.push(format!(
                    "FLAGGED {category}: {kind} in {message} => {}",
                    got.text
                ));
            } else {
                problems.push(format!(
                    "MISS {category}: {kind} in {message} => {}",
                    got.text
                ));
            }
        }
    }
    let pct = |a: usize, b: usize| {
        if b == 0 {
            100.0
        } else {
            a as f64 * 100.0 / b as f64
        }
    };
    println!("redaction corpus: {messages} messages");
    println!(
        "{:<22} {:>16} {:>22}",
        "category", "recall", "false positives"
    );
    // A category with nothing to find (or nothing clean) shows `-`.
    let cell = |a: usize, b: usize| {
        if b == 0 {
            format!("{:>19}", "-")
        } else {
            format!("{a:>7}/{b:<4} {:>6.1}%", pct(a, b))
        }
    };
    for (cat, t) in &by_category {
        println!(
            "{cat:<22} {} {}",
            cell(t.found, t.expected),
            cell(t.flagged, t.clean)
        );
    }
    // By language (guessed from the text): masked, masked or flagged to the
    // owner, clean messages changed.
    println!(
        "{:<8} {:>19} {:>19} {:>19}",
        "language", "recall", "masked or flagged", "false positives"
    );
    for (lang, t) in &by_language {
        println!(
            "{lang:<8} {} {} {}",
            cell(t.found, t.expected),
            cell(t.found + t.or_flagged, t.expected),
            cell(t.flagged, t.clean)
        );
    }
    let recall = pct(total.found, total.expected);
    let fp = pct(total.flagged, total.clean);
    println!(
        "overall: recall {}/{} = {recall:.1}%; masked or flagged {}/{} = {:.1}%; false positives {}/{} = {fp:.1}%",
        total.found,
        total.expected,
        total.found + total.or_flagged,
        total.expected,
        pct(total.found + total.or_flagged, total.expected),
        total.flagged,
        total.clean
    );
    for p in &problems {
        println!("  {p}");
    }
    assert!(messages >= 1000, "{messages} messages");
    assert!(recall >= 99.0, "recall {recall:.1}%");
    assert!(fp <= 2.0, "false positives {fp:.1}%");
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

fn kind_name(kind: SolicitationKind) -> &'static str {
    match kind {
        SolicitationKind::OffPlatform => "OffPlatform",
        SolicitationKind::DirectPayment => "DirectPayment",
        SolicitationKind::ContactOffer => "ContactOffer",
        SolicitationKind::Disguise => "Disguise",
    }
}

/// Solicitation flags on their own corpus: positives in four languages and
/// hard negatives that stay on the platform. A positive counts as found
/// when every expected kind is flagged. Run with `--nocapture` for figures.
#[test]
fn solicitations_are_flagged_and_platform_talk_is_not() {
    let (mut expected, mut found, mut clean, mut flagged) = (0, 0, 0, 0);
    let mut problems = Vec::new();
    for line in include_str!("corpus/solicit.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.splitn(3, '\t').collect();
        assert_eq!(cols.len(), 3, "bad line: {line}");
        let got = solicitations(cols[2]);
        for s in &got {
            assert!(
                s.start < s.end
                    && cols[2].is_char_boundary(s.start)
                    && cols[2].is_char_boundary(s.end)
            );
        }
        let kinds: std::collections::BTreeSet<&str> =
            got.iter().map(|s| kind_name(s.kind)).collect();
        if cols[1] == "-" {
            clean += 1;
            if !kinds.is_empty() {
                flagged += 1;
                problems.push(format!("FP {kinds:?}: {}", cols[2]));
            }
            continue;
        }
        for kind in cols[1].split(',') {
            expected += 1;
            if kinds.contains(kind) {
                found += 1;
            } else {
                problems.push(format!("MISS {kind}: {} (got {kinds:?})", cols[2]));
            }
        }
    }
    let recall = found as f64 * 100.0 / expected as f64;
    let fp = flagged as f64 * 100.0 / clean as f64;
    println!(
        "solicitation corpus: recall {found}/{expected} = {recall:.1}%; false positives {flagged}/{clean} = {fp:.1}%"
    );
    for p in &problems {
        println!("  {p}");
    }
    assert!(recall >= 95.0, "recall {recall:.1}%");
    assert!(fp <= 5.0, "false positives {fp:.1}%");
}

#[test]
fn solicitation_spans_point_into_the_original() {
    let text = "Thanks! **WhatsApp** me, or pay me directly: +44 7700 900461";
    let flags = solicitations(text);
    assert!(flags.iter().any(
        |s| s.kind == SolicitationKind::OffPlatform && &text[s.start..s.end] == "WhatsApp** me"
    ));
    assert!(flags
        .iter()
        .any(|s| s.kind == SolicitationKind::DirectPayment));
    assert!(flags
        .iter()
        .any(|s| s.kind == SolicitationKind::ContactOffer
            && &text[s.start..s.end] == "+44 7700 900461"));
    assert!(!SolicitationKind::DirectPayment.describe().is_empty());
}
