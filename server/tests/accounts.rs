//! Accounts and sessions, on SQLite and PostgreSQL.

mod support;

use handoff::Role;
use handoff_server::accounts::{self, SignUp};
use handoff_server::session::{self, ABSOLUTE_MS, IDLE_MS};
use handoff_server::{demo, Error};
use support::{hasher, TestDb};

const NOW: i64 = 1_800_000_000_000;
const MINUTE: i64 = 60_000;

async fn olga_signs_in(db: &handoff_server::Database, at: i64) -> session::NewSession {
    accounts::sign_in(
        db,
        &hasher(),
        "olga@acme.example",
        "a long enough secret",
        "10.0.0.1",
        at,
    )
    .await
    .expect("olga signs in")
}

async fn live(db: &handoff_server::Database, token: &str, at: i64) -> bool {
    session::authenticate(db, token, at)
        .await
        .unwrap()
        .is_some()
}

fn owner_form(email: &str) -> SignUp {
    SignUp {
        workspace_name: "Acme Repairs".into(),
        time_zone: "Europe/Berlin".into(),
        currency: "eur".into(),
        display_name: "Olga Owner".into(),
        email: email.into(),
        password: "a long enough secret".into(),
    }
}

fn fields(err: Error) -> Vec<String> {
    match err {
        Error::Invalid(fields) => fields.into_iter().map(|f| f.field).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[tokio::test]
async fn sign_up_opens_a_workspace_and_signs_its_owner_in() {
    let t = TestDb::new().await;
    let s = accounts::sign_up(
        &t.db,
        &hasher(),
        owner_form("Olga@Acme.Example"),
        "10.0.0.1",
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(s.actor.role(), Role::Owner);
    let actor = session::authenticate(&t.db, &s.token, NOW + MINUTE)
        .await
        .unwrap()
        .expect("the new session is live");
    assert_eq!(actor, s.actor);
    let me = accounts::me(&t.db, &actor).await.unwrap();
    assert_eq!(me.workspace_name, "Acme Repairs");
    assert_eq!(me.email, "olga@acme.example");
    assert_eq!(me.time_zone, "Europe/Berlin");
    t.finish().await;
}

#[tokio::test]
async fn sign_up_names_every_bad_field_at_once_and_stores_nothing() {
    let t = TestDb::new().await;
    let form = SignUp {
        workspace_name: " ".into(),
        time_zone: "Mars/Olympus".into(),
        currency: "EURO".into(),
        display_name: "".into(),
        email: "not-an-email".into(),
        password: "short".into(),
    };
    let err = accounts::sign_up(&t.db, &hasher(), form, "10.0.0.1", NOW)
        .await
        .unwrap_err();
    let mut got = fields(err);
    got.sort();
    assert_eq!(
        got,
        [
            "currency",
            "display_name",
            "email",
            "password",
            "time_zone",
            "workspace_name"
        ]
    );
    assert!(demo::workspace_names(&t.db).await.unwrap().is_empty());
    t.finish().await;
}

#[tokio::test]
async fn common_passwords_and_taken_emails_are_refused() {
    let t = TestDb::new().await;
    let mut form = owner_form("olga@acme.example");
    form.password = "Password123".into();
    let err = accounts::sign_up(&t.db, &hasher(), form, "10.0.0.1", NOW)
        .await
        .unwrap_err();
    assert_eq!(fields(err), ["password"]);

    accounts::sign_up(
        &t.db,
        &hasher(),
        owner_form("olga@acme.example"),
        "10.0.0.1",
        NOW,
    )
    .await
    .unwrap();
    let err = accounts::sign_up(
        &t.db,
        &hasher(),
        owner_form("OLGA@acme.example"),
        "10.0.0.1",
        NOW,
    )
    .await
    .unwrap_err();
    assert_eq!(fields(err), ["email"]);
    assert_eq!(demo::workspace_names(&t.db).await.unwrap().len(), 1);
    t.finish().await;
}

#[tokio::test]
async fn sign_in_says_the_same_for_a_wrong_password_and_an_unknown_email() {
    let t = TestDb::new().await;
    let h = hasher();
    accounts::sign_up(&t.db, &h, owner_form("olga@acme.example"), "10.0.0.1", NOW)
        .await
        .unwrap();
    let wrong = accounts::sign_in(
        &t.db,
        &h,
        "olga@acme.example",
        "nope nope nope",
        "10.0.0.1",
        NOW,
    )
    .await;
    let unknown = accounts::sign_in(
        &t.db,
        &h,
        "who@acme.example",
        "nope nope nope",
        "10.0.0.1",
        NOW,
    )
    .await;
    assert!(matches!(wrong, Err(Error::SignInRefused)));
    assert!(matches!(unknown, Err(Error::SignInRefused)));

    let first = accounts::sign_in(
        &t.db,
        &h,
        " Olga@acme.example ",
        "a long enough secret",
        "10.0.0.1",
        NOW,
    )
    .await
    .unwrap();
    let second = olga_signs_in(&t.db, NOW).await;
    assert_ne!(
        first.token, second.token,
        "every sign-in gets a new session id"
    );
    t.finish().await;
}

#[tokio::test]
async fn repeated_failures_throttle_the_account_then_lift() {
    let t = TestDb::new().await;
    let h = hasher();
    accounts::sign_up(&t.db, &h, owner_form("olga@acme.example"), "10.0.0.1", NOW)
        .await
        .unwrap();
    for i in 0..accounts::MAX_FAILURES_PER_ACCOUNT {
        let r = accounts::sign_in(
            &t.db,
            &h,
            "olga@acme.example",
            "wrong guess",
            "10.0.0.9",
            NOW + i,
        )
        .await;
        assert!(matches!(r, Err(Error::SignInRefused)));
    }
    // Even the right password waits now, from any address.
    let r = accounts::sign_in(
        &t.db,
        &h,
        "olga@acme.example",
        "a long enough secret",
        "10.0.0.1",
        NOW + 10,
    )
    .await;
    assert!(matches!(r, Err(Error::Throttled(15))), "{r:?}");
    let later = NOW + accounts::THROTTLE_WINDOW_MS + 1;
    accounts::sign_in(
        &t.db,
        &h,
        "olga@acme.example",
        "a long enough secret",
        "10.0.0.1",
        later,
    )
    .await
    .expect("the window has passed");
    t.finish().await;
}

#[tokio::test]
async fn repeated_failures_from_one_address_throttle_that_address() {
    let t = TestDb::new().await;
    let h = hasher();
    accounts::sign_up(&t.db, &h, owner_form("olga@acme.example"), "10.0.0.1", NOW)
        .await
        .unwrap();
    for i in 0..accounts::MAX_FAILURES_PER_ADDRESS {
        let email = format!("guess{i}@acme.example");
        let _ = accounts::sign_in(&t.db, &h, &email, "wrong guess", "203.0.113.7", NOW).await;
    }
    let r = accounts::sign_in(
        &t.db,
        &h,
        "olga@acme.example",
        "a long enough secret",
        "203.0.113.7",
        NOW,
    )
    .await;
    assert!(matches!(r, Err(Error::Throttled(_))), "{r:?}");
    accounts::sign_in(
        &t.db,
        &h,
        "olga@acme.example",
        "a long enough secret",
        "198.51.100.1",
        NOW,
    )
    .await
    .expect("another address is not throttled");
    t.finish().await;
}

#[tokio::test]
async fn sessions_end_when_idle_and_at_their_absolute_limit() {
    let t = TestDb::new().await;
    let s = accounts::sign_up(
        &t.db,
        &hasher(),
        owner_form("olga@acme.example"),
        "10.0.0.1",
        NOW,
    )
    .await
    .unwrap();
    assert!(live(&t.db, &s.token, NOW + IDLE_MS - MINUTE).await);
    assert!(live(&t.db, &s.token, NOW + 2 * IDLE_MS - 2 * MINUTE).await);
    assert!(
        !live(&t.db, &s.token, NOW + 3 * IDLE_MS).await,
        "idle for a full idle period"
    );

    let s = olga_signs_in(&t.db, NOW).await;
    let mut at = NOW;
    while at + 20 * MINUTE < NOW + ABSOLUTE_MS {
        at += 20 * MINUTE;
        assert!(live(&t.db, &s.token, at).await);
    }
    assert!(!live(&t.db, &s.token, NOW + ABSOLUTE_MS).await);
    assert!(!live(&t.db, "not a token", NOW).await);
    t.finish().await;
}

#[tokio::test]
async fn sign_out_ends_one_session_and_sign_out_everywhere_ends_all() {
    let t = TestDb::new().await;
    let h = hasher();
    let a = accounts::sign_up(&t.db, &h, owner_form("olga@acme.example"), "10.0.0.1", NOW)
        .await
        .unwrap();
    let b = olga_signs_in(&t.db, NOW).await;
    let c = olga_signs_in(&t.db, NOW).await;
    session::sign_out(&t.db, &a.actor).await.unwrap();
    assert!(!live(&t.db, &a.token, NOW).await);
    assert!(live(&t.db, &b.token, NOW).await);
    session::sign_out_everywhere(&t.db, &b.actor).await.unwrap();
    assert!(!live(&t.db, &b.token, NOW).await);
    assert!(!live(&t.db, &c.token, NOW).await);
    t.finish().await;
}

#[tokio::test]
async fn a_password_change_ends_other_sessions_and_retires_the_old_password() {
    let t = TestDb::new().await;
    let h = hasher();
    let a = accounts::sign_up(&t.db, &h, owner_form("olga@acme.example"), "10.0.0.1", NOW)
        .await
        .unwrap();
    let other = olga_signs_in(&t.db, NOW).await;

    let wrong = accounts::change_password(
        &t.db,
        &h,
        &a.actor,
        "not it at all",
        "brand new secret",
        NOW,
    )
    .await;
    assert_eq!(fields(wrong.unwrap_err()), ["current_password"]);
    let weak =
        accounts::change_password(&t.db, &h, &a.actor, "a long enough secret", "iloveyou", NOW)
            .await;
    assert_eq!(fields(weak.unwrap_err()), ["new_password"]);

    let fresh = accounts::change_password(
        &t.db,
        &h,
        &a.actor,
        "a long enough secret",
        "brand new secret",
        NOW,
    )
    .await
    .unwrap();
    assert!(!live(&t.db, &a.token, NOW).await);
    assert!(!live(&t.db, &other.token, NOW).await);
    assert!(live(&t.db, &fresh.token, NOW).await);
    let old = accounts::sign_in(
        &t.db,
        &h,
        "olga@acme.example",
        "a long enough secret",
        "10.0.0.2",
        NOW,
    )
    .await;
    assert!(matches!(old, Err(Error::SignInRefused)));
    accounts::sign_in(
        &t.db,
        &h,
        "olga@acme.example",
        "brand new secret",
        "10.0.0.2",
        NOW,
    )
    .await
    .unwrap();
    t.finish().await;
}

#[tokio::test]
async fn the_demo_members_can_sign_in_with_the_demo_password() {
    let t = TestDb::new().await;
    let h = hasher();
    demo::seed_if_empty(&t.db, &h, NOW).await.unwrap();
    for (email, name, role, _) in demo::DEMO_MEMBERS {
        let s = accounts::sign_in(&t.db, &h, email, demo::DEMO_PASSWORD, "127.0.0.1", NOW)
            .await
            .unwrap();
        let me = accounts::me(&t.db, &s.actor).await.unwrap();
        assert_eq!((me.display_name.as_str(), me.role), (name, role));
        assert_eq!(me.workspace_name, demo::DEMO_WORKSPACE);
    }
    t.finish().await;
}

#[tokio::test]
async fn probing_for_accounts_through_sign_up_is_throttled() {
    let t = TestDb::new().await;
    let h = hasher();
    accounts::sign_up(&t.db, &h, owner_form("olga@acme.example"), "10.0.0.1", NOW)
        .await
        .unwrap();
    for _ in 0..accounts::MAX_FAILURES_PER_ACCOUNT {
        let r = accounts::sign_up(
            &t.db,
            &h,
            owner_form("olga@acme.example"),
            "198.51.100.9",
            NOW,
        )
        .await;
        assert!(matches!(r, Err(Error::Invalid(_))));
    }
    let r = accounts::sign_up(
        &t.db,
        &h,
        owner_form("olga@acme.example"),
        "198.51.100.9",
        NOW,
    )
    .await;
    assert!(matches!(r, Err(Error::Throttled(_))), "{r:?}");
    t.finish().await;
}

#[tokio::test]
async fn ending_a_token_ends_only_that_session() {
    let t = TestDb::new().await;
    let h = hasher();
    let a = accounts::sign_up(&t.db, &h, owner_form("olga@acme.example"), "10.0.0.1", NOW)
        .await
        .unwrap();
    let b = olga_signs_in(&t.db, NOW).await;
    session::end_token(&t.db, &a.token).await.unwrap();
    session::end_token(&t.db, "no such token").await.unwrap();
    assert!(!live(&t.db, &a.token, NOW).await);
    assert!(live(&t.db, &b.token, NOW).await);
    t.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_parallel_wrong_passwords_gets_at_most_five_checks() {
    let t = TestDb::new().await;
    let h = hasher();
    accounts::sign_up(&t.db, &h, owner_form("olga@acme.example"), "10.0.0.1", NOW)
        .await
        .unwrap();
    let before = h.verifications();
    let mut set = tokio::task::JoinSet::new();
    for i in 0..200 {
        let (db, h) = (t.db.clone(), h.clone());
        // From many addresses, so only the account's count can stop them.
        let address = format!("198.51.{}.{}", i / 200, i % 200);
        set.spawn(async move {
            accounts::sign_in(&db, &h, "olga@acme.example", "wrong guess", &address, NOW).await
        });
    }
    let (mut refused, mut throttled) = (0, 0);
    while let Some(r) = set.join_next().await {
        match r.unwrap() {
            Err(Error::SignInRefused) => refused += 1,
            Err(Error::Throttled(_)) => throttled += 1,
            other => panic!("{other:?}"),
        }
    }
    let checked = h.verifications() - before;
    assert!(
        checked <= accounts::MAX_FAILURES_PER_ACCOUNT as u64,
        "{checked} passwords reached the hasher"
    );
    assert_eq!(refused, accounts::MAX_FAILURES_PER_ACCOUNT);
    assert_eq!(throttled, 200 - accounts::MAX_FAILURES_PER_ACCOUNT);
    t.finish().await;
}

#[tokio::test]
async fn right_passwords_do_not_use_up_an_addresss_allowance() {
    let t = TestDb::new().await;
    let h = hasher();
    accounts::sign_up(&t.db, &h, owner_form("olga@acme.example"), "10.0.0.1", NOW)
        .await
        .unwrap();
    // An office behind one address: many good sign-ins, a few typos.
    for i in 0..accounts::MAX_FAILURES_PER_ADDRESS * 2 {
        accounts::sign_in(
            &t.db,
            &h,
            "olga@acme.example",
            "a long enough secret",
            "192.0.2.1",
            NOW + i,
        )
        .await
        .unwrap();
    }
    t.finish().await;
}

#[tokio::test]
async fn a_member_changes_their_name_and_zone_and_the_change_is_audited() {
    use handoff::{AuditAction, AuditFilter};
    use handoff_server::profile::{self, Profile};
    let t = TestDb::new().await;
    let a = accounts::sign_up(
        &t.db,
        &hasher(),
        owner_form("olga@acme.example"),
        "10.0.0.1",
        NOW,
    )
    .await
    .unwrap();

    let bad = profile::update(
        &t.db,
        &a.actor,
        &Profile {
            display_name: "   ".into(),
            time_zone: "Mars/Olympus_Mons".into(),
        },
        NOW,
    )
    .await;
    assert_eq!(fields(bad.unwrap_err()), ["display_name", "time_zone"]);
    let me = accounts::me(&t.db, &a.actor).await.unwrap();
    assert_eq!(
        (me.display_name.as_str(), me.time_zone.as_str()),
        ("Olga Owner", "Europe/Berlin")
    );

    // A zone far from the short list of earlier pickers is accepted too.
    profile::update(
        &t.db,
        &a.actor,
        &Profile {
            display_name: " Olga Owens ".into(),
            time_zone: "Pacific/Chatham".into(),
        },
        NOW,
    )
    .await
    .unwrap();
    let me = accounts::me(&t.db, &a.actor).await.unwrap();
    assert_eq!(
        (me.display_name.as_str(), me.time_zone.as_str()),
        ("Olga Owens", "Pacific/Chatham")
    );

    // Saving again unchanged records nothing more.
    profile::update(
        &t.db,
        &a.actor,
        &Profile {
            display_name: "Olga Owens".into(),
            time_zone: "Pacific/Chatham".into(),
        },
        NOW,
    )
    .await
    .unwrap();
    let owner = handoff_server::testkit::owner(&a.actor);
    let filter = AuditFilter {
        action: AuditAction::ProfileChanged.as_str().into(),
        ..AuditFilter::default()
    };
    let page = handoff_server::audit::page(&t.db, &owner, &filter, 1)
        .await
        .unwrap();
    assert_eq!(page.events.len(), 1);
    assert_eq!(page.events[0].detail, "display name, time zone");
    assert_eq!(page.events[0].member_name.as_deref(), Some("Olga Owens"));
    t.finish().await;
}
