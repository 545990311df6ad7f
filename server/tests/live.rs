//! Live updates: hints published inside the writing transaction reach only
//! the subscribers allowed to see them (R7), replay by `Last-Event-ID`,
//! resync when too old or when a stream falls behind, are pruned; on
//! PostgreSQL a lost listener connection leads to a resync, and hints
//! after it still arrive. On SQLite and PostgreSQL.

mod support;

use handoff::submission::SubmissionInput;
use handoff::{DatabaseKind, LiveKind};
use handoff_server::live::{self, Delivery, Hint, Hub, HubOptions, Subscriber, Subscription};
use handoff_server::testkit::{self, portal_subscriber, task_input, World};
use handoff_server::{task, Database, Member};
use std::time::Duration;
use support::TestDb;

const NOW: i64 = 1_790_000_000_000;
const DAY: i64 = 24 * 60 * 60 * 1000;

async fn hub(db: &Database) -> Hub {
    Hub::with_options(
        db,
        HubOptions {
            poll_every: Duration::from_secs(60),
            ..HubOptions::default()
        },
    )
}

/// The next delivery within two seconds, or `None`.
async fn next(sub: &mut Subscription) -> Option<Delivery> {
    tokio::time::timeout(Duration::from_secs(2), sub.next())
        .await
        .ok()
        .flatten()
}

/// Nothing arrives for a while.
async fn quiet(sub: &mut Subscription) {
    let got = tokio::time::timeout(Duration::from_millis(300), sub.next()).await;
    assert!(got.is_err(), "expected nothing, got {got:?}");
}

fn task_event(d: Option<Delivery>) -> (i64, LiveKind, i64) {
    match d {
        Some(Delivery::Event(e)) => (e.seq, e.hint.kind, e.hint.object_id),
        other => panic!("expected an event, got {other:?}"),
    }
}

async fn start(db: &Database, w: &World, id: i64) {
    let v = task::owner_task(db, &w.owner, id, NOW)
        .await
        .unwrap()
        .version;
    task::move_task(
        db,
        &Member::Provider(w.ava.clone()),
        id,
        v,
        "start",
        "",
        NOW,
    )
    .await
    .unwrap();
}

fn work() -> SubmissionInput {
    SubmissionInput {
        body: "Done.".into(),
        achieved: "yes".into(),
        result_value: String::new(),
        note: String::new(),
        met: vec![0, 1],
    }
}

#[tokio::test]
async fn a_task_change_reaches_its_owners_and_its_provider_only() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let hub = hub(db).await;
    let member = |m: Member| Subscriber::member(&m);
    let mut owner = hub
        .subscribe(member(Member::Owner(w.owner.clone())), None)
        .await
        .unwrap();
    let mut ava = hub
        .subscribe(member(Member::Provider(w.ava.clone())), None)
        .await
        .unwrap();
    let mut ben = hub
        .subscribe(member(Member::Provider(w.ben.clone())), None)
        .await
        .unwrap();
    let mut stranger = hub
        .subscribe(member(Member::Owner(w.stranger.clone())), None)
        .await
        .unwrap();
    let mut client = hub
        .subscribe(portal_subscriber(w.owner.workspace_id(), w.client), None)
        .await
        .unwrap();

    let id = task::create(
        db,
        &w.owner,
        &task_input("Call", Some(w.client), Some(&w.ava_actor)),
        NOW,
    )
    .await
    .unwrap();
    let (seq, kind, object) = task_event(next(&mut owner).await);
    assert_eq!((kind, object), (LiveKind::Task, id));
    let (ava_seq, _, object) = task_event(next(&mut ava).await);
    assert_eq!(object, id);
    assert!(ava_seq > seq, "each audience has its own hint, in order");
    quiet(&mut ben).await;
    quiet(&mut stranger).await;
    quiet(&mut client).await;
    quiet(&mut owner).await;

    // The provider starts and hands in: the owners hear both moves.
    start(db, &w, id).await;
    let v = task::owner_task(db, &w.owner, id, NOW)
        .await
        .unwrap()
        .version;
    task::submit(db, &w.ava, id, v, &work(), None, NOW)
        .await
        .unwrap();
    for _ in 0..2 {
        assert_eq!(task_event(next(&mut owner).await).2, id);
        assert_eq!(task_event(next(&mut ava).await).2, id);
    }
    quiet(&mut ben).await;

    // A refused change (stale version) rolls back: nothing is published.
    let err = task::submit(db, &w.ava, id, v, &work(), None, NOW).await;
    assert!(err.is_err());
    quiet(&mut owner).await;
    quiet(&mut ava).await;

    // A client's hint reaches that client's portal only.
    let ws = w.owner.workspace_id();
    testkit::publish(db, Hint::to_client(ws, w.client, LiveKind::Thread, 9), NOW).await;
    assert_eq!(
        task_event(next(&mut client).await),
        (task_event_seq(&hub).await, LiveKind::Thread, 9)
    );
    quiet(&mut owner).await;
    quiet(&mut ava).await;
    hub.close();
    assert_eq!(
        next(&mut owner).await,
        None,
        "closing the hub ends the streams"
    );
    t.finish().await;
}

