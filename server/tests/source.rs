//! Rules over the source tree that the compiler does not check.

use std::path::Path;

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path.display().to_string(), text));
        }
    }
}

/// A failure in production is read in the log by the span it happened in:
/// every public use case opens one (`#[tracing::instrument]`, with
/// `skip_all` or `skip(db)` so no token or password is recorded).
#[test]
fn every_public_use_case_opens_a_span() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut missing = Vec::new();
    let mut seen = 0;
    for (path, text) in &files {
        // Fixtures for tests and the demo data are not use cases.
        if path.ends_with("testkit.rs") || path.contains("/demo/") {
            continue;
        }
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !line.starts_with("pub async fn ") {
                continue;
            }
            seen += 1;
            let attributes = lines[..i]
                .iter()
                .rev()
                .take_while(|l| {
                    let l = l.trim();
                    l.starts_with("///")
                        || l.starts_with("#[")
                        || l.ends_with(")]")
                        || l.ends_with(',')
                })
                .any(|l| l.contains("tracing::instrument"));
            if !attributes {
                missing.push(format!("{path}:{}: {line}", i + 1));
            }
        }
    }
    assert!(seen > 80, "found only {seen} use cases: is the walk right?");
    assert!(
        missing.is_empty(),
        "without a span:\n{}",
        missing.join("\n")
    );
}
