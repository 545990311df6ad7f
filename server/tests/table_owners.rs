//! Each table's SQL lives in the one module that owns it: a statement
//! belongs to the table it is about (what it selects from, inserts into,
//! updates or deletes from) and may join others only to scope or name its
//! rows. Other modules call the owner. The erasure walk (it visits every
//! registered column by design), the demo's bulk seed and the test fixtures
//! are not features and may reach any table.

use std::path::Path;

/// Table → the files (path fragments under `server/src/`) that own it.
const OWNERS: &[(&str, &[&str])] = &[
    ("audit_events", &["/audit/"]),
    (
        "clients",
        &["/clients.rs", "/client_row.rs", "/client_refs.rs"],
    ),
    ("client_fields", &["/clients.rs", "/client_row.rs"]),
    ("client_former_values", &["/client_row.rs"]),
    ("drafts", &["/draft.rs"]),
    ("idempotency_keys", &["/idempotency.rs"]),
    ("invitations", &["/team/"]),
    ("session_flash", &["/team/"]),
    ("live_events", &["/live/store.rs"]),
    ("mail_digest_items", &["/mail/digest_store.rs"]),
    ("mail_opt_outs", &["/mail/preferences.rs"]),
    ("mail_outbox", &["/mail/store.rs"]),
    ("mail_suppressed", &["/mail/store.rs"]),
    // Each feature owns its columns; `member_row` holds the reads others make.
    (
        "members",
        &[
            "/accounts.rs",
            "/profile.rs",
            "/team/",
            "/two_factor/",
            "/member_row.rs",
        ],
    ),
    ("member_former_names", &["/profile.rs", "/member_row.rs"]),
    ("password_resets", &["/reset.rs"]),
    ("portal_links", &["/portal/"]),
    ("portal_sessions", &["/portal/session.rs"]),
    ("recovery_codes", &["/two_factor/"]),
    ("sign_in_challenges", &["/two_factor/challenge.rs"]),
    ("relay_requests", &["/relay/"]),
    ("reviews", &["/task/timeline.rs"]),
    ("submissions", &["/task/timeline.rs"]),
    ("task_events", &["/task/timeline.rs"]),
    ("sessions", &["/session.rs"]),
    ("sign_in_throttle", &["/throttle.rs"]),
    ("sign_in_failures", &["/throttle.rs"]),
    ("task_disclosures", &["/disclosure.rs"]),
    ("task_former_clients", &["/task/store.rs"]),
    ("tasks", &["/task/"]),
    ("threads", &["/thread/"]),
    ("thread_messages", &["/thread/"]),
    ("read_cursors", &["/thread/"]),
    ("workspaces", &["/workspace.rs"]),
];

/// Not features: they may reach any table.
const ANYWHERE: &[&str] = &["/erasure/", "/demo/", "/testkit.rs", "/bulk.rs"];

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

/// The string literals of a Rust source, `\`-continued lines joined.
fn literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut in_comment = false;
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        if in_comment {
            if c == '\n' {
                in_comment = false;
            }
        } else if c == '/' && chars.peek() == Some(&'/') {
            in_comment = true;
        } else if c == '\'' && previous != '\\' {
            // A char literal such as '"' would open a string: skip it.
            let rest: String = chars.clone().take(3).collect();
            if rest.starts_with("\"'") || rest.starts_with("\\\"'") {
                let skip = if rest.starts_with('"') { 2 } else { 3 };
                for _ in 0..skip {
                    chars.next();
                }
            }
        } else if c == '"' {
            let mut literal = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some('\n') => {
                            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                                chars.next();
                            }
                        }
                        Some(other) => literal.push(other),
                        None => {}
                    },
                    '"' => break,
                    other => literal.push(other),
                }
            }
            out.push(literal);
        }
        previous = c;
    }
    out
}