/// The newest seq stored (whoever may see it): a cursor from the future
/// gets a resync that names it.
async fn task_event_seq(hub: &Hub) -> i64 {
    let mut sub = hub
        .subscribe(portal_subscriber(0, 0), Some(i64::MAX))
        .await
        .unwrap();
    match next(&mut sub).await {
        Some(Delivery::Resync { seq: Some(seq) }) => seq,
        other => panic!("expected a resync, got {other:?}"),
    }
}

#[tokio::test]
async fn a_stream_that_reconnects_replays_what_it_may_see_after_its_last_id() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let hub = hub(db).await;
    let ava_sub = Subscriber::member(&Member::Provider(w.ava.clone()));
    let owner_sub = Subscriber::member(&Member::Owner(w.owner.clone()));
    let mut first = hub.subscribe(ava_sub, None).await.unwrap();
    let mine = task::create(
        db,
        &w.owner,
        &task_input("Mine", None, Some(&w.ava_actor)),
        NOW,
    )
    .await
    .unwrap();
    let (last_seen, _, _) = task_event(next(&mut first).await);
    drop(first);
    // While Ava is away: a task of Ben's, one of hers, and the stranger's.
    task::create(
        db,
        &w.owner,
        &task_input("Ben's", None, Some(&w.ben_actor)),
        NOW,
    )
    .await
    .unwrap();
    start(db, &w, mine).await;
    task::create(db, &w.stranger, &task_input("Elsewhere", None, None), NOW)
        .await
        .unwrap();
    let mut again = hub.subscribe(ava_sub, Some(last_seen)).await.unwrap();
    let (seq, _, object) = task_event(next(&mut again).await);
    assert_eq!(object, mine);
    assert!(seq > last_seen);
    quiet(&mut again).await;
    // The owner, from the same point, hears the owners' hints of both tasks.
    let mut owner = hub.subscribe(owner_sub, Some(last_seen)).await.unwrap();
    let objects: Vec<i64> = [next(&mut owner).await, next(&mut owner).await]
        .into_iter()
        .map(|d| task_event(d).2)
        .collect();
    assert_eq!(objects.len(), 2);
    assert!(objects.contains(&mine));
    quiet(&mut owner).await;
    // Up to date: nothing to replay, and new hints still arrive after.
    let newest = task_event_seq(&hub).await;
    let mut current = hub.subscribe(ava_sub, Some(newest)).await.unwrap();
    quiet(&mut current).await;
    let v = task::owner_task(db, &w.owner, mine, NOW)
        .await
        .unwrap()
        .version;
    task::submit(db, &w.ava, mine, v, &work(), None, NOW)
        .await
        .unwrap();
    assert_eq!(task_event(next(&mut current).await).2, mine);
    hub.close();
    t.finish().await;
}

