//! Drafts and idempotent submissions against a real database, on both
//! engines (R6, R7): saves from a stale base are conflicts and overwrite
//! nothing; a provider reaches only drafts of their own open tasks; a
//! replayed submission arrives once; erasing a client deletes the drafts
//! that mention them.

mod support;

use handoff::draft::{DraftContent, DraftKind, SaveOutcome, Submitted};
use handoff::submission::SubmissionInput;
use handoff::TaskState;
use handoff_server::testkit::{task_input, World};
use handoff_server::{draft, erasure, task, Database, Error, Member};
use support::TestDb;

const NOW: i64 = 1_790_000_000_000;
const KEY: &str = "3b241101-e2bb-4255-8caf-4136c566a962";
const SUB: DraftKind = DraftKind::Submission;

fn text(body: &str) -> DraftContent {
    DraftContent {
        body: body.into(),
        achieved: "partly".into(),
        result_value: "41 of 43".into(),
        note: String::new(),
        met: vec![1],
    }
}

/// A task of Ava's (about the world's client), started: version 2.
async fn started(db: &Database, w: &World) -> i64 {
    let id = task::create(
        db,
        &w.owner,
        &task_input("Book intake", Some(w.client), Some(&w.ava_actor)),
        NOW,
    )
    .await
    .unwrap();
    task::move_task(
        db,
        &Member::Provider(w.ava.clone()),
        id,
        1,
        "start",
        "",
        NOW,
    )
    .await
    .unwrap();
    id
}

fn saved(outcome: SaveOutcome) -> i64 {
    match outcome {
        SaveOutcome::Saved { version, .. } => version,
        SaveOutcome::Conflict { server } => panic!("unexpected conflict with {server:?}"),
    }
}

#[tokio::test]
async fn a_draft_is_saved_loaded_and_versioned() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let id = started(db, &w).await;
    assert_eq!(draft::load_draft(db, &w.ava, id, SUB).await.unwrap(), None);
    let v1 = saved(
        draft::save_draft(db, &w.ava, id, SUB, &text("first"), 0, NOW)
            .await
            .unwrap(),
    );
    assert_eq!(v1, 1);
    let v2 = saved(
        draft::save_draft(db, &w.ava, id, SUB, &text("second"), v1, NOW + 5)
            .await
            .unwrap(),
    );
    assert_eq!(v2, 2);
    let d = draft::load_draft(db, &w.ava, id, SUB)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.content, text("second"));
    assert_eq!((d.version, d.updated_at, d.kind), (2, NOW + 5, SUB));
    // Kinds are separate drafts of the same task.
    let message = DraftContent {
        body: "Can I call them?".into(),
        ..Default::default()
    };
    saved(
        draft::save_draft(db, &w.ava, id, DraftKind::TeamMessage, &message, 0, NOW)
            .await
            .unwrap(),
    );
    assert_eq!(
        draft::load_draft(db, &w.ava, id, SUB)
            .await
            .unwrap()
            .unwrap()
            .content,
        text("second")
    );
    // A discard from an old version is refused; from the current one it goes.
    assert!(matches!(
        draft::discard_draft(db, &w.ava, id, SUB, 1).await,
        Err(Error::Conflict(2))
    ));
    draft::discard_draft(db, &w.ava, id, SUB, 2).await.unwrap();
    assert_eq!(draft::load_draft(db, &w.ava, id, SUB).await.unwrap(), None);
    t.finish().await;
}

