//! The client portal's backend: private links (hashed, expiring, revocable,
//! replaced), the exchange for a portal session (throttled, one refusal for
//! every dead link), the portal door apart from members' doors, and what
//! the client reads: their own thread and chosen task statuses, through
//! the client lens (no provider's name). Runs on both engines.

mod support;

use handoff::thread::{PortalLinkStatus, ThreadRef};
use handoff::AuditAction;
use handoff_server::testkit::{self, World};
use handoff_server::{accounts, door, portal, task, thread, Error};
use support::TestDb;

const NOW: i64 = 1_790_000_000_000;

#[tokio::test]
async fn links_are_hashed_expiring_revocable_and_replaced() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    assert_eq!(
        portal::link_status(db, &w.owner, w.client, NOW)
            .await
            .unwrap(),
        PortalLinkStatus::None
    );
    assert!(matches!(
        portal::create_link(db, &w.stranger, w.client, NOW).await,
        Err(Error::NotFound)
    ));
    let first = portal::create_link(db, &w.owner, w.client, NOW)
        .await
        .unwrap();
    assert_eq!(first.token.len(), 64, "256 bits, hex");
    assert_eq!(first.expires_at, NOW + portal::LINK_MS);
    let session = portal::exchange(db, &first.token, "10.0.0.9", NOW + 10)
        .await
        .unwrap();
    let client = door::portal_client(db, Some(&session.token), NOW + 20)
        .await
        .unwrap();
    assert_eq!(client.client_id(), w.client);
    assert_eq!(
        portal::link_status(db, &w.owner, w.client, NOW + 30)
            .await
            .unwrap(),
        PortalLinkStatus::Live {
            created_at: NOW,
            expires_at: NOW + portal::LINK_MS,
            last_opened_at: Some(NOW + 10)
        }
    );
    // The token itself is nowhere in the database.
    let stored = sqlx_count(&t, &first.token).await;
    assert_eq!(stored, 0);

    // A portal session is no member session, and the other way round.
    assert!(matches!(
        door::member(db, Some(&session.token), NOW).await,
        Err(Error::Unauthenticated)
    ));
    let member_token = accounts::sign_in(
        db,
        &testkit::hasher(),
        "owner@bright.example",
        testkit::PASSWORD,
        "10.0.0.3",
        NOW,
    )
    .await
    .unwrap()
    .token;
    assert!(matches!(
        door::portal_client(db, Some(&member_token), NOW).await,
        Err(Error::Unauthenticated)
    ));

    // Made again: the old link and its sessions stop working.
    let second = portal::create_link(db, &w.owner, w.client, NOW + 40)
        .await
        .unwrap();
    assert!(matches!(
        portal::exchange(db, &first.token, "10.0.0.9", NOW + 50).await,
        Err(Error::LinkNoLongerWorks)
    ));
    assert!(door::portal_client(db, Some(&session.token), NOW + 50)
        .await
        .is_err());
    // Expired, unknown, malformed: the same refusal.
    let later = NOW + 40 + portal::LINK_MS;
    assert!(matches!(
        portal::exchange(db, &second.token, "10.0.0.9", later).await,
        Err(Error::LinkNoLongerWorks)
    ));
    assert!(matches!(
        portal::link_status(db, &w.owner, w.client, later)
            .await
            .unwrap(),
        PortalLinkStatus::Expired { .. }
    ));
    for bad in ["0".repeat(64), "nope".to_string()] {
        assert!(matches!(
            portal::exchange(db, &bad, "10.0.0.9", NOW).await,
            Err(Error::LinkNoLongerWorks)
        ));
    }
    // Revoked.
    let live = portal::exchange(db, &second.token, "10.0.0.9", NOW + 60)
        .await
        .unwrap();
    portal::revoke_link(db, &w.owner, w.client, NOW + 70)
        .await
        .unwrap();
    assert!(matches!(
        portal::exchange(db, &second.token, "10.0.0.9", NOW + 80).await,
        Err(Error::LinkNoLongerWorks)
    ));
    assert!(door::portal_client(db, Some(&live.token), NOW + 80)
        .await
        .is_err());
    assert!(matches!(
        portal::link_status(db, &w.owner, w.client, NOW + 80)
            .await
            .unwrap(),
        PortalLinkStatus::Revoked { .. }
    ));
    let filter = |a: AuditAction| handoff::AuditFilter {
        action: a.as_str().into(),
        ..Default::default()
    };
    for (action, n) in [
        (AuditAction::PortalLinkCreated, 2),
        (AuditAction::PortalLinkRevoked, 1),
        (AuditAction::PortalSignIn, 2),
    ] {
        let page = handoff_server::audit::page(db, &w.owner, &filter(action), 1)
            .await
            .unwrap();
        assert_eq!(page.events.len(), n, "{action:?}");
    }
    // A session ends on its own.
    let third = portal::create_link(db, &w.owner, w.client, NOW + 90)
        .await
        .unwrap();
    let s = portal::exchange(db, &third.token, "10.0.0.9", NOW + 90)
        .await
        .unwrap();
    assert!(door::portal_client(db, Some(&s.token), s.expires_at)
        .await
        .is_err());
    t.finish().await;
}