/// The newest event an owner can replay from the start.
async fn live_newest(hub: &Hub, owner: Subscriber) -> live::LiveEvent {
    let mut sub = hub.subscribe(owner, Some(0)).await.unwrap();
    let mut last = None;
    while let Ok(Some(Delivery::Event(e))) =
        tokio::time::timeout(Duration::from_millis(300), sub.next()).await
    {
        last = Some(e);
    }
    last.expect("at least one event")
}

#[tokio::test]
async fn a_cursor_that_is_pruned_or_unknown_gets_a_resync_and_the_newest_hint_is_kept() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW - 3 * DAY).await;
    let hub = hub(db).await;
    let owner = Subscriber::member(&Member::Owner(w.owner.clone()));
    for (title, at) in [
        ("Old", NOW - 2 * DAY),
        ("Older", NOW - 2 * DAY),
        ("New", NOW),
    ] {
        task::create(db, &w.owner, &task_input(title, None, None), at)
            .await
            .unwrap();
    }
    let newest = live_newest(&hub, owner).await.seq;
    assert_eq!(live::prune(db, NOW - DAY).await.unwrap(), 2);
    // Everything is old now, but the newest hint stays as the marker.
    assert_eq!(live::prune(db, NOW + DAY).await.unwrap(), 0);
    for cursor in [0, newest - 2, newest + 5, -3] {
        let mut sub = hub.subscribe(owner, Some(cursor)).await.unwrap();
        assert_eq!(
            next(&mut sub).await,
            Some(Delivery::Resync { seq: Some(newest) }),
            "cursor {cursor}"
        );
    }
    // From the newest (or the one just before it): nothing lost, no resync.
    let mut sub = hub.subscribe(owner, Some(newest - 1)).await.unwrap();
    assert_eq!(task_event(next(&mut sub).await).0, newest);
    let mut sub = hub.subscribe(owner, Some(newest)).await.unwrap();
    quiet(&mut sub).await;
    hub.close();
    t.finish().await;
}

#[tokio::test]
async fn a_stream_that_falls_behind_is_told_to_resync() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let hub = Hub::with_options(
        db,
        HubOptions {
            backlog: 1,
            ..HubOptions::default()
        },
    );
    let owner = Subscriber::member(&Member::Owner(w.owner.clone()));
    let mut slow = hub.subscribe(owner, None).await.unwrap();
    let mut keeping_up = hub.subscribe(owner, None).await.unwrap();
    for title in ["One", "Two", "Three"] {
        task::create(db, &w.owner, &task_input(title, None, None), NOW)
            .await
            .unwrap();
        task_event(next(&mut keeping_up).await);
    }
    assert_eq!(next(&mut slow).await, Some(Delivery::Resync { seq: None }));
    hub.close();
    t.finish().await;
}

#[tokio::test]
async fn on_postgres_a_lost_listener_connection_resyncs_and_hints_after_it_arrive() {
    let t = TestDb::new().await;
    let db = &t.db;
    if db.kind() != DatabaseKind::Postgres {
        return t.finish().await;
    }
    let w = World::build(db, NOW).await;
    let hub = hub(db).await;
    let owner = Subscriber::member(&Member::Owner(w.owner.clone()));
    let mut sub = hub.subscribe(owner, None).await.unwrap();
    let pid = hub.listener_backend().expect("a listening backend");
    db.execute_raw(&format!("SELECT pg_terminate_backend({pid})::TEXT"))
        .await
        .unwrap();
    let got = tokio::time::timeout(Duration::from_secs(5), sub.next()).await;
    assert_eq!(got.ok().flatten(), Some(Delivery::Resync { seq: None }));
    let again = hub.listener_backend().expect("listening again");
    assert_ne!(again, pid);
    let id = task::create(db, &w.owner, &task_input("After", None, None), NOW)
        .await
        .unwrap();
    assert_eq!(task_event(next(&mut sub).await).2, id);
    hub.close();
    t.finish().await;
}