#[tokio::test]
async fn two_saves_from_the_same_base_make_one_conflict_and_keep_both_texts() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let id = started(db, &w).await;
    let base = saved(
        draft::save_draft(db, &w.ava, id, SUB, &text("start"), 0, NOW)
            .await
            .unwrap(),
    );
    let (laptop, phone) = (text("from the laptop"), text("from the phone"));
    let (a, b) = tokio::join!(
        draft::save_draft(db, &w.ava, id, SUB, &laptop, base, NOW + 1),
        draft::save_draft(db, &w.ava, id, SUB, &phone, base, NOW + 2),
    );
    let outcomes = [a.unwrap(), b.unwrap()];
    let conflicts: Vec<_> = outcomes
        .iter()
        .filter_map(|o| match o {
            SaveOutcome::Conflict { server } => Some(server.clone()),
            SaveOutcome::Saved { .. } => None,
        })
        .collect();
    assert_eq!(conflicts.len(), 1, "{outcomes:?}");
    let stored = draft::load_draft(db, &w.ava, id, SUB)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.version, 2);
    // The loser is shown exactly what the winner stored.
    assert_eq!(conflicts[0], stored);
    assert!(["from the laptop", "from the phone"].contains(&stored.content.body.as_str()));

    // The loser keeps their text and chooses: saving it on the stored
    // version ("keep mine") is accepted.
    let mine = if stored.content.body == "from the laptop" {
        "from the phone"
    } else {
        "from the laptop"
    };
    let v = saved(
        draft::save_draft(db, &w.ava, id, SUB, &text(mine), stored.version, NOW + 3)
            .await
            .unwrap(),
    );
    assert_eq!(v, 3);
    // A retried save whose answer was lost (same text, old base) is no conflict.
    assert_eq!(
        saved(
            draft::save_draft(db, &w.ava, id, SUB, &text(mine), 2, NOW + 4)
                .await
                .unwrap()
        ),
        3
    );
    t.finish().await;
}

#[tokio::test]
async fn a_first_save_racing_another_first_save_is_a_conflict_too() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let id = started(db, &w).await;
    let (one, two) = (text("tab one"), text("tab two"));
    let (a, b) = tokio::join!(
        draft::save_draft(db, &w.ava, id, SUB, &one, 0, NOW),
        draft::save_draft(db, &w.ava, id, SUB, &two, 0, NOW),
    );
    let outcomes = [a.unwrap(), b.unwrap()];
    let conflicts = outcomes
        .iter()
        .filter(|o| matches!(o, SaveOutcome::Conflict { .. }))
        .count();
    assert_eq!(conflicts, 1, "{outcomes:?}");
    t.finish().await;
}

#[tokio::test]
async fn a_provider_reaches_only_drafts_of_their_own_open_tasks() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let id = started(db, &w).await;
    saved(
        draft::save_draft(db, &w.ava, id, SUB, &text("Ava's"), 0, NOW)
            .await
            .unwrap(),
    );
    // Ben, another provider of the workspace: not his task.
    assert!(matches!(
        draft::load_draft(db, &w.ben, id, SUB).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        draft::save_draft(db, &w.ben, id, SUB, &text("Ben's"), 1, NOW).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        draft::discard_draft(db, &w.ben, id, SUB, 1).await,
        Err(Error::NotFound)
    ));
    // A task that does not exist answers the same.
    assert!(matches!(
        draft::load_draft(db, &w.ava, id + 1000, SUB).await,
        Err(Error::NotFound)
    ));
    // A closed task's drafts are out of reach.
    task::cancel(db, &w.owner, id, 2, NOW).await.unwrap();
    assert!(matches!(
        draft::load_draft(db, &w.ava, id, SUB).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        draft::save_draft(db, &w.ava, id, SUB, &text("late"), 1, NOW).await,
        Err(Error::NotFound)
    ));
    t.finish().await;
}

#[tokio::test]
async fn an_oversized_draft_is_refused_with_the_cores_message() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let id = started(db, &w).await;
    let big = text(&"a".repeat(handoff::draft::DRAFT_MAX_BYTES + 1));
    match draft::save_draft(db, &w.ava, id, SUB, &big, 0, NOW).await {
        Err(Error::Invalid(fields)) => assert!(fields[0].message.contains("too long")),
        other => panic!("{other:?}"),
    }
    assert_eq!(draft::load_draft(db, &w.ava, id, SUB).await.unwrap(), None);
    t.finish().await;
}

fn work() -> SubmissionInput {
    SubmissionInput {
        body: "Booked for Tuesday.".into(),
        achieved: "yes".into(),
        result_value: "1 call".into(),
        note: String::new(),
        met: vec![0, 1],
    }
}

