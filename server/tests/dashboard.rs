//! The home page and the navigation's counts: owners see what needs them
//! in their own workspace (client names included); a provider sees only
//! their own tasks, through the lens, due in their own zone. On SQLite and
//! PostgreSQL.

mod support;

use chrono::TimeZone;
use handoff::submission::{ReviewInput, SubmissionInput};
use handoff::{Dashboard, TaskInput, TaskState, Waiting};
use handoff_server::testkit::{task_input, World};
use handoff_server::{task, Database, Owner, Provider};
use support::TestDb;

const NOW: i64 = 1_790_000_000_000;
const DAY: i64 = 24 * 60 * 60 * 1000;

/// `at` as the owner's form writes it (America/New_York).
fn due(at: i64) -> String {
    chrono_tz::America::New_York
        .timestamp_millis_opt(at)
        .unwrap()
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

fn input(
    title: &str,
    client: Option<i64>,
    who: Option<&handoff_server::Actor>,
    at: Option<i64>,
) -> TaskInput {
    TaskInput {
        due: at.map(due).unwrap_or_default(),
        ..task_input(title, client, who)
    }
}

async fn version(db: &Database, owner: &Owner, id: i64) -> i64 {
    task::owner_task(db, owner, id, NOW).await.unwrap().version
}

/// Starts and hands in the provider's task.
async fn hand_in(db: &Database, owner: &Owner, provider: &Provider, id: i64) {
    let v = version(db, owner, id).await;
    let member = handoff_server::Member::Provider(provider.clone());
    task::move_task(db, &member, id, v, "start", "", NOW)
        .await
        .unwrap();
    let work = SubmissionInput {
        body: "Done.".into(),
        achieved: "yes".into(),
        result_value: String::new(),
        note: String::new(),
        met: vec![0, 1],
    };
    task::submit(db, provider, id, v + 1, &work, None, NOW)
        .await
        .unwrap();
}

struct Tasks {
    overdue: i64,
    soon: i64,
    draft: i64,
    submitted: i64,
    changes: i64,
}

/// Ava: one overdue, one handed in, one sent back; Ben: one due in three
/// days, about Maria and naming her; a draft and a task due in ten days.
async fn tasks(db: &Database, w: &World) -> Tasks {
    let create = |i: TaskInput| async move {
        task::create(db, &w.owner, &i, NOW - 10 * DAY)
            .await
            .unwrap()
    };
    let ava = Some(&w.ava_actor);
    let overdue = create(input("Overdue call", None, ava, Some(NOW - 2 * DAY))).await;
    let soon = create(input(
        "Call Maria Gomez back",
        Some(w.client),
        Some(&w.ben_actor),
        Some(NOW + 3 * DAY),
    ))
    .await;
    create(input(
        "Later",
        None,
        Some(&w.ben_actor),
        Some(NOW + 10 * DAY),
    ))
    .await;
    let draft = create(input("Nobody yet", None, None, None)).await;
    let submitted = create(input("Handed in", None, ava, Some(NOW - DAY))).await;
    hand_in(db, &w.owner, &w.ava, submitted).await;
    let changes = create(input("Sent back", None, ava, None)).await;
    hand_in(db, &w.owner, &w.ava, changes).await;
    let review = ReviewInput {
        decision: "request_changes".into(),
        feedback: vec![String::new(), "Add the dates.".into()],
        process_change: String::new(),
    };
    let v = version(db, &w.owner, changes).await;
    task::review(db, &w.owner, changes, v, &review, NOW)
        .await
        .unwrap();
    // Another workspace's task never shows.
    task::create(
        db,
        &w.stranger,
        &TaskInput {
            due_passed_ok: "yes".into(),
            ..input("Elsewhere", None, None, Some(NOW - DAY))
        },
        NOW,
    )
    .await
    .unwrap();
    Tasks {
        overdue,
        soon,
        draft,
        submitted,
        changes,
    }
}

fn ids<T>(lines: &[T], id: impl Fn(&T) -> i64) -> Vec<i64> {
    lines.iter().map(id).collect()
}

#[tokio::test]
async fn an_owner_sees_what_waits_for_them_in_their_workspace() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW - 20 * DAY).await;
    let k = tasks(db, &w).await;
    let home = task::owner_dashboard(db, &w.owner, NOW).await.unwrap();
    let id = |l: &handoff::TaskLine| l.task_id;
    assert_eq!(ids(&home.to_review.lines, id), [k.submitted]);
    assert_eq!(home.to_review.total, 1);
    // Review waits on the owner, so the late hand-in is not "overdue" in
    // the count, in the list or on its own line (one definition).
    assert_eq!(ids(&home.overdue.lines, id), [k.overdue]);
    let handed_in = home.to_review.lines[0].due.as_ref().unwrap();
    assert!(!handed_in.overdue);
    assert_eq!(handed_in.relative, "was due 24 h ago");
    assert_eq!(ids(&home.due_soon.lines, id), [k.soon]);
    assert_eq!(ids(&home.unassigned.lines, id), [k.draft]);
    let soon = &home.due_soon.lines[0];
    assert_eq!(soon.client_name.as_deref(), Some("Maria Gomez"));
    assert!(soon.client_alias.as_deref().unwrap().starts_with("Client "));
    assert_eq!(soon.assignee_name.as_deref(), Some("Ben Okafor"));
    assert_eq!(soon.state, TaskState::Assigned);
    let due = soon.due.as_ref().unwrap();
    assert!(due.local.ends_with("(America/New_York)"), "{}", due.local);
    assert!(!due.overdue);
    assert!(home.overdue.lines[0].due.as_ref().unwrap().overdue);
    assert!(home.beginnings.clients && home.beginnings.tasks && home.beginnings.providers);

    let waiting = task::waiting(db, &handoff_server::Member::Owner(w.owner.clone()), NOW)
        .await
        .unwrap();
    assert_eq!(
        waiting,
        Waiting::Owner {
            to_review: 1,
            overdue: 1,
            relay_pending: 0,
            unread_client: 0,
        }
    );

    // A new workspace: nothing waits, and it has nothing yet.
    let other = task::owner_dashboard(db, &w.stranger, NOW).await.unwrap();
    assert!(other.to_review.lines.is_empty() && other.due_soon.lines.is_empty());
    assert_eq!(ids(&other.overdue.lines, id).len(), 1, "its own task only");
    assert!(!other.beginnings.clients && !other.beginnings.providers);
    t.finish().await;
}