/// Rows of `portal_links` and `portal_sessions` holding this token as is.
async fn sqlx_count(t: &TestDb, token: &str) -> i64 {
    let pool = sqlx::AnyPool::connect(&t.url).await.unwrap();
    let mut n = 0;
    for table in ["portal_links", "portal_sessions"] {
        let c: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM {table} WHERE token_hash = $1"
        ))
        .bind(token)
        .fetch_one(&pool)
        .await
        .unwrap();
        n += c;
    }
    let hashed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM portal_links WHERE token_hash = $1")
        .bind(handoff_server::session::token_hash(token))
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(hashed, 1, "stored as its hash");
    pool.close().await;
    n
}

#[tokio::test]
async fn exchanges_are_throttled_per_address() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let link = portal::create_link(db, &w.owner, w.client, NOW)
        .await
        .unwrap();
    for _ in 0..portal::MAX_EXCHANGES_PER_ADDRESS {
        assert!(matches!(
            portal::exchange(db, &"a".repeat(64), "10.0.0.66", NOW).await,
            Err(Error::LinkNoLongerWorks)
        ));
    }
    assert!(matches!(
        portal::exchange(db, &link.token, "10.0.0.66", NOW).await,
        Err(Error::Throttled(_))
    ));
    assert!(portal::exchange(db, &link.token, "10.0.0.67", NOW)
        .await
        .is_ok());
    t.finish().await;
}

#[tokio::test]
async fn the_client_reads_only_their_thread_and_chosen_statuses_never_a_providers_name() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let task_id = task::create(
        db,
        &w.owner,
        &testkit::task_input("Intake paperwork", Some(w.client), Some(&w.ava_actor)),
        NOW,
    )
    .await
    .unwrap();
    let hidden = task::create(
        db,
        &w.owner,
        &testkit::task_input("Internal billing", Some(w.client), Some(&w.ava_actor)),
        NOW,
    )
    .await
    .unwrap();
    let other = handoff_server::clients::create(
        db,
        &w.owner,
        &testkit::client_input("Jane Doe", "jane"),
        NOW,
    )
    .await
    .unwrap();
    portal::show_task(db, &w.owner, task_id, true, NOW)
        .await
        .unwrap();
    let _ = hidden;
    thread::post(
        db,
        &w.owner,
        ThreadRef::Client {
            client_id: w.client,
        },
        "Ava Reyes is preparing it. Call us on 555 014 9000.",
        NOW,
    )
    .await
    .unwrap();
    thread::post(
        db,
        &w.owner,
        ThreadRef::Client { client_id: other },
        "Jane, your invoice",
        NOW,
    )
    .await
    .unwrap();
    let link = portal::create_link(db, &w.owner, w.client, NOW)
        .await
        .unwrap();
    let s = portal::exchange(db, &link.token, "10.0.0.9", NOW)
        .await
        .unwrap();
    let client = door::portal_client(db, Some(&s.token), NOW).await.unwrap();
    let home = portal::home(db, &client, NOW).await.unwrap();
    assert_eq!(home.business_name, "Bright Path");
    assert_eq!(home.messages.len(), 1, "their own thread only");
    let html = home.messages[0].body_html.as_str();
    assert!(!html.contains("Ava") && !html.contains("Reyes"), "{html}");
    assert!(
        html.contains("555 014 9000"),
        "the business's own number stays: {html}"
    );
    assert_eq!(home.unread, 1);
    assert_eq!(home.tasks.len(), 1);
    assert_eq!(home.tasks[0].title.as_str(), "Intake paperwork");
    assert_eq!(home.tasks[0].status, "Planned");
    let debug = format!("{home:?}");
    assert!(!debug.contains("Ava") && !debug.contains("Jane") && !debug.contains("Internal"));

    portal::mark_read(db, &client, home.messages[0].message_id)
        .await
        .unwrap();
    let change = portal::reply(db, &client, "Thanks, see you Tuesday", NOW)
        .await
        .unwrap();
    assert_eq!(change.audience.portal_client_id, Some(w.client));
    assert!(change.audience.owners && change.audience.provider_id.is_none());
    let home = portal::home(db, &client, NOW).await.unwrap();
    assert_eq!(home.unread, 0);
    assert!(!home.messages[1].from_business);
    portal::sign_out(db, &client).await.unwrap();
    assert!(door::portal_client(db, Some(&s.token), NOW).await.is_err());
    assert!(matches!(
        portal::show_task(db, &w.stranger, task_id, true, NOW).await,
        Err(Error::NotFound)
    ));
    t.finish().await;
}