async fn submissions(db: &Database, w: &World, id: i64) -> usize {
    let t = task::owner_task(db, &w.owner, id, NOW).await.unwrap();
    format!("{:?}", t.work.timeline)
        .matches("Submitted round")
        .count()
}

#[tokio::test]
async fn a_replayed_submission_arrives_exactly_once() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let id = started(db, &w).await;
    saved(
        draft::save_draft(db, &w.ava, id, SUB, &text("Booked"), 0, NOW)
            .await
            .unwrap(),
    );
    let first = task::submit(db, &w.ava, id, 2, &work(), Some(KEY), NOW)
        .await
        .unwrap();
    assert_eq!(
        first,
        Submitted {
            task_id: id,
            round: 1
        }
    );
    let t_after = task::owner_task(db, &w.owner, id, NOW).await.unwrap();
    assert_eq!(t_after.state, TaskState::Submitted);
    // The draft went with the submission, and an autosave landing late
    // cannot bring it back while the work waits for review.
    assert!(matches!(
        draft::load_draft(db, &w.ava, id, SUB).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        draft::save_draft(db, &w.ava, id, SUB, &text("late autosave"), 1, NOW).await,
        Err(Error::NotFound)
    ));
    let message = DraftContent {
        body: "Sent it".into(),
        ..Default::default()
    };
    saved(
        draft::save_draft(db, &w.ava, id, DraftKind::TeamMessage, &message, 0, NOW)
            .await
            .unwrap(),
    );
    // The same request again (its answer was lost): the first answer, no
    // second submission, though its version is stale by now.
    let again = task::submit(db, &w.ava, id, 2, &work(), Some(KEY), NOW + 10)
        .await
        .unwrap();
    assert_eq!(again, first);
    assert_eq!(submissions(db, &w, id).await, 1);
    // A new key with the stale version is a real second attempt: refused.
    assert!(matches!(
        task::submit(
            db,
            &w.ava,
            id,
            2,
            &work(),
            Some("9f7c1e3a-0000-4000-8000-000000000001"),
            NOW
        )
        .await,
        Err(Error::Conflict(_))
    ));
    // Keys are per member: Ben replaying Ava's key gets nothing of hers.
    assert!(matches!(
        task::submit(db, &w.ben, id, 2, &work(), Some(KEY), NOW).await,
        Err(Error::NotFound)
    ));
    // A malformed key is refused before anything is written.
    assert!(matches!(
        task::submit(db, &w.ava, id, 3, &work(), Some("x'; DROP"), NOW).await,
        Err(Error::Invalid(_))
    ));
    assert_eq!(submissions(db, &w, id).await, 1);
    t.finish().await;
}

#[tokio::test]
async fn concurrent_replays_submit_once() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let id = started(db, &w).await;
    let input = work();
    let (a, b, c) = tokio::join!(
        task::submit(db, &w.ava, id, 2, &input, Some(KEY), NOW),
        task::submit(db, &w.ava, id, 2, &input, Some(KEY), NOW),
        task::submit(db, &w.ava, id, 2, &input, Some(KEY), NOW),
    );
    let expected = Submitted {
        task_id: id,
        round: 1,
    };
    assert_eq!([a.unwrap(), b.unwrap(), c.unwrap()], [expected; 3]);
    assert_eq!(submissions(db, &w, id).await, 1);
    t.finish().await;
}

#[tokio::test]
async fn a_failed_submission_stores_no_answer_and_can_be_sent_again() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let id = started(db, &w).await;
    let empty = SubmissionInput::default();
    assert!(matches!(
        task::submit(db, &w.ava, id, 2, &empty, Some(KEY), NOW).await,
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        task::submit(db, &w.ava, id, 1, &work(), Some(KEY), NOW).await,
        Err(Error::Conflict(2))
    ));
    task::submit(db, &w.ava, id, 2, &work(), Some(KEY), NOW)
        .await
        .unwrap();
    assert_eq!(submissions(db, &w, id).await, 1);
    t.finish().await;
}

