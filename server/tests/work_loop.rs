//! The work loop against a real database: a task from draft to accepted
//! through a round of changes, every illegal move refused by the server for
//! each role and state, and stale changes refused as conflicts (R4, R5).

mod support;

use handoff::submission::{ReviewInput, SubmissionInput};
use handoff::task::BoardLayout;
use handoff::{TaskInput, TaskState};
use handoff_server::testkit::{self, PASSWORD};
use handoff_server::{accounts, door, task, Database, Error, Member, Owner, Provider};
use support::{hasher, TestDb};

const NOW: i64 = 1_790_000_000_000;

/// The shop's people, from the test kit: an owner (America/New_York) and
/// two providers (Europe/Lisbon), each named by their e-mail.
async fn people(db: &Database) -> (Owner, Provider, Provider) {
    let owner = testkit::sign_up(db, "Shop", "owner@shop.example", NOW).await;
    let ava = testkit::join(
        db,
        &owner,
        "ava@shop.example",
        "provider",
        "ava@shop.example",
        NOW,
    )
    .await;
    let ben = testkit::join(
        db,
        &owner,
        "ben@shop.example",
        "provider",
        "ben@shop.example",
        NOW,
    )
    .await;
    (
        testkit::owner(&owner),
        testkit::provider(&ava),
        testkit::provider(&ben),
    )
}

/// The moves either role may ask for take a member.
fn owner_m(owner: &Owner) -> Member {
    Member::Owner(owner.clone())
}

fn provider_m(provider: &Provider) -> Member {
    Member::Provider(provider.clone())
}

fn input(assignee: &Provider) -> TaskInput {
    TaskInput {
        title: "Reconcile invoices".into(),
        instructions: "Match them.".into(),
        assignee_id: assignee.member_id().to_string(),
        criteria: "All matched\nDifferences listed".into(),
        outcome_kind: "invoice reconciled".into(),
        price_kind: "bonus".into(),
        price: "60".into(),
        bonus: "15".into(),
        due: "2026-11-30T17:00".into(),
        ..TaskInput::default()
    }
}

async fn state(db: &Database, owner: &Owner, id: i64) -> (TaskState, i64) {
    let t = task::owner_task(db, owner, id, NOW).await.unwrap();
    (t.state, t.version)
}

fn submission() -> SubmissionInput {
    SubmissionInput {
        body: "Done, see the sheet.".into(),
        achieved: "partly".into(),
        result_value: "41 of 43".into(),
        note: String::new(),
        met: vec![0],
    }
}

