//! The privacy core against a real database: disclosure rules (R1),
//! redaction on the way to a provider (R3), tenant walls (R7), the audit log
//! (R8) and erasure. Runs on the engine `HANDOFF_TEST_DATABASE_URL` names.

mod support;

use handoff::submission::SubmissionInput;
use handoff::{AuditAction, AuditFilter, ClientInput, TaskInput, TaskState};
use handoff_server::testkit::{self, PASSWORD};
use handoff_server::{
    accounts, audit, clients, disclosure, door, erasure, task, Database, Error, Member, Owner,
    Provider,
};
use support::{hasher, TestDb};

const NOW: i64 = 1_790_000_000_000;

/// A workspace's first owner, from the test kit (America/New_York).
async fn owner(db: &Database, email: &str) -> Owner {
    testkit::owner(&testkit::sign_up(db, "Clinic", email, NOW).await)
}

/// A provider invited by `owner` and joined (Europe/Lisbon), named by their
/// e-mail.
async fn provider(db: &Database, owner: &Owner, email: &str) -> Provider {
    testkit::provider(&testkit::join(db, owner.account(), email, "provider", email, NOW).await)
}

/// A fresh session token for a member of the fixture.
async fn token(db: &Database, email: &str) -> String {
    accounts::sign_in(db, &hasher(), email, PASSWORD, "10.0.0.3", NOW)
        .await
        .unwrap()
        .token
}

fn maria() -> ClientInput {
    ClientInput {
        name: "Maria Gomez".into(),
        email: "maria@example.com".into(),
        phone: "+1 503 555 0142".into(),
        address: "41 Alder Street".into(),
        date_of_birth: "1986-04-12".into(),
        notes: "Prefers afternoons".into(),
    }
}

struct World {
    owner: Owner,
    ava: Provider,
    ben: Provider,
    client_id: i64,
    /// custom field keys by kind
    health: String,
    contact: String,
    task_id: i64,
}

async fn world(db: &Database) -> World {
    let owner = owner(db, "owner@clinic.example").await;
    let ava = provider(db, &owner, "ava@clinic.example").await;
    let ben = provider(db, &owner, "ben@clinic.example").await;
    let client_id = clients::create(db, &owner, &maria(), NOW).await.unwrap();
    for (label, value, kind) in [
        ("Concern", "Sleeplessness", "health"),
        ("Emergency contact", "Luis +1 503 555 0199", "contact"),
    ] {
        clients::save_field(db, &owner, client_id, None, (label, value, kind), NOW)
            .await
            .unwrap();
    }
    let record = clients::record(db, &owner, client_id).await.unwrap();
    let key = |label: &str| {
        let f = record.custom.iter().find(|f| f.label == label).unwrap();
        format!("custom:{}", f.field_id)
    };
    let task_id = task::create(
        db,
        &owner,
        &TaskInput {
            title: "Book Maria Gomez's intake".into(),
            instructions: "Call Maria Gomez on +1 503 555 0142 or maria@example.com. She prefers afternoons; see **notes**.".into(),
            client_id: client_id.to_string(),
            assignee_id: ava.member_id().to_string(),
            outcome_kind: "intake booked".into(),
            ..TaskInput::default()
        },
        NOW,
    )
    .await
    .unwrap();
    World {
        health: key("Concern"),
        contact: key("Emergency contact"),
        owner,
        ava,
        ben,
        client_id,
        task_id,
    }
}

fn field_of(e: Error) -> String {
    match e {
        Error::Invalid(fields) => fields[0].field.clone(),
        other => panic!("expected a field error, got {other:?}"),
    }
}

async fn actions(db: &Database, owner: &Owner, action: AuditAction) -> Vec<String> {
    let filter = AuditFilter {
        action: action.as_str().into(),
        ..AuditFilter::default()
    };
    audit::page(db, owner, &filter, 1)
        .await
        .unwrap()
        .events
        .into_iter()
        .map(|e| e.detail)
        .collect()
}

