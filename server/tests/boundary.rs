//! The privacy boundary (R1, R3, R7, R8): every text a provider reads is made
//! by the provider lens, and erasure walks the registry. Each test here is a
//! leak that was found in the code before the lens existed; they run on the
//! engine `HANDOFF_TEST_DATABASE_URL` names (the test command runs both).

use handoff::{AuditFilter, TaskInput};
use handoff_server::testkit::{task_input, TestDb, World};
use handoff_server::{clients, disclosure, erasure, task, Member};

const NOW: i64 = 1_790_000_000_000;

async fn field_id(db: &handoff_server::Database, w: &World, label: &str) -> i64 {
    clients::record(db, &w.owner, w.client)
        .await
        .unwrap()
        .custom
        .into_iter()
        .find(|f| f.label == label)
        .unwrap()
        .field_id
}

fn looks(page: &handoff::AuditPage) -> usize {
    page.events
        .iter()
        .filter(|e| e.action == handoff::AuditAction::DisclosedShown)
        .count()
}

#[tokio::test]
async fn contact_details_inside_disclosed_values_and_labels_are_masked_and_flagged() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    for (label, value, kind) in [
        (
            "Portal login",
            "Portal login: jane.doe84@gmail.com",
            "general",
        ),
        ("Call jane.doe84@gmail.com", "Mornings only", "general"),
        ("Best time", "call after 5 on 555 014 2233", "identity"),
        (
            "Intake form",
            "see https://forms.example.org/jane",
            "general",
        ),
    ] {
        clients::save_field(db, &w.owner, w.client, None, (label, value, kind), NOW)
            .await
            .unwrap();
    }
    let mut input = handoff::ClientInput {
        notes: "Reach her on WhatsApp +44 7700 900123 after work.".into(),
        ..handoff_server::testkit::client_input("Maria Gomez", "maria")
    };
    input.email = "maria@mail.example".into();
    clients::update(db, &w.owner, w.client, &input, NOW)
        .await
        .unwrap();
    let task_id = task::create(
        db,
        &w.owner,
        &task_input("Book intake", Some(w.client), Some(&w.ava_actor)),
        NOW,
    )
    .await
    .unwrap();
    let mut keys = vec!["notes".to_string()];
    for label in [
        "Portal login",
        "Call jane.doe84@gmail.com",
        "Best time",
        "Intake form",
    ] {
        keys.push(format!("custom:{}", field_id(db, &w, label).await));
    }
    // The owner is warned before disclosing.
    let owner_view = task::owner_task(db, &w.owner, task_id, NOW).await.unwrap();
    let flagged: Vec<&str> = owner_view
        .disclosure_options
        .iter()
        .filter(|o| o.holds_contact_details)
        .map(|o| o.label.as_str())
        .collect();
    assert_eq!(
        flagged.len(),
        5,
        "every option holding contact details is flagged: {flagged:?}"
    );
    disclosure::set(db, &w.owner, task_id, &keys, true, NOW)
        .await
        .unwrap();
    let page = task::provider_task(db, &w.ava, task_id, NOW).await.unwrap();
    let client = page.client.expect("a client view");
    assert_eq!(client.disclosed.len(), 5, "the fields are shown, masked");
    let shown = format!("{client:?}");
    for secret in [
        "jane.doe84",
        "gmail",
        "2233",
        "forms.example.org",
        "7700",
        "900123",
    ] {
        assert!(
            !shown.contains(secret),
            "{secret} reached the provider: {shown}"
        );
    }
    assert!(
        shown.contains("Mornings only"),
        "the rest of a value still reads: {shown}"
    );
    t.finish().await;
}

#[tokio::test]
async fn the_outcome_kind_reaches_a_provider_only_through_the_lens() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let input = TaskInput {
        outcome_kind: "Maria Gomez booked via maria.g@gmail.com".into(),
        ..task_input("Book intake", Some(w.client), Some(&w.ava_actor))
    };
    let task_id = task::create(db, &w.owner, &input, NOW).await.unwrap();
    let page = task::provider_task(db, &w.ava, task_id, NOW).await.unwrap();
    let line = task::my_tasks(db, &w.ava, NOW).await.unwrap();
    for text in [
        page.work.terms.outcome_kind.as_str(),
        line[0].outcome_kind.as_str(),
    ] {
        assert!(!text.contains("Maria"), "{text}");
        assert!(!text.contains("gmail"), "{text}");
    }
    let json = serde_json::to_string(&line).unwrap();
    assert!(!json.contains("Gomez") && !json.contains("gmail"), "{json}");
    t.finish().await;
}