#[tokio::test]
async fn erasing_a_client_deletes_the_drafts_that_mention_them() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let id = started(db, &w).await;
    let other = task::create(
        db,
        &w.owner,
        &task_input("Filing", None, Some(&w.ava_actor)),
        NOW,
    )
    .await
    .unwrap();
    saved(
        draft::save_draft(
            db,
            &w.ava,
            id,
            SUB,
            &text("Called Maria Gomez twice"),
            0,
            NOW,
        )
        .await
        .unwrap(),
    );
    let note = DraftContent {
        note: "mail to maria@mail.example bounced".into(),
        ..text("Filed it")
    };
    saved(
        draft::save_draft(db, &w.ava, other, SUB, &note, 0, NOW)
            .await
            .unwrap(),
    );
    let unrelated = DraftContent {
        body: "Ask about the printer".into(),
        ..Default::default()
    };
    saved(
        draft::save_draft(
            db,
            &w.ava,
            other,
            DraftKind::TeamMessage,
            &unrelated,
            0,
            NOW,
        )
        .await
        .unwrap(),
    );
    erasure::erase_client(db, &w.owner, w.client, NOW)
        .await
        .unwrap();
    assert_eq!(draft::load_draft(db, &w.ava, id, SUB).await.unwrap(), None);
    assert_eq!(
        draft::load_draft(db, &w.ava, other, SUB).await.unwrap(),
        None
    );
    let kept = draft::load_draft(db, &w.ava, other, DraftKind::TeamMessage)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.content, unrelated);
    t.finish().await;
}

fn message(body: &str) -> DraftContent {
    DraftContent {
        body: body.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn replayed_messages_and_relay_requests_arrive_exactly_once_and_take_their_draft_along() {
    use handoff::thread::ThreadRef;
    use handoff_server::{relay, thread};
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let id = started(db, &w).await;
    let team = DraftKind::TeamMessage;
    let relay_kind = DraftKind::RelayRequest;
    saved(
        draft::save_draft(db, &w.ava, id, team, &message("Can I call at 10?"), 0, NOW)
            .await
            .unwrap(),
    );
    saved(
        draft::save_draft(db, &w.ava, id, relay_kind, &message("Newer text"), 0, NOW)
            .await
            .unwrap(),
    );
    let other_key = "9f4c1a2e-77aa-4c3b-9d0e-5b6a7c8d9e0f";
    for _ in 0..3 {
        thread::provider_post(db, &w.ava, id, "Can I call at 10?", Some(KEY), NOW)
            .await
            .unwrap();
        relay::request(db, &w.ava, id, "The report is ready.", Some(other_key), NOW)
            .await
            .unwrap();
    }
    let owners = thread::owner_thread(db, &w.owner, ThreadRef::Team { task_id: id })
        .await
        .unwrap();
    assert_eq!(owners.messages.len(), 1, "{:?}", owners.messages);
    assert_eq!(relay::queue(db, &w.owner).await.unwrap().len(), 1);
    // The message's draft held the text sent: it went. The relay draft
    // held newer text typed since: it stays.
    assert_eq!(draft::load_draft(db, &w.ava, id, team).await.unwrap(), None);
    assert_eq!(
        draft::load_draft(db, &w.ava, id, relay_kind)
            .await
            .unwrap()
            .unwrap()
            .content,
        message("Newer text")
    );
    // A new key is a new message; a refused one (empty) stores no answer,
    // so the same key with text is judged afresh.
    let third = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
    assert!(matches!(
        thread::provider_post(db, &w.ava, id, "  ", Some(third), NOW).await,
        Err(Error::Invalid(_))
    ));
    thread::provider_post(db, &w.ava, id, "Done at noon.", Some(third), NOW)
        .await
        .unwrap();
    let owners = thread::owner_thread(db, &w.owner, ThreadRef::Team { task_id: id })
        .await
        .unwrap();
    assert_eq!(owners.messages.len(), 2);
    // Another provider's replay of Ava's key is their own, and their task
    // is not theirs: refused, nothing posted.
    assert!(matches!(
        thread::provider_post(db, &w.ben, id, "hello", Some(KEY), NOW).await,
        Err(Error::NotFound)
    ));
    t.finish().await;
}
