//! Throughput of `redact` on 1 MB inputs: an adversarial one (long digit
//! runs, many `@` and dots, long words, runs of spaces) and a realistic mix
//! redacted against ~1,000 client names, as a provider response would be.
//!
//! cargo run --release -p handoff --example redaction_bench

use std::time::Instant;

use handoff::redaction::{redact, Secrets, ValueKind};

const MB: usize = 1 << 20;

fn rng(seed: &mut u64) -> usize {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed as usize
}

fn adversarial() -> Vec<(&'static str, String)> {
    let fill = |piece: &str| {
        let mut text = piece.repeat(MB / piece.len() + 1);
        let end = (0..=MB)
            .rev()
            .find(|i| text.is_char_boundary(*i))
            .unwrap_or(0);
        text.truncate(end);
        text
    };
    let mut mixed = String::new();
    let mut seed = 7u64;
    let pieces = [
        "@", ".", "1", " ", "-", "a", "at ", "dot ", "+", "(", "5", "_", "/", "insta: ", "&#64;",
        "**", "\u{200b}", "０", "\n",
    ];
    while mixed.len() < MB {
        mixed.push_str(pieces[rng(&mut seed) % pieces.len()]);
    }
    vec![
        ("digits", fill("1")),
        ("digit groups", fill("555 ")),
        ("at signs", fill("@")),
        ("a@", fill("a@")),
        ("dots", fill(".")),
        ("a.", fill("a.")),
        ("long word", fill("x")),
        ("spaces", fill(" ")),
        ("at dot words", fill("a at b dot ")),
        ("entities", fill("&#64;")),
        ("addresses", fill("12 Oak Street, Flat 4, Leeds LS6 2QT ")),
        ("house numbers", fill("1 St 2 Rd ")),
        ("street names", fill("Calle Mayor de la ")),
        ("post boxes", fill("PO Box 1 ")),
        ("towns", fill("A1 Leeds, ")),
        ("cjk blocks", fill("区1-2-3号")),
        ("random mix", mixed),
    ]
}

fn realistic(names: &[String]) -> String {
    let lines = [
        "Hi, the client prefers mornings; please bring the ladder and photograph each room.",
        "Call me at (312) 555-0147 or write to dana.whit@gmail.com if the gate is locked.",
        "Invoice 10023456 paid on 12/05/2024, total $1,250.00, ticket 48213377 closed.",
        "insta: sophie.bakes_ldn and my site is lunayoga.studio, see you Tuesday.",
        "Sizes 36 38 40 42 in stock; version 2.14.3 shipped; meet @ noon.",
        "Bitte vor Arbeitsbeginn alle Räume fotografieren, Handy 0176 98765432.",
    ];
    let mut out = String::new();
    let mut seed = 11u64;
    while out.len() < MB {
        let r = rng(&mut seed);
        if r.is_multiple_of(5) {
            out.push_str(&names[r % names.len()]);
            out.push_str(" asked about the quote. ");
        } else {
            out.push_str(lines[r % lines.len()]);
            out.push(' ');
        }
    }
    out
}

fn names() -> Vec<String> {
    let first = [
        "Jane", "Omar", "María", "Seán", "Lucía", "Thomas", "Aisha", "Kwame", "Chen", "Priya",
    ];
    let last = [
        "Doe",
        "Haddad",
        "Muñoz",
        "O'Brien",
        "García-López",
        "Müller",
        "Rahman",
        "Mensah",
        "Jing",
        "Shah",
    ];
    let mut out = Vec::new();
    for i in 0..1000 {
        out.push(format!(
            "{} {}{}",
            first[i % 10],
            last[(i / 10) % 10],
            i / 100
        ));
    }
    out
}

/// Nanoseconds this thread has run on a CPU (Linux), to tell the engine's
/// cost from time spent waiting for a core on a shared machine.
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn time(label: &str, text: &str, secrets: &Secrets) -> f64 {
    // REDACTION_BENCH_ONLY=<label> runs one input, for profiling.
    if std::env::var("REDACTION_BENCH_ONLY").is_ok_and(|only| only != label) {
        return 0.0;
    }
    let cpu0 = cpu_ns();
    let start = Instant::now();
    let r = redact(text, secrets);
    let wall = start.elapsed().as_secs_f64();
    // CPU time where the machine reports it, else wall time.
    let secs = match (cpu0, cpu_ns()) {
        (Some(a), Some(b)) if b > a => (b - a) as f64 / 1e9,
        _ => wall,
    };
    let mbps = text.len() as f64 / MB as f64 / secs;
    println!(
        "{label:<22} cpu {:>6.1} ms  wall {:>6.1} ms  {mbps:>7.1} MB/s  ({} masks)",
        secs * 1000.0,
        wall * 1000.0,
        r.hidden.len()
    );
    secs
}

fn main() {
    let none = Secrets::new();
    let mut worst: f64 = 0.0;
    println!("adversarial, 1 MB each:");
    for (label, text) in adversarial() {
        worst = worst.max(time(label, &text, &none));
    }
    let (_, mix) = adversarial().pop().unwrap_or_default();
    let start = Instant::now();
    let _ = handoff::redaction::holds_contact_details(&mix);
    println!(
        "one scanning pass over the random mix: {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    println!(
        "slowest adversarial input: {:.1} ms ({:.1} MB/s)",
        worst * 1000.0,
        1.0 / worst
    );
    let names = names();
    let mut secrets = Secrets::new();
    for n in &names {
        secrets.add(ValueKind::Name, n);
    }
    let start = Instant::now();
    secrets.compile();
    println!(
        "compiling 1,000 names: {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let text = realistic(&names);
    println!("realistic, 1 MB:");
    time("mix + 1,000 names", &text, &secrets);
    // A provider response: ~20 texts of ~2 KB against the same secrets.
    let chunk = &text[..text.char_indices().nth(2000).map_or(text.len(), |(i, _)| i)];
    let start = Instant::now();
    for _ in 0..20 {
        redact(chunk, &secrets);
    }
    println!(
        "20 texts of 2 KB: {:.2} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
}