/// The table a statement is about: the target of its outermost INSERT,
/// UPDATE or DELETE, or its outermost SELECT's first FROM (CTEs and
/// subqueries inside brackets are scoping, not the subject).
fn subject(sql: &str) -> Option<String> {
    let words: Vec<(usize, String)> = {
        let mut depth = 0usize;
        let mut out = Vec::new();
        let mut word = String::new();
        for c in sql.chars().chain(std::iter::once(' ')) {
            if c.is_alphanumeric() || c == '_' {
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                out.push((depth, std::mem::take(&mut word)));
            }
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        out
    };
    let first = words.iter().find(|(d, _)| *d == 0)?;
    let upper = first.1.to_ascii_uppercase();
    // The word after a depth-0 keyword; a derived table (`FROM (SELECT …
    // FROM x …)`) is about the table its own FROM names.
    let after = |keyword: &str| {
        let at = words
            .iter()
            .position(|(d, w)| *d == 0 && w.eq_ignore_ascii_case(keyword))?;
        let (depth, next) = words.get(at + 1)?;
        if *depth > 0 && next.eq_ignore_ascii_case("SELECT") {
            let from = words[at + 1..]
                .iter()
                .position(|(d, w)| d == depth && w.eq_ignore_ascii_case("FROM"))?;
            return Some(words.get(at + 2 + from)?.1.clone());
        }
        Some(next.clone())
    };
    match upper.as_str() {
        "INSERT" => after("INTO"),
        "UPDATE" => Some(words.get(1)?.1.clone()),
        "DELETE" | "SELECT" => after("FROM"),
        "WITH" => {
            // The statement after the CTEs: its last depth-0 verb.
            let verb = words
                .iter()
                .rev()
                .find(|(d, w)| {
                    *d == 0
                        && ["SELECT", "INSERT", "UPDATE", "DELETE"]
                            .contains(&w.to_ascii_uppercase().as_str())
                })?
                .1
                .to_ascii_uppercase();
            subject(&sql[sql.to_ascii_uppercase().rfind(&verb)?..])
        }
        _ => None,
    }
}

fn strays(files: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in files {
        if ANYWHERE.iter().any(|a| path.contains(a)) {
            continue;
        }
        for sql in literals(text) {
            let Some(table) = subject(&sql) else { continue };
            let Some((_, owners)) = OWNERS.iter().find(|(t, _)| *t == table) else {
                continue;
            };
            if !owners.iter().any(|o| path.contains(o)) {
                let short: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
                found.push(format!(
                    "{path}: {table}: {}",
                    &short[..short.len().min(90)]
                ));
            }
        }
    }
    found
}

#[test]
fn the_subject_of_a_statement_is_its_outermost_table() {
    assert_eq!(
        subject("SELECT a FROM tasks t JOIN clients c ON c.id = t.client_id").as_deref(),
        Some("tasks")
    );
    assert_eq!(
        subject("SELECT (SELECT count(*) FROM drafts) FROM members").as_deref(),
        Some("members")
    );
    assert_eq!(
        subject("UPDATE relay_requests SET state = $1 WHERE id IN (SELECT id FROM tasks)")
            .as_deref(),
        Some("relay_requests")
    );
    assert_eq!(
        subject("INSERT INTO audit_events (a) SELECT a FROM tasks").as_deref(),
        Some("audit_events")
    );
    assert_eq!(
        subject("DELETE FROM sessions WHERE member_id = $1").as_deref(),
        Some("sessions")
    );
    assert_eq!(subject(" AND t.state = ").as_deref(), None);
    assert_eq!(
        subject("SELECT COUNT(*) FROM (SELECT 1 FROM thread_messages m LIMIT 9) AS capped")
            .as_deref(),
        Some("thread_messages")
    );
    let text = "let q = sqlx::query(\"SELECT id \\\n     FROM tasks WHERE x = '\\\"'\"); // \"FROM clients\"";
    assert_eq!(
        literals(text),
        vec!["SELECT id FROM tasks WHERE x = '\"'".to_string()]
    );
}

#[test]
fn every_table_is_queried_only_by_its_owner() {
    // The check itself catches a stray statement.
    let planted = vec![(
        "server/src/portal/planted.rs".to_string(),
        "sqlx::query(\"UPDATE tasks SET state = 'done' WHERE id = $1\")".to_string(),
    )];
    assert_eq!(strays(&planted).len(), 1);

    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let found = strays(&files);
    assert!(
        found.is_empty(),
        "SQL outside its table's owner module (call the owner instead):\n{}",
        found.join("\n")
    );
}

/// A new table gets its owner here, or this fails.
#[test]
fn every_table_has_an_owner() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            let Some(rest) = line.trim().strip_prefix("CREATE TABLE ") else {
                continue;
            };
            let name = rest
                .trim_start_matches("IF NOT EXISTS ")
                .split([' ', '('])
                .next()
                .unwrap();
            // Tables rebuilt to change a CHECK are renamed into place.
            if !name.ends_with("_checked") && !OWNERS.iter().any(|(t, _)| *t == name) {
                missing.push(name.to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "tables without an owner module: {missing:?}"
    );
}