#[tokio::test]
async fn a_task_without_a_client_is_redacted_against_every_client_of_the_workspace() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    clients::create(
        db,
        &w.owner,
        &handoff_server::testkit::client_input("Jane Doe", "jane"),
        NOW,
    )
    .await
    .unwrap();
    let input = TaskInput {
        title: "Follow up with Jane Doe about her invoice".into(),
        instructions: "Jane Doe and Maria Gomez both asked.".into(),
        ..task_input("x", None, Some(&w.ava_actor))
    };
    let task_id = task::create(db, &w.owner, &input, NOW).await.unwrap();
    let page = task::provider_task(db, &w.ava, task_id, NOW).await.unwrap();
    let text = format!("{} {}", page.title, page.instructions_html);
    for name in ["Jane Doe", "Maria Gomez"] {
        assert!(!text.contains(name), "{name} reached the provider: {text}");
    }
    assert!(page.title.as_str().contains("about her invoice"));
    // Another workspace's clients are nobody's business here.
    let mine = task::my_tasks(db, &w.ava, NOW).await.unwrap();
    assert!(!format!("{mine:?}").contains("Jane Doe"));
    t.finish().await;
}

#[tokio::test]
async fn a_former_clients_values_stay_masked_after_the_task_changes_client() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let other = clients::create(
        db,
        &w.owner,
        &handoff_server::testkit::client_input("Oskar Lind", "oskar"),
        NOW,
    )
    .await
    .unwrap();
    let input = TaskInput {
        instructions:
            "Her file: maria@mail.example, born 1984-03-27, 12 maria Street, Springfield.".into(),
        ..task_input("Book intake", Some(w.client), Some(&w.ava_actor))
    };
    let task_id = task::create(db, &w.owner, &input, NOW).await.unwrap();
    let moved = TaskInput {
        client_id: other.to_string(),
        ..input
    };
    task::update(db, &w.owner, task_id, 1, &moved, NOW)
        .await
        .unwrap();
    let page = task::provider_task(db, &w.ava, task_id, NOW).await.unwrap();
    let html = page.instructions_html.as_str();
    for secret in ["1984-03-27", "12 maria Street"] {
        assert!(
            !html.contains(secret),
            "{secret} of the former client reached the provider: {html}"
        );
    }
    t.finish().await;
}

#[tokio::test]
async fn an_edited_clients_earlier_values_stay_masked() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let input = TaskInput {
        instructions: "Ask Maria Gomez (born 1984-03-27) about the blue folder.".into(),
        ..task_input("Book intake", Some(w.client), Some(&w.ava_actor))
    };
    let task_id = task::create(db, &w.owner, &input, NOW).await.unwrap();
    let renamed = handoff::ClientInput {
        name: "Maria Castillo".into(),
        date_of_birth: "1984-03-28".into(),
        ..handoff_server::testkit::client_input("Maria Gomez", "maria")
    };
    clients::update(db, &w.owner, w.client, &renamed, NOW)
        .await
        .unwrap();
    let page = task::provider_task(db, &w.ava, task_id, NOW).await.unwrap();
    let html = page.instructions_html.as_str();
    assert!(
        !html.contains("Maria Gomez") && !html.contains("1984-03-27"),
        "{html}"
    );
    t.finish().await;
}

