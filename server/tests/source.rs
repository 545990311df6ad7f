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

/// What a write causes — audit entries, live hints, mail, idempotency answers —
/// is collected by the write unit (`unit.rs`) and written with its commit;
/// looks at disclosed data are noted by the lens itself. A use case that
/// called these stores by hand could forget one, or write one for a change
/// that then rolled back.
const BY_HAND: &[(&str, &[&str])] = &[
    ("audit::record(", &["/unit.rs"]),
    ("live::publish(", &["/unit.rs"]),
    ("store::publish(", &["/live/"]),
    ("idempotency::claim(", &["/unit.rs"]),
    // The mail a unit collected writes itself at the unit's commit.
    ("store::enqueue(", &["/unit.rs", "/mail/notify.rs"]),
    ("idempotency::answer(", &["/unit.rs"]),
    // Transactions that write are opened by the unit; the hub's read fence
    // (SQLite), the demo's bulk seed and the test fixtures are not use cases.
    (
        "begin_write(",
        &[
            "/db.rs",
            "/unit.rs",
            "/live/hub.rs",
            "/demo/",
            "/testkit.rs",
        ],
    ),
];

fn side_effects_by_hand(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for (call, allowed) in BY_HAND {
                if code.contains(call) && !allowed.iter().any(|a| path.contains(a)) {
                    found.push(format!("{path}:{}: {}", i + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn writes_record_their_side_effects_only_through_the_write_unit() {
    // The check itself catches a hand call.
    let planted = vec![(
        "server/src/task/planted.rs".to_string(),
        "    audit::record(&mut tx, entry, now).await?;\n    let mut tx = db.begin_write().await?;"
            .to_string(),
    )];
    assert_eq!(side_effects_by_hand(&planted).len(), 2);

    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.iter().any(|(p, _)| p.ends_with("/unit.rs")));
    let found = side_effects_by_hand(&files);
    assert!(
        found.is_empty(),
        "side effects written by hand, not through the write unit:\n{}",
        found.join("\n")
    );
}

/// A provider page keeps its workspace's client values compiled until a
/// write says they changed (`lens::workspace`): every use case that writes a
/// client's values says so through its unit, or providers would read a
/// new value unmasked until the server restarts.
#[test]
fn writes_to_client_values_mark_them_changed() {
    const WRITES: &[&str] = &[
        "INSERT INTO clients",
        "UPDATE clients",
        "INTO client_fields",
        "UPDATE client_fields",
        "DELETE FROM client_fields",
        "remember_former(",
    ];
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut seen = 0;
    let mut unmarked = Vec::new();
    for (path, text) in &files {
        // The helper's own definition, and the bench's bulk growth (which
        // bumps the version itself).
        if path.ends_with("/client_row.rs") || path.contains("/demo/") {
            continue;
        }
        if WRITES.iter().any(|w| text.contains(w)) {
            seen += 1;
            if !text.contains("client_values_changed()") {
                unmarked.push(path.clone());
            }
        }
    }
    assert!(
        seen >= 2,
        "found {seen} files writing client values: is the walk right?"
    );
    assert!(
        unmarked.is_empty(),
        "write client values without `unit.client_values_changed()`: {unmarked:?}"
    );
}