#[tokio::test]
async fn contact_fields_are_never_disclosed_and_sensitive_ones_need_confirmation() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = world(db).await;
    for key in ["email", "phone", "address", w.contact.as_str()] {
        let e = disclosure::set(db, &w.owner, w.task_id, &[key.to_string()], true, NOW)
            .await
            .unwrap_err();
        assert_eq!(field_of(e), "fields", "{key} must be refused");
    }
    let e = disclosure::set(
        db,
        &w.owner,
        w.task_id,
        std::slice::from_ref(&w.health),
        false,
        NOW,
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(e), "confirm_sensitive");
    assert!(actions(db, &w.owner, AuditAction::DisclosureAdded)
        .await
        .is_empty());

    disclosure::set(
        db,
        &w.owner,
        w.task_id,
        &[w.health.clone(), "name".into()],
        true,
        NOW,
    )
    .await
    .unwrap();
    let added = actions(db, &w.owner, AuditAction::DisclosureAdded).await;
    assert_eq!(added.len(), 2);
    assert!(added
        .iter()
        .any(|d| d.contains("Concern") && d.contains("confirmed")));
    // The options offered to the owner leave contact fields out entirely.
    let task = task::owner_task(db, &w.owner, w.task_id, NOW)
        .await
        .unwrap();
    let offered: Vec<&str> = task
        .disclosure_options
        .iter()
        .map(|o| o.key.as_str())
        .collect();
    assert!(!offered.contains(&"email") && !offered.contains(&w.contact.as_str()));
    assert!(offered.contains(&"name") && offered.contains(&w.health.as_str()));
    t.finish().await;
}

#[tokio::test]
async fn a_provider_sees_the_alias_the_disclosed_fields_and_redacted_text_only() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = world(db).await;
    disclosure::set(
        db,
        &w.owner,
        w.task_id,
        std::slice::from_ref(&w.health),
        true,
        NOW,
    )
    .await
    .unwrap();
    let task = task::provider_task(db, &w.ava, w.task_id, NOW)
        .await
        .unwrap();
    let client = task.client.clone().unwrap();
    assert!(client.alias.to_string().starts_with("Client "));
    assert_eq!(client.disclosed.len(), 1);
    assert_eq!(client.disclosed[0].value.as_str(), "Sleeplessness");
    let everything = format!("{task:?}");
    for secret in [
        "Maria",
        "Gomez",
        "555 0142",
        "maria@example.com",
        "Alder",
        "afternoons",
    ] {
        assert!(
            !everything.contains(secret),
            "{secret} reached the provider: {everything}"
        );
    }
    assert!(task
        .instructions_html
        .as_str()
        .contains("[client detail hidden]"));
    assert!(task
        .instructions_html
        .as_str()
        .contains("<strong>notes</strong>"));
    // The look was logged, with the fields it showed.
    let shown = actions(db, &w.owner, AuditAction::DisclosedShown).await;
    assert_eq!(shown, vec!["Concern".to_string()]);
    let lines = task::my_tasks(db, &w.ava, NOW).await.unwrap();
    assert_eq!(lines.len(), 1);
    assert!(!lines[0].title.as_str().contains("Maria"));
    t.finish().await;
}

#[tokio::test]
async fn a_disclosed_value_in_a_task_title_is_logged_when_listed() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = world(db).await;
    let lines = task::my_tasks(db, &w.ava, NOW).await.unwrap();
    assert_eq!(
        lines[0].title.as_str(),
        "Book [client detail hidden]'s intake"
    );
    assert!(actions(db, &w.owner, AuditAction::DisclosedShown)
        .await
        .is_empty());
    disclosure::set(db, &w.owner, w.task_id, &["name".into()], true, NOW)
        .await
        .unwrap();
    let lines = task::my_tasks(db, &w.ava, NOW).await.unwrap();
    assert_eq!(lines[0].title.as_str(), "Book Maria Gomez's intake");
    assert_eq!(
        actions(db, &w.owner, AuditAction::DisclosedShown).await,
        vec!["Name".to_string()]
    );
    t.finish().await;
}

#[tokio::test]
async fn tasks_are_walls_between_providers_roles_and_workspaces() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = world(db).await;
    let other = owner(db, "owner@other.example").await;
    assert!(matches!(
        task::provider_task(db, &w.ben, w.task_id, NOW).await,
        Err(Error::NotFound)
    ));
    assert!(task::my_tasks(db, &w.ben, NOW).await.unwrap().is_empty());
    // Roles: a provider's read takes a `Provider` and a client record an
    // `Owner`, so the wrong role's call does not compile; what is left to
    // check is that the doors will not hand out the other role's capability.
    let owner_token = token(db, "owner@clinic.example").await;
    let ava_token = token(db, "ava@clinic.example").await;
    assert!(matches!(
        door::provider(db, Some(&owner_token), NOW).await,
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        door::owner(db, Some(&ava_token), NOW).await,
        Err(Error::Forbidden)
    ));
    // The right door for each gives what the use cases need.
    let ava = door::provider(db, Some(&ava_token), NOW).await.unwrap();
    task::provider_task(db, &ava, w.task_id, NOW).await.unwrap();
    let own = door::owner(db, Some(&owner_token), NOW).await.unwrap();
    clients::record(db, &own, w.client_id).await.unwrap();
    assert!(matches!(
        clients::record(db, &other, w.client_id).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        task::owner_task(db, &other, w.task_id, NOW).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        disclosure::set(db, &other, w.task_id, &["name".into()], true, NOW).await,
        Err(Error::NotFound)
    ));
    assert!(clients::list(db, &other, "", 1)
        .await
        .unwrap()
        .clients
        .is_empty());
    // Another workspace's client cannot be named on a task.
    let e = task::create(
        db,
        &other,
        &TaskInput {
            title: "Steal".into(),
            client_id: w.client_id.to_string(),
            ..TaskInput::default()
        },
        NOW,
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(e), "client_id");
    t.finish().await;
}

