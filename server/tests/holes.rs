//! Holes in the boundary found by a security review (issue #20), each
//! closed at its root: a client's first name toward the provider, markup
//! that hid a disguise, a provider's former and everyday-word names toward
//! the client, a task moved to another client, and the portal's sessions.
//! Runs on the engine `HANDOFF_TEST_DATABASE_URL` names.

mod support;

use handoff::thread::{RelayDecision, ThreadRef};
use handoff::TaskInput;
use handoff_server::testkit::{self, client_input, task_input, World};
use handoff_server::{clients, door, portal, profile, relay, task, thread, Error};
use support::TestDb;

const NOW: i64 = 1_790_000_000_000;

fn portal_text(home: &handoff::thread::PortalHome) -> String {
    let mut all: Vec<String> = home
        .messages
        .iter()
        .map(|m| m.body_html.as_str().to_string())
        .collect();
    all.extend(home.tasks.iter().map(|t| t.title.as_str().to_string()));
    all.join("\n")
}

async fn portal_home(
    db: &handoff_server::Database,
    w: &World,
    client: i64,
    at: i64,
) -> handoff::thread::PortalHome {
    let link = portal::create_link(db, &w.owner, client, at).await.unwrap();
    let s = portal::exchange(db, &link.token, &format!("10.1.{client}.1"), at)
        .await
        .unwrap();
    let c = door::portal_client(db, Some(&s.token), at).await.unwrap();
    portal::home(db, &c, at).await.unwrap()
}

/// The provider proposes `body` for the task's client; an owner approves
/// it (acknowledging flags) or, with `edit`, sends that instead.
async fn relayed(
    db: &handoff_server::Database,
    w: &World,
    task_id: i64,
    body: &str,
    edit: Option<&str>,
) -> handoff::thread::RelayItem {
    relay::request(db, &w.ava, task_id, body, None, NOW)
        .await
        .unwrap();
    let item = relay::queue(db, &w.owner).await.unwrap().pop().unwrap();
    let decision = match edit {
        Some(text) => RelayDecision::Edit {
            text: text.into(),
            acknowledge_flags: true,
        },
        None => RelayDecision::Approve {
            acknowledge_flags: true,
        },
    };
    relay::decide(db, &w.owner, item.relay_id, item.version, &decision, NOW)
        .await
        .unwrap();
    item
}

#[tokio::test]
async fn the_first_name_of_the_tasks_client_never_reaches_its_provider() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let elena = clients::create(db, &w.owner, &client_input("Elena Marsh", "elena"), NOW)
        .await
        .unwrap();
    clients::create(db, &w.owner, &client_input("Zebulon Hart", "zeb"), NOW)
        .await
        .unwrap();
    let input = TaskInput {
        instructions: "Call Elena about her first session. Zebulon's file is separate. \
                       Maria at the front desk has the keys."
            .into(),
        ..task_input(
            "Book an intake session for Elena",
            Some(elena),
            Some(&w.ava_actor),
        )
    };
    let task_id = task::create(db, &w.owner, &input, NOW).await.unwrap();
    let page = task::provider_task(db, &w.ava, task_id, NOW).await.unwrap();
    assert!(!page.title.as_str().contains("Elena"), "{}", page.title);
    let html = page.instructions_html.as_str();
    // The task's own client: always. Another client's rare first name: too.
    assert!(
        !html.contains("Elena") && !html.contains("Zebulon"),
        "{html}"
    );
    // A common given name of another client names nobody in particular.
    assert!(html.contains("Maria at the front desk"), "{html}");

    // The owner's preview says the same, and so what will be hidden.
    let preview = task::preview_secrets(db, &w.owner, Some(task_id), Some(elena))
        .await
        .unwrap();
    assert_eq!(preview.text(&input.title).0, page.title);

    // What the client got, shown back to the provider, through the lens.
    relayed(
        db,
        &w,
        task_id,
        "Hello, your session is booked.",
        Some("Hola Elena! Booked."),
    )
    .await;
    let thread = thread::provider_thread(db, &w.ava, task_id, NOW)
        .await
        .unwrap();
    let sent = thread.relays[0]
        .sent
        .as_ref()
        .expect("edited text shown back");
    assert!(!sent.as_str().contains("Elena"), "{sent}");
    assert!(sent.as_str().contains("Booked"), "{sent}");

    // A former client's first name stays masked after the task moves.
    let other = clients::create(db, &w.owner, &client_input("Olaf Berg", "olaf"), NOW)
        .await
        .unwrap();
    let moved = TaskInput {
        client_id: other.to_string(),
        ..input
    };
    task::update(db, &w.owner, task_id, page.version, &moved, NOW)
        .await
        .unwrap();
    let page = task::provider_task(db, &w.ava, task_id, NOW).await.unwrap();
    assert!(
        !page.instructions_html.as_str().contains("Elena"),
        "{}",
        page.instructions_html.as_str()
    );
    t.finish().await;
}