#[tokio::test]
async fn a_task_runs_from_draft_to_accepted_through_one_round_of_changes() {
    let t = TestDb::new().await;
    let db = &t.db;
    let (owner, ava, _) = people(db).await;
    let id = task::create(db, &owner, &input(&ava), NOW).await.unwrap();
    let (s, v) = state(db, &owner, id).await;
    assert_eq!(s, TaskState::Assigned);
    task::move_task(db, &provider_m(&ava), id, v, "start", "", NOW)
        .await
        .unwrap();
    task::submit(db, &ava, id, v + 1, &submission(), None, NOW)
        .await
        .unwrap();
    let changes = ReviewInput {
        decision: "request_changes".into(),
        feedback: vec![String::new(), "List the two open ones with amounts.".into()],
        process_change: "Add an amount column to the template.".into(),
    };
    task::review(db, &owner, id, v + 2, &changes, NOW)
        .await
        .unwrap();
    let seen = task::provider_task(db, &ava, id, NOW).await.unwrap();
    assert_eq!(seen.state, TaskState::ChangesRequested);
    let review = seen.work.review.unwrap();
    assert_eq!(review.feedback.len(), 1);
    assert_eq!(review.feedback[0].criterion.as_str(), "Differences listed");
    assert_eq!(
        review.process_change, None,
        "process changes stay with owners"
    );
    assert_eq!(seen.work.terms.revisions, 1);
    assert_eq!(
        seen.work.terms.price,
        "USD 60.00 + USD 15.00 bonus if the outcome is achieved"
    );
    let due = seen.work.terms.due.unwrap();
    assert_eq!(due.local, "Mon 30 Nov 2026, 22:00 (Europe/Lisbon)");
    assert_eq!(
        due.other.as_deref(),
        Some("Mon 30 Nov 2026, 17:00 (America/New_York)")
    );

    task::move_task(db, &provider_m(&ava), id, seen.version, "resume", "", NOW)
        .await
        .unwrap();
    task::submit(db, &ava, id, seen.version + 1, &submission(), None, NOW)
        .await
        .unwrap();
    let accept = ReviewInput {
        decision: "accept".into(),
        ..ReviewInput::default()
    };
    task::review(db, &owner, id, seen.version + 2, &accept, NOW)
        .await
        .unwrap();
    let done = task::owner_task(db, &owner, id, NOW).await.unwrap();
    assert_eq!(done.state, TaskState::Accepted);
    let whats: Vec<&str> = done.work.timeline.iter().map(|e| e.what.as_str()).collect();
    assert_eq!(
        whats,
        [
            "Created the task",
            "Assigned it to ava@shop.example",
            "Started work",
            "Submitted round 1 (partly achieved; 1 of 2 criteria met)",
            "Asked for changes (1 note)",
            "Started on the requested changes",
            "Submitted round 2 (partly achieved; 1 of 2 criteria met)",
            "Accepted the work",
        ]
    );
    assert_eq!(done.work.submission.unwrap().round, 2);
    t.finish().await;
}

#[tokio::test]
async fn illegal_moves_are_refused_for_each_role_and_state() {
    let t = TestDb::new().await;
    let db = &t.db;
    let (owner, ava, ben) = people(db).await;
    let id = task::create(db, &owner, &input(&ava), NOW).await.unwrap();
    let refused = |r: Result<(), Error>| match r {
        Err(Error::Invalid(f)) => f[0].message.clone(),
        Err(Error::NotFound) => "not found".into(),
        Err(Error::Forbidden) => "forbidden".into(),
        other => panic!("expected a refusal, got {other:?}"),
    };
    // Assigned: only Ava may start or decline; nothing can be submitted or reviewed.
    let v = state(db, &owner, id).await.1;
    assert_eq!(
        refused(task::move_task(db, &owner_m(&owner), id, v, "start", "", NOW).await),
        "Only the task's provider can do this."
    );
    assert_eq!(
        refused(task::move_task(db, &provider_m(&ben), id, v, "start", "", NOW).await),
        "not found"
    );
    assert_eq!(
        refused(task::move_task(db, &provider_m(&ava), id, v, "resume", "", NOW).await),
        "A task that is assigned cannot be resumed."
    );
    assert_eq!(
        refused(
            task::submit(db, &ava, id, v, &submission(), None, NOW)
                .await
                .map(drop)
        ),
        "A task that is assigned cannot be submitted."
    );
    let accept = ReviewInput {
        decision: "accept".into(),
        ..ReviewInput::default()
    };
    assert_eq!(
        refused(task::review(db, &owner, id, v, &accept, NOW).await),
        "A task that is assigned cannot be accepted."
    );
    // Reviewing takes an owner: a provider's call does not compile, and the
    // door will not make an owner of her session.
    let ava_session =
        accounts::sign_in(db, &hasher(), "ava@shop.example", PASSWORD, "10.0.0.2", NOW)
            .await
            .unwrap();
    assert_eq!(
        refused(
            door::owner(db, Some(&ava_session.token), NOW)
                .await
                .map(|_| ())
        ),
        "forbidden"
    );
    assert_eq!(
        refused(task::move_task(db, &provider_m(&ava), id, v, "cancel", "", NOW).await),
        "Only an owner can do this."
    );
    // Declining needs a reason, then hands the task back as an unassigned draft.
    assert!(matches!(
        task::move_task(db, &provider_m(&ava), id, v, "decline", " ", NOW).await,
        Err(Error::Invalid(_))
    ));
    task::move_task(
        db,
        &provider_m(&ava),
        id,
        v,
        "decline",
        "I am away that week.",
        NOW,
    )
    .await
    .unwrap();
    let back = task::owner_task(db, &owner, id, NOW).await.unwrap();
    assert_eq!(back.state, TaskState::Draft);
    assert!(back.input.assignee_id.is_empty());
    assert!(matches!(
        task::provider_task(db, &ava, id, NOW).await,
        Err(Error::NotFound)
    ));
    // Cancelled is final.
    task::move_task(db, &owner_m(&owner), id, back.version, "cancel", "", NOW)
        .await
        .unwrap();
    let v = state(db, &owner, id).await.1;
    assert_eq!(
        refused(task::move_task(db, &owner_m(&owner), id, v, "cancel", "", NOW).await),
        "A task that is cancelled cannot be cancelled."
    );
    // Long after its due time, a closed task shows when it was due, and is
    // not "overdue".
    let later = NOW + 40 * 24 * 3_600_000;
    let due = task::owner_task(db, &owner, id, later)
        .await
        .unwrap()
        .work
        .terms
        .due
        .unwrap();
    assert!(!due.overdue);
    assert_eq!(due.relative, "");
    assert!(due.local.contains("2026"), "{}", due.local);
    t.finish().await;
}