#[tokio::test]
async fn disclosures_end_when_the_task_is_reassigned_or_cancelled() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = world(db).await;
    disclosure::set(db, &w.owner, w.task_id, &["name".into()], true, NOW)
        .await
        .unwrap();
    let mut input = TaskInput {
        title: "Book the intake".into(),
        instructions: "Call them.".into(),
        client_id: w.client_id.to_string(),
        assignee_id: w.ben.member_id().to_string(),
        outcome_kind: "intake booked".into(),
        ..TaskInput::default()
    };
    task::update(db, &w.owner, w.task_id, 1, &input, NOW)
        .await
        .unwrap();
    let ended = actions(db, &w.owner, AuditAction::DisclosuresEnded).await;
    assert_eq!(ended, vec!["the task was reassigned: Name".to_string()]);
    let task = task::provider_task(db, &w.ben, w.task_id, NOW)
        .await
        .unwrap();
    assert!(task.client.unwrap().disclosed.is_empty());
    assert_eq!(task.state, TaskState::Assigned);
    assert!(matches!(
        task::provider_task(db, &w.ava, w.task_id, NOW).await,
        Err(Error::NotFound)
    ));

    // A stale edit is refused, not applied.
    input.title = "Stale".into();
    assert!(matches!(
        task::update(db, &w.owner, w.task_id, 1, &input, NOW).await,
        Err(Error::Conflict(2))
    ));

    disclosure::set(db, &w.owner, w.task_id, &["name".into()], true, NOW)
        .await
        .unwrap();
    let version = task::owner_task(db, &w.owner, w.task_id, NOW)
        .await
        .unwrap()
        .version;
    task::cancel(db, &w.owner, w.task_id, version, NOW)
        .await
        .unwrap();
    let task = task::provider_task(db, &w.ben, w.task_id, NOW)
        .await
        .unwrap();
    assert_eq!(task.state, TaskState::Cancelled);
    assert!(task.client.unwrap().disclosed.is_empty());
    assert!(
        disclosure::set(db, &w.owner, w.task_id, &["name".into()], true, NOW)
            .await
            .is_err()
    );
    t.finish().await;
}

#[tokio::test]
async fn erasure_wipes_every_copy_and_keeps_the_alias() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = world(db).await;
    disclosure::set(db, &w.owner, w.task_id, &["name".into()], true, NOW)
        .await
        .unwrap();
    let alias = clients::record(db, &w.owner, w.client_id)
        .await
        .unwrap()
        .alias;
    // Copies in the work loop: criteria, outcome target, a submission.
    let edit = TaskInput {
        title: "Book Maria Gomez's intake".into(),
        instructions: "Call Maria Gomez.".into(),
        client_id: w.client_id.to_string(),
        assignee_id: w.ava.member_id().to_string(),
        criteria: "Maria Gomez booked\nConfirmed at maria@example.com".into(),
        outcome_kind: "intake booked".into(),
        outcome_target: "Maria Gomez in the calendar".into(),
        ..TaskInput::default()
    };
    task::update(db, &w.owner, w.task_id, 1, &edit, NOW)
        .await
        .unwrap();
    task::move_task(
        db,
        &Member::Provider(w.ava.clone()),
        w.task_id,
        2,
        "start",
        "",
        NOW,
    )
    .await
    .unwrap();
    let work = SubmissionInput {
        body: "Spoke to Maria Gomez on +1 503 555 0142.".into(),
        achieved: "yes".into(),
        result_value: "Maria Gomez booked".into(),
        note: "She prefers afternoons".into(),
        met: vec![0, 1],
    };
    task::submit(db, &w.ava, w.task_id, 3, &work, None, NOW)
        .await
        .unwrap();
    erasure::erase_client(db, &w.owner, w.client_id, NOW)
        .await
        .unwrap();
    let record = clients::record(db, &w.owner, w.client_id).await.unwrap();
    assert!(record.erased);
    assert_eq!(record.alias, alias);
    assert_eq!(record.input, ClientInput::default());
    assert!(record.custom.is_empty());
    let task = task::owner_task(db, &w.owner, w.task_id, NOW)
        .await
        .unwrap();
    assert!(task.work.submission.is_some());
    let text = format!(
        "{} {} {} {} {:?}",
        task.input.title,
        task.input.instructions,
        task.input.criteria,
        task.input.outcome_target,
        task.work.submission
    );
    for secret in [
        "Maria",
        "Gomez",
        "555 0142",
        "maria@example.com",
        "afternoons",
    ] {
        assert!(!text.contains(secret), "{secret} survived erasure: {text}");
    }
    assert!(task.disclosure_options.is_empty());
    assert_eq!(
        actions(db, &w.owner, AuditAction::ClientErased).await.len(),
        1
    );
    // Erased clients cannot be edited again.
    assert!(clients::update(db, &w.owner, w.client_id, &maria(), NOW)
        .await
        .is_err());
    t.finish().await;
}

