//! Measures the redaction engine on a set of messages it has never seen:
//! `cargo run --release -p handoff --example redaction_measure -- set.tsv…`
//! Each line is `category<TAB>expected<TAB>values<TAB>message`, the corpus's
//! format (`expected` is `-` for a clean message). Prints recall and false
//! positives per category, and with `-v` every miss and false positive —
//! for measuring a set *before* changing any rule for it. `--ignore KIND`
//! leaves a kind the set does not label (an address in a set of phones)
//! out of the false positives.

use handoff::redaction::{redact, Secrets};
use std::collections::BTreeMap;

fn label(k: handoff::redaction::Hidden) -> String {
    format!("{k:?}").to_lowercase()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let ignored: Vec<String> = args
        .windows(2)
        .filter(|w| w[0] == "--ignore")
        .map(|w| w[1].clone())
        .collect();
    let mut tally: BTreeMap<String, [usize; 4]> = BTreeMap::new();
    let paths = args
        .iter()
        .enumerate()
        .filter(|(k, a)| *a != "-v" && *a != "--ignore" && (*k == 0 || args[k - 1] != "--ignore"))
        .map(|(_, a)| a);
    for path in paths {
        let text = std::fs::read_to_string(path).expect("a readable set");
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.splitn(4, '\t').collect();
            if cols.len() != 4 {
                eprintln!("skipped malformed line: {line}");
                continue;
            }
            let message = cols[3].replace("\\n", "\n");
            let got = redact(&message, &Secrets::new());
            let kinds: Vec<String> = got
                .hidden
                .iter()
                .map(|k| label(*k))
                .filter(|k| !ignored.contains(k))
                .collect();
            let t = tally.entry(cols[0].to_string()).or_default();
            if cols[1] == "-" {
                t[2] += 1;
                if !kinds.is_empty() {
                    t[3] += 1;
                    if verbose {
                        println!("FP   {kinds:?}\t{message}\t=> {}", got.text);
                    }
                }
                continue;
            }
            for want in cols[1].split(',') {
                t[0] += 1;
                if kinds.iter().any(|k| k == want) {
                    t[1] += 1;
                } else if verbose {
                    println!("MISS {want}\t{message}\t=> {}", got.text);
                }
            }
        }
    }
    println!("{:<16} {:>18} {:>22}", "category", "found", "clean changed");
    for (cat, [want, found, clean, fp]) in tally {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                a as f64 * 100.0 / b as f64
            }
        };
        println!(
            "{cat:<16} {:>18} {:>22}",
            format!("{found}/{want} {:.1}%", pct(found, want)),
            format!("{fp}/{clean} {:.1}%", pct(fp, clean))
        );
    }
}