#[tokio::test]
async fn the_owners_preview_is_exactly_what_the_provider_gets() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    clients::create(
        db,
        &w.owner,
        &handoff_server::testkit::client_input("Jane Doe", "jane"),
        NOW,
    )
    .await
    .unwrap();
    let input = TaskInput {
        title: "Call Maria Gomez and Jane Doe".into(),
        instructions: "Maria Gomez (maria@mail.example, 1984-03-27) and Jane Doe.".into(),
        outcome_kind: "Maria Gomez booked".into(),
        ..task_input("x", Some(w.client), Some(&w.ava_actor))
    };
    // Before saving: the editor's preview, asked of the server, which knows
    // the chosen client.
    let texts = [
        input.title.clone(),
        input.outcome_kind.clone(),
        input.instructions.clone(),
    ];
    let preview = task::preview_texts(db, &w.owner, None, Some(w.client), &texts)
        .await
        .unwrap();
    let (title, kind, instructions) = (&preview[0], &preview[1], &preview[2]);
    let hidden = &instructions.parts;
    let task_id = task::create(db, &w.owner, &input, NOW).await.unwrap();
    let page = task::provider_task(db, &w.ava, task_id, NOW).await.unwrap();
    assert_eq!(page.title.as_str(), title.seen);
    assert_eq!(title.hidden, 2, "both names in the title are hidden");
    assert_eq!(page.work.terms.outcome_kind.as_str(), kind.seen);
    let rendered = handoff_server::markdown::to_safe_html(&instructions.seen);
    assert_eq!(page.instructions_html.as_str(), rendered);
    // "Call Maria Gomez and Jane Doe": the provider cannot, and is told so.
    assert_eq!(title.unreachable.len(), 1, "{title:?}");
    assert!(
        hidden.len() >= 3,
        "name, e-mail, date of birth and the other client"
    );
    for secret in [
        "Maria",
        "Gomez",
        "maria@mail.example",
        "1984-03-27",
        "Jane Doe",
    ] {
        assert!(!instructions.seen.contains(secret), "{instructions:?}");
    }
    // Saved: the preview of the saved task is the provider's page.
    let saved = task::preview_texts(db, &w.owner, Some(task_id), Some(w.client), &texts)
        .await
        .unwrap();
    assert_eq!(saved[0].seen, page.title.as_str());
    // Another workspace's owner previews nothing of this task.
    assert!(
        task::preview_texts(db, &w.stranger, Some(task_id), None, &texts)
            .await
            .is_err()
    );
    t.finish().await;
}

#[tokio::test]
async fn every_look_at_disclosed_data_through_the_lens_is_recorded() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let task_id = task::create(
        db,
        &w.owner,
        &task_input("Book intake", Some(w.client), Some(&w.ava_actor)),
        NOW,
    )
    .await
    .unwrap();
    disclosure::set(db, &w.owner, task_id, &["date_of_birth".into()], true, NOW)
        .await
        .unwrap();
    let before = looks(
        &handoff_server::audit::page(db, &w.owner, &AuditFilter::default(), 1)
            .await
            .unwrap(),
    );
    task::provider_task(db, &w.ava, task_id, NOW).await.unwrap();
    let after = looks(
        &handoff_server::audit::page(db, &w.owner, &AuditFilter::default(), 1)
            .await
            .unwrap(),
    );
    assert_eq!(after, before + 1);
    // Another provider reaches nothing of it (R7), and nothing is logged.
    assert!(task::provider_task(db, &w.ben, task_id, NOW).await.is_err());
    let member = Member::Provider(w.ben.clone());
    assert!(task::move_task(db, &member, task_id, 1, "start", "", NOW)
        .await
        .is_err());
    t.finish().await;
}

#[tokio::test]
async fn every_text_column_of_the_schema_is_classified_for_erasure() {
    let t = TestDb::new().await;
    let db = &t.db;
    let missing = erasure::unclassified_text_columns(db).await.unwrap();
    assert!(
        missing.is_empty(),
        "text columns erasure does not know: {missing:?}"
    );
    // A new feature that stores text and forgets erasure fails this test.
    db.execute_raw("ALTER TABLE tasks ADD COLUMN summary TEXT")
        .await
        .unwrap();
    let missing = erasure::unclassified_text_columns(db).await.unwrap();
    assert_eq!(missing, vec![("tasks".to_string(), "summary".to_string())]);
    t.finish().await;
}