#[tokio::test]
async fn lists_show_five_lines_and_count_them_all() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW - 20 * DAY).await;
    for n in 0..7 {
        let i = input(&format!("Draft {n}"), None, None, None);
        task::create(db, &w.owner, &i, NOW).await.unwrap();
    }
    let home = task::owner_dashboard(db, &w.owner, NOW).await.unwrap();
    assert_eq!(home.unassigned.lines.len(), 5);
    assert_eq!(home.unassigned.total, 7);
    t.finish().await;
}

#[tokio::test]
async fn a_provider_sees_only_their_own_tasks_through_the_lens() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW - 20 * DAY).await;
    let k = tasks(db, &w).await;
    let ava = match task::dashboard(db, &handoff_server::Member::Provider(w.ava.clone()), NOW)
        .await
        .unwrap()
    {
        Dashboard::Provider(d) => d,
        Dashboard::Owner(_) => panic!("a provider got an owner's home page"),
    };
    let id = |l: &handoff::ProviderTaskLine| l.task_id;
    assert_eq!(ids(&ava.changes_requested.lines, id), [k.changes]);
    assert_eq!(ids(&ava.next.lines, id), [k.overdue]);
    assert_eq!(ava.waiting_for_review, 1);
    let due = ava.next.lines[0].due.as_ref().unwrap();
    assert!(due.local.ends_with("(Europe/Lisbon)"), "{}", due.local);

    let ben = task::provider_dashboard(db, &w.ben, NOW).await.unwrap();
    assert_eq!(ids(&ben.next.lines[..1], id), [k.soon]);
    assert_eq!(ben.next.total, 2);
    let json = serde_json::to_string(&ben).unwrap();
    assert!(!json.contains("Maria"), "the client's name left: {json}");
    assert!(!json.contains("Gomez"), "the client's name left: {json}");
    assert!(ben.next.lines[0].client_alias.is_some());

    let waiting = task::waiting(db, &handoff_server::Member::Provider(w.ava.clone()), NOW)
        .await
        .unwrap();
    assert_eq!(
        waiting,
        Waiting::Provider {
            to_do: 1,
            changes_requested: 1,
            unread_team: 0,
            returned_relays: 0,
        }
    );
    t.finish().await;
}

#[tokio::test]
async fn a_due_time_already_passed_is_kept_only_when_the_owner_says_so() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW - 20 * DAY).await;
    let asked = |e: handoff_server::Error| match e {
        handoff_server::Error::Invalid(fields) => {
            fields.iter().map(|f| f.field.clone()).collect::<Vec<_>>()
        }
        other => panic!("expected field errors, got {other:?}"),
    };
    // A year typed wrong: refused beside "Due", and the form asks to keep it.
    let typo = input("Call back", None, Some(&w.ava_actor), Some(NOW - 365 * DAY));
    let e = task::create(db, &w.owner, &typo, NOW).await.unwrap_err();
    assert_eq!(asked(e), ["due", "due_passed_ok"]);
    let kept = TaskInput {
        due_passed_ok: "yes".into(),
        ..typo.clone()
    };
    let id = task::create(db, &w.owner, &kept, NOW).await.unwrap();
    // Saved again unchanged, an overdue task does not ask again...
    let form = task::owner_task(db, &w.owner, id, NOW).await.unwrap();
    let mut edit = form.input.clone();
    edit.title = "Call back today".into();
    task::update(db, &w.owner, id, form.version, &edit, NOW)
        .await
        .unwrap();
    // ...but a new due time that has passed does.
    let v = version(db, &w.owner, id).await;
    edit.due = due(NOW - 2 * DAY);
    let e = task::update(db, &w.owner, id, v, &edit, NOW)
        .await
        .unwrap_err();
    assert_eq!(asked(e), ["due", "due_passed_ok"]);
    edit.due = due(NOW + DAY);
    task::update(db, &w.owner, id, v, &edit, NOW).await.unwrap();
}