#[tokio::test]
async fn aliases_are_unique_and_search_finds_names_and_aliases() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = world(db).await;
    let mut aliases = std::collections::HashSet::new();
    for i in 0..30 {
        let input = ClientInput {
            name: format!("Client number {i:02}"),
            ..ClientInput::default()
        };
        clients::create(db, &w.owner, &input, NOW).await.unwrap();
    }
    let page = clients::list(db, &w.owner, "", 1).await.unwrap();
    assert_eq!(page.clients.len(), 25);
    assert!(page.has_more);
    let second = clients::list(db, &w.owner, "", 2).await.unwrap();
    assert_eq!(second.clients.len(), 6);
    assert!(!second.has_more);
    for c in page.clients.iter().chain(&second.clients) {
        assert!(
            aliases.insert(c.alias.clone()),
            "duplicate alias {}",
            c.alias
        );
        assert!(handoff::Alias::parse(&c.alias).is_some());
    }
    let found = clients::list(db, &w.owner, "GOMEZ", 1).await.unwrap();
    assert_eq!(found.clients.len(), 1);
    let alias = found.clients[0].alias.clone();
    let by_alias = clients::list(db, &w.owner, alias.trim_start_matches("Client "), 1)
        .await
        .unwrap();
    assert_eq!(by_alias.clients[0].name, "Maria Gomez");
    // LIKE wildcards are matched literally.
    assert!(clients::list(db, &w.owner, "%", 1)
        .await
        .unwrap()
        .clients
        .is_empty());
    t.finish().await;
}

#[tokio::test]
async fn the_audit_log_records_sign_ins_filters_exports_and_refuses_changes() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = world(db).await;
    let ava_session = accounts::sign_in(
        db,
        &hasher(),
        "ava@clinic.example",
        PASSWORD,
        "10.0.0.2",
        NOW,
    )
    .await
    .unwrap();
    let sign_ins = audit::page(
        db,
        &w.owner,
        &AuditFilter {
            action: "sign_in".into(),
            member_id: w.ava.member_id().to_string(),
            ..AuditFilter::default()
        },
        1,
    )
    .await
    .unwrap();
    // Accepting the invitation and the sign-in above.
    assert_eq!(sign_ins.events.len(), 2);
    assert!(sign_ins
        .events
        .iter()
        .all(|e| e.member_name.as_deref() == Some("ava@clinic.example")));
    // Dates are read in the viewer's zone; a range before everything is empty.
    let none = audit::page(
        db,
        &w.owner,
        &AuditFilter {
            to: "2020-01-01".into(),
            ..AuditFilter::default()
        },
        1,
    )
    .await
    .unwrap();
    assert!(none.events.is_empty());
    let bad = audit::page(
        db,
        &w.owner,
        &AuditFilter {
            from: "yesterday".into(),
            ..AuditFilter::default()
        },
        1,
    )
    .await;
    assert_eq!(field_of(bad.unwrap_err()), "from");
    // A "To" before "From" would match nothing without a word: it is refused
    // beside "To"; one day for both is a range of that day.
    let reversed = |from: &str, to: &str| AuditFilter {
        from: from.into(),
        to: to.into(),
        ..AuditFilter::default()
    };
    let bad = audit::page(db, &w.owner, &reversed("2026-03-02", "2026-03-01"), 1).await;
    assert_eq!(field_of(bad.unwrap_err()), "to");
    assert!(
        audit::page(db, &w.owner, &reversed("2026-03-01", "2026-03-01"), 1)
            .await
            .is_ok()
    );
    // Reading and exporting the log both take an `Owner`: a provider's call
    // does not compile, and the door will not make an owner of Ava's session.
    assert!(matches!(
        door::owner(db, Some(&ava_session.token), NOW).await,
        Err(Error::Forbidden)
    ));

    // A disclosure is an event about the client.
    disclosure::set(db, &w.owner, w.task_id, &["name".into()], true, NOW)
        .await
        .unwrap();
    let csv = audit::export_csv(db, &w.owner, &AuditFilter::default(), NOW)
        .await
        .unwrap();
    // The header names the viewer's zone: the test kit's owners keep
    // America/New_York.
    assert!(
        csv.starts_with("when (America/New_York),member,action,client,client name,task,detail\n")
    );
    // Owners read the client's name beside the alias, as on the page.
    assert!(
        csv.lines()
            .any(|l| l.contains("Client ") && l.contains(",Maria Gomez,")),
        "{csv}"
    );
    assert!(csv.contains("Audit log exported"));
    assert!(csv.contains("Signed in"));

    // Append-only, enforced by the database itself.
    assert!(raw_execute(db, "UPDATE audit_events SET detail = 'x'")
        .await
        .is_err());
    assert!(raw_execute(db, "DELETE FROM audit_events").await.is_err());
    t.finish().await;
}