#[tokio::test]
async fn a_disclosed_name_is_read_whole_and_in_part() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let zeb = clients::create(db, &w.owner, &client_input("Zebulon Ruiz-Vega", "zeb"), NOW)
        .await
        .unwrap();
    let input = TaskInput {
        instructions: "Ask Mr Ruiz-Vega (Zebulon to friends, Mr Vega at work) about the forms."
            .into(),
        ..task_input("Forms for Zebulon", Some(zeb), Some(&w.ava_actor))
    };
    let task_id = task::create(db, &w.owner, &input, NOW).await.unwrap();
    let hidden = task::provider_task(db, &w.ava, task_id, NOW).await.unwrap();
    for part in ["Zebulon", "Ruiz", "Vega"] {
        assert!(!hidden.instructions_html.as_str().contains(part), "{part}");
    }
    handoff_server::disclosure::set(
        db,
        &w.owner,
        task_id,
        &[handoff::ClientField::Name.key()],
        false,
        NOW,
    )
    .await
    .unwrap();
    let shown = task::provider_task(db, &w.ava, task_id, NOW).await.unwrap();
    let html = shown.instructions_html.as_str();
    for part in ["Mr Ruiz-Vega", "Zebulon to friends", "Mr Vega"] {
        assert!(html.contains(part), "{part}: {html}");
    }
    assert!(shown.title.as_str().contains("Zebulon"), "{}", shown.title);
    t.finish().await;
}

#[tokio::test]
async fn markup_cannot_hide_a_providers_name_or_number_from_the_scanners() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let task_id = task::create(
        db,
        &w.owner,
        &task_input("Follow-up", Some(w.client), Some(&w.ava_actor)),
        NOW,
    )
    .await
    .unwrap();
    let body = "Hi, I'm Re<!-- -->yes. Text me on 503 555<!-- --> 0177 any time.";
    relay::request(db, &w.ava, task_id, body, None, NOW)
        .await
        .unwrap();
    let item = relay::queue(db, &w.owner).await.unwrap().pop().unwrap();
    assert!(!item.flags.is_empty(), "the disguised number is flagged");
    let refused = relay::decide(
        db,
        &w.owner,
        item.relay_id,
        item.version,
        &RelayDecision::Approve {
            acknowledge_flags: false,
        },
        NOW,
    )
    .await;
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
    // The owner sees what the client will read: no provider's name.
    let view = item.client_view.as_str();
    assert!(!view.contains("yes") && !view.contains("Reyes"), "{view}");
    t.finish().await;
}

#[tokio::test]
async fn a_providers_former_and_everyday_word_names_never_reach_a_client() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let task_id = task::create(
        db,
        &w.owner,
        &task_input("Intake paperwork", Some(w.client), Some(&w.ava_actor)),
        NOW,
    )
    .await
    .unwrap();
    relayed(
        db,
        &w,
        task_id,
        "Ava Reyes here: the forms are ready.",
        None,
    )
    .await;
    profile::update(
        db,
        &w.ava_actor,
        &profile::Profile {
            display_name: "Ava Stone".into(),
            time_zone: "UTC".into(),
        },
        NOW,
    )
    .await
    .unwrap();
    // Ben's surname is an everyday word in Spanish and Portuguese.
    profile::update(
        db,
        &w.ben_actor,
        &profile::Profile {
            display_name: "Ben Santos".into(),
            time_zone: "UTC".into(),
        },
        NOW,
    )
    .await
    .unwrap();
    thread::post(
        db,
        &w.owner,
        ThreadRef::Client {
            client_id: w.client,
        },
        "Santos will call you tomorrow; Ben has the forms.",
        NOW,
    )
    .await
    .unwrap();
    let home = portal_home(db, &w, w.client, NOW).await;
    let text = portal_text(&home);
    for name in ["Reyes", "Ava", "Santos", "Ben"] {
        assert!(!text.contains(name), "{name} reached the client: {text}");
    }
    assert!(text.contains("will call you tomorrow"), "{text}");
    t.finish().await;
}