#[tokio::test]
async fn a_change_based_on_an_old_version_is_refused_not_applied() {
    let t = TestDb::new().await;
    let db = &t.db;
    let (owner, ava, _) = people(db).await;
    let id = task::create(db, &owner, &input(&ava), NOW).await.unwrap();
    let v = state(db, &owner, id).await.1;
    task::move_task(db, &provider_m(&ava), id, v, "start", "", NOW)
        .await
        .unwrap();
    // The owner's edit and the provider's second click both started from v.
    let mut edit = input(&ava);
    edit.title = "Stale title".into();
    assert!(matches!(
        task::update(db, &owner, id, v, &edit, NOW).await,
        Err(Error::Conflict(_))
    ));
    assert!(matches!(
        task::submit(db, &ava, id, v, &submission(), None, NOW).await,
        Err(Error::Conflict(_))
    ));
    let now = task::owner_task(db, &owner, id, NOW).await.unwrap();
    assert_eq!(now.input.title, "Reconcile invoices");
    assert_eq!(now.state, TaskState::InProgress);
    t.finish().await;
}

/// A board page from a workspace with 20,000 tasks: the figure the closing
/// note reports (`cargo test -p handoff-server --release --test work_loop
/// board -- --nocapture`). Correctness is asserted; time only printed.
#[tokio::test]
async fn the_board_reads_one_page_from_twenty_thousand_tasks() {
    let t = TestDb::new().await;
    let db = &t.db;
    let (owner, ava, _) = people(db).await;
    let mut tx = db.begin_write().await.unwrap();
    // Every fifth task closed; due times spread over ±10 days around NOW.
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) \
         INSERT INTO tasks (workspace_id, title, instructions, assignee_id, state, version, created_by, \
         created_at, updated_at, due_at, due_sort, closed, outcome_kind) \
         SELECT $1, 'Bulk task', '', $2, CASE WHEN i % 5 = 0 THEN 'accepted' ELSE 'in_progress' END, 1, $3, $4, $4, \
         $4 + (i % 20 - 10) * 86400000 + i, $4 + (i % 20 - 10) * 86400000 + i, \
         CASE WHEN i % 5 = 0 THEN 1 ELSE 0 END, 'bulk' FROM n",
    )
    .bind(owner.workspace_id())
    .bind(ava.member_id())
    .bind(owner.member_id())
    .bind(NOW)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let filter = handoff::task::BoardFilter::default();
    let mut times = Vec::new();
    for _ in 0..5 {
        let started = std::time::Instant::now();
        let board = task::board(db, &owner, &filter, BoardLayout::List, 3, NOW)
            .await
            .unwrap();
        times.push(started.elapsed());
        assert_eq!(board.tasks.len(), 30);
        assert!(board.has_more);
        assert!(board.tasks.iter().all(|l| l.state == TaskState::InProgress));
        assert!(board
            .tasks
            .windows(2)
            .all(|w| w[0].due.as_ref().unwrap().at_ms <= w[1].due.as_ref().unwrap().at_ms));
        assert!(board.tasks[0].due.as_ref().unwrap().overdue);
    }
    let first = task::board(db, &owner, &filter, BoardLayout::List, 1, NOW)
        .await
        .unwrap();
    assert_eq!(
        first.tasks[0].due.as_ref().unwrap().relative,
        "overdue by 8 d"
    );
    // Columns by state take a bigger page, so a column is not cut at 30.
    let columns = task::board(db, &owner, &filter, BoardLayout::Columns, 1, NOW)
        .await
        .unwrap();
    assert_eq!(columns.tasks.len(), 150);
    assert!(columns.has_more);
    times.sort();
    println!("board page 3 of 20,000 tasks: median {:?}", times[2]);
    t.finish().await;
}