/// Runs one statement in its own write transaction, for tests that check
/// what the database itself refuses.
async fn raw_execute(db: &Database, sql: &str) -> Result<(), String> {
    let mut tx = db.begin_write().await.map_err(|e| e.to_string())?;
    sqlx::query(sql)
        .execute(&mut *tx)
        .await
        .map_err(|e| e.to_string())?;
    tx.commit().await.map_err(|e| e.to_string())
}

#[tokio::test]
async fn part_of_an_alias_finds_its_client_with_or_without_dash_and_prefix() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = world(db).await;
    let james = clients::create(
        db,
        &w.owner,
        &ClientInput {
            name: "James O'Connor".into(),
            ..ClientInput::default()
        },
        NOW,
    )
    .await
    .unwrap();
    let alias = clients::record(db, &w.owner, w.client_id)
        .await
        .unwrap()
        .alias;
    let code = alias.trim_start_matches("Client "); // e.g. 9Y6-4M
    let head = &code[..3]; // 9Y6
    let across = format!("{}{}", &code[1..3], &code[4..5]); // Y64, across the dash
    let across_dashed = &code[1..5]; // Y6-4
    for typed in [
        head.to_string(),
        head.to_lowercase(),
        across,
        across_dashed.to_string(),
        format!("Client {head}"),
        format!("client {}", &code[..5]),
    ] {
        let found = clients::list(db, &w.owner, &typed, 1).await.unwrap();
        assert!(
            found.clients.iter().any(|c| c.client_id == w.client_id),
            "{typed:?} should find {alias}"
        );
        // James has another alias; he turns up only if his shares the part.
        let james_alias = clients::record(db, &w.owner, james).await.unwrap().alias;
        let shares = james_alias
            .trim_start_matches("Client ")
            .replace('-', "")
            .contains(
                &typed
                    .to_uppercase()
                    .trim_start_matches("CLIENT ")
                    .replace('-', ""),
            );
        assert_eq!(
            found.clients.iter().any(|c| c.client_id == james),
            shares,
            "{typed:?} against {james_alias}"
        );
    }
    // Another workspace's clients stay out of it.
    let other = owner(db, "other@clinic.example").await;
    assert!(clients::list(db, &other, head, 1)
        .await
        .unwrap()
        .clients
        .is_empty());
    t.finish().await;
}

#[tokio::test]
async fn the_audit_log_names_the_client_beside_the_alias_until_erasure() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = world(db).await;
    disclosure::set(db, &w.owner, w.task_id, &["name".into()], true, NOW)
        .await
        .unwrap();
    let alias = clients::record(db, &w.owner, w.client_id)
        .await
        .unwrap()
        .alias;
    let filter = AuditFilter {
        action: AuditAction::DisclosureAdded.as_str().into(),
        ..AuditFilter::default()
    };
    let event = audit::page(db, &w.owner, &filter, 1).await.unwrap().events[0].clone();
    assert_eq!(event.client_alias.as_deref(), Some(alias.as_str()));
    assert_eq!(event.client_name.as_deref(), Some("Maria Gomez"));

    erasure::erase_client(db, &w.owner, w.client_id, NOW + 1)
        .await
        .unwrap();
    let event = audit::page(db, &w.owner, &filter, 1).await.unwrap().events[0].clone();
    assert_eq!(event.client_alias.as_deref(), Some(alias.as_str()));
    assert_eq!(event.client_name, None);
    t.finish().await;
}