#[tokio::test]
async fn a_task_moved_to_another_client_leaves_the_portal_and_its_text_is_masked() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let james = clients::create(db, &w.owner, &client_input("James Okoro", "james"), NOW)
        .await
        .unwrap();
    let input = task_input("Follow-up on Maria Gomez's knee", Some(w.client), None);
    let task_id = task::create(db, &w.owner, &input, NOW).await.unwrap();
    portal::show_task(db, &w.owner, task_id, true, NOW)
        .await
        .unwrap();
    let moved = TaskInput {
        client_id: james.to_string(),
        ..input
    };
    task::update(db, &w.owner, task_id, 1, &moved, NOW)
        .await
        .unwrap();
    let home = portal_home(db, &w, james, NOW).await;
    assert!(
        home.tasks.is_empty(),
        "the moved task stays out of James's portal"
    );
    // Shown again by an owner: Maria's name is masked in James's portal.
    portal::show_task(db, &w.owner, task_id, true, NOW)
        .await
        .unwrap();
    thread::post(
        db,
        &w.owner,
        ThreadRef::Client { client_id: james },
        "James, unlike Maria Gomez (maria@mail.example) you need no X-ray.",
        NOW,
    )
    .await
    .unwrap();
    let home = portal_home(db, &w, james, NOW + 1).await;
    let text = portal_text(&home);
    assert_eq!(home.tasks.len(), 1);
    assert!(!text.contains("Maria") && !text.contains("Gomez"), "{text}");
    assert!(!text.contains("maria@mail.example"), "{text}");
    assert!(
        text.contains("James"),
        "the client's own name stays: {text}"
    );
    t.finish().await;
}

#[tokio::test]
async fn portal_sessions_are_counted_reused_idle_bounded_and_end_with_their_link() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let link = portal::create_link(db, &w.owner, w.client, NOW)
        .await
        .unwrap();
    // Reopening the link from a browser with a live session keeps it.
    let first = portal::exchange(db, &link.token, "10.2.0.1", NOW)
        .await
        .unwrap();
    let again = portal::exchange_or_resume(db, &link.token, Some(&first.token), "10.2.0.1", NOW)
        .await
        .unwrap();
    assert_eq!(again.token, first.token);
    // Successes count too: a working link is no way to make sessions
    // without end.
    for _ in 2..portal::MAX_EXCHANGES_PER_ADDRESS {
        portal::exchange(db, &link.token, "10.2.0.1", NOW)
            .await
            .unwrap();
    }
    assert!(matches!(
        portal::exchange(db, &link.token, "10.2.0.1", NOW).await,
        Err(Error::Throttled(_))
    ));
    // Unused for the idle time, a session ends.
    let idle_end = NOW + portal::IDLE_MS;
    assert!(door::portal_client(db, Some(&first.token), idle_end)
        .await
        .is_err());
    // Used, it lives on.
    let s = portal::exchange(db, &link.token, "10.2.0.2", NOW)
        .await
        .unwrap();
    door::portal_client(db, Some(&s.token), NOW + portal::IDLE_MS / 2)
        .await
        .unwrap();
    door::portal_client(db, Some(&s.token), NOW + portal::IDLE_MS + 1000)
        .await
        .unwrap();
    // An open event stream's check is no use of the session.
    let watched = portal::exchange(db, &link.token, "10.2.0.4", NOW)
        .await
        .unwrap();
    assert!(
        portal::still_live(db, &watched.token, NOW + portal::IDLE_MS - 1000)
            .await
            .unwrap()
    );
    assert!(
        !portal::still_live(db, &watched.token, NOW + portal::IDLE_MS)
            .await
            .unwrap()
    );
    assert!(
        door::portal_client(db, Some(&watched.token), NOW + portal::IDLE_MS)
            .await
            .is_err()
    );
    // A session the link does not vouch for (one that raced a revocation
    // and was written after it) opens nothing.
    let raced = portal::exchange(db, &link.token, "10.2.0.3", NOW + 10)
        .await
        .unwrap();
    portal::revoke_link(db, &w.owner, w.client, NOW + 20)
        .await
        .unwrap();
    testkit::restore_portal_session(db, &raced.token, w.client, NOW + 10).await;
    assert!(door::portal_client(db, Some(&raced.token), NOW + 30)
        .await
        .is_err());
    t.finish().await;
}

#[tokio::test]
async fn a_flood_of_portal_replies_is_refused_with_a_wait() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let link = portal::create_link(db, &w.owner, w.client, NOW)
        .await
        .unwrap();
    let s = portal::exchange(db, &link.token, "10.3.0.1", NOW)
        .await
        .unwrap();
    let c = door::portal_client(db, Some(&s.token), NOW).await.unwrap();
    for i in 0..portal::MAX_REPLIES_PER_WINDOW {
        portal::reply(db, &c, &format!("message {i}"), NOW)
            .await
            .unwrap();
    }
    assert!(matches!(
        portal::reply(db, &c, "one more", NOW).await,
        Err(Error::TooManyMessages(_))
    ));
    t.finish().await;
}
