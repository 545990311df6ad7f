//! The provider's read path: compiled client values are kept across
//! requests and app servers see each other's changes at once; looks are
//! recorded off the read path, and none is lost.

mod support;

use handoff::dashboard::{badge_text, BADGE_MAX};
use handoff::thread::ThreadRef;
use handoff::{AuditAction, AuditFilter, ClientInput, Waiting};
use handoff_server::testkit::{task_input, World};
use handoff_server::{audit, clients, disclosure, task, thread, Database, DatabaseUrl, Member};
use support::TestDb;

const NOW: i64 = 1_790_000_000_000;

fn zebulon() -> ClientInput {
    ClientInput {
        name: "Zebulon Quartermaine".into(),
        email: "zq@example.net".into(),
        phone: String::new(),
        address: String::new(),
        date_of_birth: String::new(),
        notes: "Gate code 4471".into(),
    }
}

/// A second app server on the test's database, with its own caches.
async fn second_server(t: &TestDb) -> Database {
    Database::connect(&DatabaseUrl::parse(&t.url).unwrap())
        .await
        .unwrap()
}

#[tokio::test]
async fn a_new_clients_values_are_hidden_on_the_next_page_whichever_server_wrote_them() {
    let t = TestDb::new().await;
    let first = &t.db;
    let second = second_server(&t).await;
    let w = World::build(first, NOW).await;
    let mut input = task_input("Ring Zebulon Quartermaine back", None, Some(&w.ava_actor));
    input.instructions = "Quote gate code 4471 to the courier.".into();
    let id = task::create(first, &w.owner, &input, NOW).await.unwrap();

    // Both servers compile the workspace's values: no such client yet.
    for db in [first, &second] {
        let page = task::provider_task(db, &w.ava, id, NOW).await.unwrap();
        assert_eq!(page.title.as_str(), "Ring Zebulon Quartermaine back");
    }
    // The client is made through the first server; the second server's
    // next page hides the name and the note, as the first's does.
    clients::create(first, &w.owner, &zebulon(), NOW)
        .await
        .unwrap();
    for db in [first, &second] {
        let page = task::provider_task(db, &w.ava, id, NOW).await.unwrap();
        assert!(
            !page.title.as_str().contains("Zebulon"),
            "{}",
            page.title.as_str()
        );
        assert!(!page.instructions_html.as_str().contains("4471"));
        let lines = task::my_tasks(db, &w.ava, NOW).await.unwrap();
        let line = lines.iter().find(|l| l.task_id == id).unwrap();
        assert!(!line.title.as_str().contains("Quartermaine"));
    }
    second.close().await;
    t.finish().await;
}

/// Lens cores (a client's compiled values and the texts read through them)
/// are kept across requests too: an edit of the client on one server is on
/// every server's next page, disclosed or hidden as before.
#[tokio::test]
async fn a_kept_lens_follows_an_edit_of_its_client_on_every_server() {
    let t = TestDb::new().await;
    let first = &t.db;
    let second = second_server(&t).await;
    let w = World::build(first, NOW).await;
    let mut input = task_input("Call the client back", Some(w.client), Some(&w.ava_actor));
    input.instructions = "Ask for Maria Gomez, or for Rosalind Okonkwo-Veld.".into();
    let named = task::create(first, &w.owner, &input, NOW).await.unwrap();
    disclosure::set(first, &w.owner, named, &["name".into()], true, NOW)
        .await
        .unwrap();
    // Same client, nothing disclosed: its title is read before and after.
    let input = task_input(
        "Ask Rosalind Okonkwo-Veld about the key",
        Some(w.client),
        Some(&w.ava_actor),
    );
    let plain = task::create(first, &w.owner, &input, NOW).await.unwrap();
    let plain_title = |lines: &[handoff::provider::ProviderTaskLine]| {
        let line = lines.iter().find(|l| l.task_id == plain).unwrap();
        line.title.as_str().to_string()
    };
    for db in [first, &second] {
        let page = task::provider_task(db, &w.ava, named, NOW).await.unwrap();
        assert_eq!(
            page.client.unwrap().disclosed[0].value.as_str(),
            "Maria Gomez"
        );
        assert!(page.instructions_html.as_str().contains("Rosalind"));
        let lines = task::my_tasks(db, &w.ava, NOW).await.unwrap();
        assert!(
            plain_title(&lines).contains("Okonkwo-Veld"),
            "not a client's name yet"
        );
    }
    // The client is renamed through the second server.
    let edited = handoff_server::testkit::client_input("Rosalind Okonkwo-Veld", "maria");
    clients::update(&second, &w.owner, w.client, &edited, NOW)
        .await
        .unwrap();
    for db in [first, &second] {
        let page = task::provider_task(db, &w.ava, named, NOW).await.unwrap();
        assert_eq!(
            page.client.unwrap().disclosed[0].value.as_str(),
            "Rosalind Okonkwo-Veld",
            "the disclosed name is the client's name now"
        );
        assert!(
            !page.instructions_html.as_str().contains("Maria Gomez"),
            "the former name stays hidden: {}",
            page.instructions_html.as_str()
        );
        let lines = task::my_tasks(db, &w.ava, NOW).await.unwrap();
        let title = plain_title(&lines);
        assert!(
            !title.contains("Rosalind") && !title.contains("Okonkwo"),
            "the same title, read again, hides the new name: {title}"
        );
    }
    second.close().await;
    t.finish().await;
}

#[tokio::test]
async fn every_look_is_in_the_audit_log_when_an_owner_reads_it() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let input = task_input("Call Maria Gomez back", Some(w.client), Some(&w.ava_actor));
    let id = task::create(db, &w.owner, &input, NOW).await.unwrap();
    disclosure::set(db, &w.owner, id, &["name".into()], true, NOW)
        .await
        .unwrap();
    for _ in 0..3 {
        task::provider_task(db, &w.ava, id, NOW).await.unwrap();
        task::my_tasks(db, &w.ava, NOW).await.unwrap();
    }
    let filter = AuditFilter {
        action: AuditAction::DisclosedShown.as_str().into(),
        ..AuditFilter::default()
    };
    let page = audit::page(db, &w.owner, &filter, 1).await.unwrap();
    assert_eq!(
        page.events.len(),
        6,
        "one look per page that showed the name"
    );
    t.finish().await;
}

#[tokio::test]
async fn the_navigation_counts_unread_messages_up_to_its_badge_and_no_further() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let input = task_input("Weekly bookkeeping", None, Some(&w.ava_actor));
    let id = task::create(db, &w.owner, &input, NOW).await.unwrap();
    let team = ThreadRef::Team { task_id: id };
    let ava = Member::Provider(w.ava.clone());
    let unread = |waiting: Waiting| match waiting {
        Waiting::Provider { unread_team, .. } => unread_team,
        other => panic!("a provider's counts, not {other:?}"),
    };
    for n in 1..=BADGE_MAX + 3 {
        thread::post(db, &w.owner, team, &format!("Note {n}"), NOW + n)
            .await
            .unwrap();
        if n == 3 {
            let waiting = task::waiting(db, &ava, NOW).await.unwrap();
            assert_eq!(unread(waiting), 3);
        }
    }
    let waiting = task::waiting(db, &ava, NOW).await.unwrap();
    assert_eq!(
        unread(waiting),
        BADGE_MAX + 1,
        "counted up to the badge's 99+"
    );
    assert_eq!(badge_text(BADGE_MAX + 1), "99+");
    assert_eq!(badge_text(7), "7");
    t.finish().await;
}