/// The board's lines for a client search: task and client name.
async fn found(db: &Database, owner: &Owner, search: String) -> Vec<(i64, Option<String>)> {
    let filter = handoff::task::BoardFilter {
        client_alias: search,
        ..Default::default()
    };
    let board = task::board(db, owner, &filter, BoardLayout::List, 1, NOW)
        .await
        .unwrap();
    board
        .tasks
        .into_iter()
        .map(|l| (l.task_id, l.client_name))
        .collect()
}

/// The board's client box finds a task by a part of its client's alias,
/// however it is typed, or by a part of the name; owners read the name
/// beside the alias, until the client is erased.
#[tokio::test]
async fn the_board_finds_a_client_by_part_of_alias_or_name() {
    let t = TestDb::new().await;
    let db = &t.db;
    let (owner, ava, _) = people(db).await;
    let mut ids = Vec::new();
    for name in ["Maria Gomez", "Joe Bloggs"] {
        let client = handoff_server::clients::create(
            db,
            &owner,
            &testkit::client_input(name, "contact"),
            NOW,
        )
        .await
        .unwrap();
        let task = task::create(
            db,
            &owner,
            &TaskInput {
                title: format!("Intake for {name}"),
                client_id: client.to_string(),
                ..input(&ava)
            },
            NOW,
        )
        .await
        .unwrap();
        ids.push((client, task));
    }
    let (maria, maria_task) = ids[0];
    let alias = task::owner_task(db, &owner, maria_task, NOW)
        .await
        .unwrap()
        .client_alias
        .unwrap();
    let code = alias.strip_prefix("Client ").unwrap().to_string();
    let only_maria = vec![(maria_task, Some("Maria Gomez".to_string()))];
    for search in [
        code[..3].to_string(),
        code[2..].to_string(),
        code.replace('-', ""),
        code.to_lowercase(),
        alias.clone(),
        format!("client {}", code[..4].to_lowercase()),
        "gom".to_string(),
        "MARIA G".to_string(),
    ] {
        assert_eq!(
            found(db, &owner, search.clone()).await,
            only_maria,
            "search {search:?}"
        );
    }
    assert!(found(db, &owner, "nobody".into()).await.is_empty());
    // LIKE's wildcards are taken literally.
    assert!(found(db, &owner, "%".into()).await.is_empty());
    assert_eq!(found(db, &owner, String::new()).await.len(), 2);
    // The filter offers each client by name beside the alias.
    let board = task::board(db, &owner, &Default::default(), BoardLayout::List, 1, NOW)
        .await
        .unwrap();
    assert!(board
        .clients
        .iter()
        .any(|c| c.id == maria && c.name == "Maria Gomez" && c.alias == alias));

    handoff_server::erasure::erase_client(db, &owner, maria, NOW)
        .await
        .unwrap();
    assert!(found(db, &owner, "gom".into()).await.is_empty());
    assert_eq!(
        found(db, &owner, code[..3].to_string()).await,
        vec![(maria_task, None)]
    );
    t.finish().await;
}