#[tokio::test]
async fn erasure_reaches_former_tasks_other_tasks_outcome_kinds_and_earlier_values() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    if db.kind() == handoff::DatabaseKind::Sqlite {
        assert!(db.sqlite_secure_delete().await.unwrap());
    }
    let other = clients::create(
        db,
        &w.owner,
        &handoff_server::testkit::client_input("Oskar Lind", "oskar"),
        NOW,
    )
    .await
    .unwrap();
    // A task that used to be Maria's.
    let former = TaskInput {
        title: "Maria Gomez intake".into(),
        outcome_kind: "Maria Gomez booked".into(),
        ..task_input("x", Some(w.client), None)
    };
    let former_id = task::create(db, &w.owner, &former, NOW).await.unwrap();
    task::update(
        db,
        &w.owner,
        former_id,
        1,
        &TaskInput {
            client_id: other.to_string(),
            ..former
        },
        NOW,
    )
    .await
    .unwrap();
    // A task about someone else that mentions her, and her old name.
    clients::update(
        db,
        &w.owner,
        w.client,
        &handoff::ClientInput {
            name: "Maria Castillo".into(),
            ..handoff_server::testkit::client_input("Maria Gomez", "maria")
        },
        NOW,
    )
    .await
    .unwrap();
    let mention = TaskInput {
        instructions: "Oskar was referred by Maria Castillo (maria@mail.example).".into(),
        ..task_input("Oskar's intake", Some(other), None)
    };
    let mention_id = task::create(db, &w.owner, &mention, NOW).await.unwrap();
    erasure::erase_client(db, &w.owner, w.client, NOW)
        .await
        .unwrap();
    for id in [former_id, mention_id] {
        let task = task::owner_task(db, &w.owner, id, NOW).await.unwrap();
        let text = format!("{:?}", task.input);
        for secret in ["Maria", "Gomez", "Castillo", "maria@mail.example"] {
            assert!(
                !text.contains(secret),
                "{secret} survived erasure in task {id}: {text}"
            );
        }
    }
    t.finish().await;
}

#[tokio::test]
async fn the_database_refuses_a_task_state_priority_or_audit_action_it_does_not_know() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let task_id = task::create(
        db,
        &w.owner,
        &task_input("Book intake", Some(w.client), None),
        NOW,
    )
    .await
    .unwrap();
    for set in [
        "state = 'finished'",
        "priority = 'whenever'",
        "price_kind = 'hourly'",
    ] {
        let refused = db
            .execute_raw(&format!("UPDATE tasks SET {set} WHERE id = {task_id}"))
            .await;
        assert!(refused.is_err(), "{set} was stored");
    }
    // The rebuilt table still holds the task, its indexes and its timeline.
    let view = task::owner_task(db, &w.owner, task_id, NOW).await.unwrap();
    assert_eq!(view.work.timeline.len(), 1);

    // The audit log takes every action of `AuditAction` and no other word:
    // the enum and the migrations' CHECK agree.
    let ws = w.owner.workspace_id();
    let insert = |action: &str| {
        format!(
            "INSERT INTO audit_events (workspace_id, at, action, detail) \
             VALUES ({ws}, {NOW}, '{action}', '')"
        )
    };
    for action in handoff::AuditAction::ALL {
        let stored = db.execute_raw(&insert(action.as_str())).await;
        assert!(stored.is_ok(), "{action:?} refused: {stored:?}");
    }
    for unknown in ["sign_out", "SignIn", ""] {
        let refused = db.execute_raw(&insert(unknown)).await;
        assert!(refused.is_err(), "{unknown:?} was stored");
    }
    // Still append-only after its rebuild.
    let changed = db.execute_raw("UPDATE audit_events SET detail = 'x'").await;
    assert!(changed.is_err(), "the audit log took an update");
    t.finish().await;
}

#[tokio::test]
async fn client_values_are_recognised_as_people_write_them() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    // The kit's client: Maria Gomez, 12 maria Street, Springfield, born
    // 1984-03-27, notes "Prefers mornings. Her maria file is in the blue
    // folder."
    let input = TaskInput {
        instructions: [
            "Maria  Gomez called.",
            "**Maria** Gomez again.",
            "Ask Maria G. about it.",
            "GOMEZ is on the list.",
            "Post it to 12 Maria St.",
            "Born 27/03/1984.",
            "her maria file is in the blue folder",
        ]
        .join("\n\n"),
        ..task_input("Book intake", Some(w.client), Some(&w.ava_actor))
    };
    let task_id = task::create(db, &w.owner, &input, NOW).await.unwrap();
    let page = task::provider_task(db, &w.ava, task_id, NOW).await.unwrap();
    let html = page.instructions_html.as_str().to_lowercase();
    for secret in [
        "gomez",
        "maria g",
        "12 maria st",
        "27/03/1984",
        "blue folder",
    ] {
        assert!(
            !html.contains(secret),
            "{secret} reached the provider: {html}"
        );
    }
    t.finish().await;
}
