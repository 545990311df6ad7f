//! Two-factor sign-in (TOTP), recovery codes and the owners' requirement, on
//! SQLite and PostgreSQL.

mod support;

use handoff_server::accounts::{self, SignUp};
use handoff_server::session::{self, NewSession};
use handoff_server::{two_factor, Database, Error};
use support::{hasher, TestDb};
use totp_rs::{Algorithm, Secret, TOTP};

const NOW: i64 = 1_800_000_000_000;

/// A plain sqlx pool on the test database, to read what is stored (sealed
/// secrets, salted hashes) as someone with a copy of it would.
async fn raw(t: &TestDb) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::any::AnyPoolOptions::new()
        .max_connections(2)
        .connect(&t.url)
        .await
        .expect("a raw pool on the test database")
}
const PASSWORD: &str = "owner password one";

fn code(secret: &str, at_ms: i64) -> String {
    let bytes = Secret::Encoded(secret.to_string()).to_bytes().unwrap();
    TOTP::new_unchecked(Algorithm::SHA1, 6, 1, 30, bytes, None, String::new())
        .generate((at_ms / 1000) as u64)
}

async fn owner(db: &Database, email: &str) -> NewSession {
    accounts::sign_up(
        db,
        &hasher(),
        SignUp {
            workspace_name: "A".into(),
            time_zone: "UTC".into(),
            currency: "EUR".into(),
            display_name: "Owner".into(),
            email: email.into(),
            password: PASSWORD.into(),
        },
        "10.0.0.1",
        NOW,
    )
    .await
    .unwrap()
}

/// Turns TOTP on for the session's member; returns the secret and codes.
async fn enable(db: &Database, s: &NewSession) -> (String, Vec<String>) {
    let enrolment = two_factor::start(db, &hasher(), &s.actor, PASSWORD, NOW)
        .await
        .unwrap();
    assert!(enrolment.otpauth_url.starts_with("otpauth://totp/Handoff:"));
    let codes = two_factor::confirm(db, &s.actor, &code(&enrolment.secret, NOW), NOW)
        .await
        .unwrap();
    (enrolment.secret, codes)
}

async fn challenge(db: &Database, email: &str, at: i64) -> String {
    match accounts::sign_in(db, &hasher(), email, PASSWORD, "10.0.0.1", at).await {
        Err(Error::SecondFactorRequired(challenge)) => challenge,
        other => panic!("expected a second-factor challenge, got {other:?}"),
    }
}

#[tokio::test]
async fn with_totp_on_a_password_alone_does_not_sign_in() {
    let t = TestDb::new().await;
    let s = owner(&t.db, "o@a.example").await;
    let (secret, codes) = enable(&t.db, &s).await;
    assert_eq!(codes.len(), two_factor::RECOVERY_CODES);
    assert!(two_factor::status(&t.db, &s.actor).await.unwrap().enabled);

    let later = NOW + 120_000;
    let c = challenge(&t.db, "o@a.example", later).await;
    let wrong = two_factor::complete_sign_in(&t.db, &c, "000000", "10.0.0.1", later).await;
    assert!(matches!(wrong, Err(Error::Invalid(_))));
    let signed = two_factor::complete_sign_in(&t.db, &c, &code(&secret, later), "10.0.0.1", later)
        .await
        .unwrap();
    assert!(session::authenticate(&t.db, &signed.token, later)
        .await
        .unwrap()
        .is_some());
    // The challenge is spent.
    let again =
        two_factor::complete_sign_in(&t.db, &c, &code(&secret, later), "10.0.0.1", later).await;
    assert!(matches!(again, Err(Error::Unauthenticated)));
    t.finish().await;
}

#[tokio::test]
async fn a_code_cannot_be_replayed_and_a_challenge_expires() {
    let t = TestDb::new().await;
    let s = owner(&t.db, "o@a.example").await;
    let (secret, _) = enable(&t.db, &s).await;
    let later = NOW + 300_000;
    let first = challenge(&t.db, "o@a.example", later).await;
    two_factor::complete_sign_in(&t.db, &first, &code(&secret, later), "10.0.0.1", later)
        .await
        .unwrap();
    let second = challenge(&t.db, "o@a.example", later).await;
    let replay =
        two_factor::complete_sign_in(&t.db, &second, &code(&secret, later), "10.0.0.1", later)
            .await;
    assert!(
        matches!(replay, Err(Error::Invalid(_))),
        "same code, same step: {replay:?}"
    );

    let stale = challenge(&t.db, "o@a.example", later).await;
    let too_late = later + two_factor::CHALLENGE_TTL_MS;
    let r = two_factor::complete_sign_in(
        &t.db,
        &stale,
        &code(&secret, too_late),
        "10.0.0.1",
        too_late,
    )
    .await;
    assert!(matches!(r, Err(Error::Unauthenticated)));
    t.finish().await;
}

#[tokio::test]
async fn each_recovery_code_works_once() {
    let t = TestDb::new().await;
    let s = owner(&t.db, "o@a.example").await;
    let (_, codes) = enable(&t.db, &s).await;
    let c = challenge(&t.db, "o@a.example", NOW).await;
    two_factor::complete_sign_in(&t.db, &c, &codes[0].to_uppercase(), "10.0.0.1", NOW)
        .await
        .unwrap();
    let c = challenge(&t.db, "o@a.example", NOW).await;
    let reused = two_factor::complete_sign_in(&t.db, &c, &codes[0], "10.0.0.1", NOW).await;
    assert!(matches!(reused, Err(Error::Invalid(_))));
    two_factor::complete_sign_in(&t.db, &c, &codes[1], "10.0.0.1", NOW)
        .await
        .unwrap();
    assert_eq!(
        two_factor::status(&t.db, &s.actor)
            .await
            .unwrap()
            .recovery_codes_left,
        8
    );
    t.finish().await;
}

#[tokio::test]
async fn wrong_codes_count_toward_the_throttle() {
    let t = TestDb::new().await;
    let s = owner(&t.db, "o@a.example").await;
    let (secret, _) = enable(&t.db, &s).await;
    let c = challenge(&t.db, "o@a.example", NOW).await;
    for _ in 0..accounts::MAX_FAILURES_PER_ACCOUNT {
        let r = two_factor::complete_sign_in(&t.db, &c, "123456", "10.0.0.1", NOW).await;
        assert!(matches!(r, Err(Error::Invalid(_))));
    }
    let r = two_factor::complete_sign_in(&t.db, &c, &code(&secret, NOW), "10.0.0.1", NOW).await;
    assert!(matches!(r, Err(Error::Throttled(_))), "{r:?}");
    t.finish().await;
}

#[tokio::test]
async fn a_workspace_can_require_it_of_owners() {
    let t = TestDb::new().await;
    let s = owner(&t.db, "o@a.example").await;
    two_factor::set_owner_requirement(&t.db, &handoff_server::testkit::owner(&s.actor), true)
        .await
        .unwrap();
    let actor = session::authenticate(&t.db, &s.token, NOW)
        .await
        .unwrap()
        .unwrap();
    assert!(actor.needs_two_factor_setup(), "set-up comes first");
    let status = two_factor::status(&t.db, &actor).await.unwrap();
    assert!(status.required_for_owners && status.setup_needed);

    let (_, _) = enable(&t.db, &s).await;
    let actor = session::authenticate(&t.db, &s.token, NOW)
        .await
        .unwrap()
        .unwrap();
    assert!(!actor.needs_two_factor_setup());
    match two_factor::disable(&t.db, &hasher(), &actor, PASSWORD, NOW).await {
        Err(Error::Invalid(f)) => assert_eq!(f[0].field, "password"),
        other => panic!("an owner cannot turn it off while required: {other:?}"),
    }
    two_factor::set_owner_requirement(&t.db, &handoff_server::testkit::owner(&actor), false)
        .await
        .unwrap();
    two_factor::disable(&t.db, &hasher(), &actor, PASSWORD, NOW)
        .await
        .unwrap();
    let signed =
        accounts::sign_in(&t.db, &hasher(), "o@a.example", PASSWORD, "10.0.0.1", NOW).await;
    assert!(signed.is_ok(), "a password alone works again");
    t.finish().await;
}

#[tokio::test]
async fn turning_it_on_needs_a_right_code_first() {
    let t = TestDb::new().await;
    let s = owner(&t.db, "o@a.example").await;
    let enrolment = two_factor::start(&t.db, &hasher(), &s.actor, PASSWORD, NOW)
        .await
        .unwrap();
    let r = two_factor::confirm(&t.db, &s.actor, "999999", NOW).await;
    assert!(matches!(r, Err(Error::Invalid(_))));
    assert!(!two_factor::status(&t.db, &s.actor).await.unwrap().enabled);
    let pending = two_factor::status(&t.db, &s.actor).await.unwrap().pending;
    assert_eq!(pending.map(|k| k.secret), Some(enrolment.secret.clone()));
    let codes = two_factor::confirm(&t.db, &s.actor, &code(&enrolment.secret, NOW), NOW)
        .await
        .unwrap();
    let status = two_factor::status(&t.db, &s.actor).await.unwrap();
    assert!(status.enabled && status.pending.is_none());
    assert_eq!(status.new_recovery_codes, codes, "shown…");
    let status = two_factor::status(&t.db, &s.actor).await.unwrap();
    assert_eq!(
        status.new_recovery_codes, codes,
        "…reading changes nothing (a GET)…"
    );
    two_factor::dismiss_recovery_codes(&t.db, &s.actor)
        .await
        .unwrap();
    let status = two_factor::status(&t.db, &s.actor).await.unwrap();
    assert!(
        status.new_recovery_codes.is_empty(),
        "…until the member dismisses them (a POST)"
    );
    t.finish().await;
}

#[tokio::test]
async fn a_right_password_does_not_clear_failures_before_the_second_factor() {
    let t = TestDb::new().await;
    let s = owner(&t.db, "o@a.example").await;
    let (secret, _) = enable(&t.db, &s).await;
    let h = hasher();
    for i in 0..accounts::MAX_FAILURES_PER_ACCOUNT - 1 {
        let r =
            accounts::sign_in(&t.db, &h, "o@a.example", "wrong guess", "10.0.0.9", NOW + i).await;
        assert!(matches!(r, Err(Error::SignInRefused)), "{r:?}");
    }
    // The fifth try has the right password: a challenge, but the count stays.
    let c = challenge(&t.db, "o@a.example", NOW + 10).await;
    let r = accounts::sign_in(&t.db, &h, "o@a.example", PASSWORD, "10.0.0.1", NOW + 20).await;
    assert!(
        matches!(r, Err(Error::Throttled(_))),
        "the password alone did not reset the account's count: {r:?}"
    );
    // Only a completed second step clears it.
    let later = NOW + 60_000;
    two_factor::complete_sign_in(&t.db, &c, &code(&secret, later), "10.0.0.1", later)
        .await
        .unwrap();
    let again = challenge(&t.db, "o@a.example", later + 1).await;
    assert!(!again.is_empty());
    t.finish().await;
}

#[tokio::test]
async fn codes_have_their_own_throttle_counted_before_the_check() {
    let t = TestDb::new().await;
    let s = owner(&t.db, "o@a.example").await;
    let (secret, codes) = enable(&t.db, &s).await;
    let c = challenge(&t.db, "o@a.example", NOW).await;
    // Wrong authenticator and wrong recovery codes both count.
    for (i, wrong) in ["123456", "aaaaa-bbbbb-ccccc-ddddd"]
        .iter()
        .cycle()
        .take(two_factor::MAX_CODE_ATTEMPTS as usize)
        .enumerate()
    {
        let r = two_factor::complete_sign_in(&t.db, &c, wrong, "10.0.0.1", NOW + i as i64).await;
        assert!(matches!(r, Err(Error::Invalid(_))), "{r:?}");
    }
    for right in [code(&secret, NOW), codes[0].clone()] {
        let r = two_factor::complete_sign_in(&t.db, &c, &right, "10.0.0.1", NOW + 10).await;
        assert!(matches!(r, Err(Error::Throttled(_))), "{r:?}");
    }
    // A password sign-in is not what is throttled: passwords have their own count.
    let c2 = challenge(&t.db, "o@a.example", NOW + 20).await;
    assert!(!c2.is_empty());
    t.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_parallel_wrong_codes_gets_at_most_five_checks() {
    let t = TestDb::new().await;
    let s = owner(&t.db, "o@a.example").await;
    let _ = enable(&t.db, &s).await;
    let c = challenge(&t.db, "o@a.example", NOW).await;
    let mut set = tokio::task::JoinSet::new();
    for i in 0..100 {
        let (db, c) = (t.db.clone(), c.clone());
        set.spawn(async move {
            two_factor::complete_sign_in(
                &db,
                &c,
                "000000",
                &format!("10.1.{}.{}", i / 250, i % 250),
                NOW,
            )
            .await
        });
    }
    let (mut wrong, mut throttled) = (0, 0);
    while let Some(r) = set.join_next().await {
        match r.unwrap() {
            Err(Error::Invalid(_)) => wrong += 1,
            Err(Error::Throttled(_)) => throttled += 1,
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(wrong, two_factor::MAX_CODE_ATTEMPTS);
    assert_eq!(throttled, 100 - two_factor::MAX_CODE_ATTEMPTS);
    t.finish().await;
}

#[tokio::test]
async fn setting_up_or_turning_off_needs_the_password_and_wrong_ones_are_throttled() {
    let t = TestDb::new().await;
    let s = owner(&t.db, "o@a.example").await;
    let h = hasher();
    match two_factor::start(&t.db, &h, &s.actor, "not my password", NOW).await {
        Err(Error::Invalid(f)) => assert_eq!(f[0].field, "password"),
        other => panic!("{other:?}"),
    }
    let (_, _) = enable(&t.db, &s).await;
    for _ in 1..accounts::MAX_FAILURES_PER_ACCOUNT {
        let r = two_factor::disable(&t.db, &h, &s.actor, "not my password", NOW).await;
        assert!(matches!(r, Err(Error::Invalid(_))), "{r:?}");
    }
    // Five wrong passwords (one at set-up, four here): even the right one waits,
    // for every step that asks for it.
    let r = two_factor::disable(&t.db, &h, &s.actor, PASSWORD, NOW).await;
    assert!(matches!(r, Err(Error::Throttled(_))), "{r:?}");
    let r = accounts::change_password(&t.db, &h, &s.actor, PASSWORD, "brand new secret", NOW).await;
    assert!(matches!(r, Err(Error::Throttled(_))), "{r:?}");
    let r = two_factor::start(&t.db, &h, &s.actor, PASSWORD, NOW).await;
    assert!(matches!(r, Err(Error::Throttled(_))), "{r:?}");
    assert!(two_factor::status(&t.db, &s.actor).await.unwrap().enabled);
    let later = NOW + accounts::THROTTLE_WINDOW_MS + 1;
    two_factor::disable(&t.db, &h, &s.actor, PASSWORD, later)
        .await
        .unwrap();
    assert!(!two_factor::status(&t.db, &s.actor).await.unwrap().enabled);
    t.finish().await;
}

#[tokio::test]
async fn turning_it_on_ends_the_members_other_sessions() {
    let t = TestDb::new().await;
    let s = owner(&t.db, "o@a.example").await;
    let other = accounts::sign_in(&t.db, &hasher(), "o@a.example", PASSWORD, "10.0.0.2", NOW)
        .await
        .unwrap();
    let _ = enable(&t.db, &s).await;
    assert!(session::authenticate(&t.db, &s.token, NOW)
        .await
        .unwrap()
        .is_some());
    assert!(session::authenticate(&t.db, &other.token, NOW)
        .await
        .unwrap()
        .is_none());
    t.finish().await;
}

#[tokio::test]
async fn recovery_codes_carry_80_bits_or_more_and_are_stored_salted() {
    let t = TestDb::new().await;
    let s = owner(&t.db, "o@a.example").await;
    let (_, codes) = enable(&t.db, &s).await;
    for c in &codes {
        let chars: String = c.chars().filter(|c| *c != '-').collect();
        // 32 letters (5 bits each): at least 16 of them make 80 bits.
        assert!(chars.len() >= 16, "{c}");
        assert!(
            chars
                .bytes()
                .all(|b| b"0123456789abcdefghjkmnpqrstvwxyz".contains(&b)),
            "{c}"
        );
    }
    let raw = raw(&t).await;
    let rows: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT code_hash, salt FROM recovery_codes")
            .fetch_all(&raw)
            .await
            .unwrap();
    assert_eq!(rows.len(), codes.len());
    let salts: std::collections::HashSet<_> = rows.iter().map(|r| r.1.clone().unwrap()).collect();
    assert_eq!(salts.len(), codes.len(), "a salt per code");
    for (hash, _) in &rows {
        assert!(!codes.iter().any(|c| hash.contains(c.as_str())));
        assert!(
            !codes.iter().any(|c| *hash == session::token_hash(c)),
            "not a bare SHA-256"
        );
    }
    // Typed with spaces or in capitals it still works.
    let c = challenge(&t.db, "o@a.example", NOW).await;
    two_factor::complete_sign_in(
        &t.db,
        &c,
        &format!(" {} ", codes[3].to_uppercase()),
        "10.0.0.1",
        NOW,
    )
    .await
    .unwrap();
    raw.close().await;
    t.finish().await;
}

#[tokio::test]
async fn totp_secrets_are_sealed_at_rest_and_plain_ones_are_sealed_on_start_or_use() {
    let t = TestDb::new().await;
    let s = owner(&t.db, "o@a.example").await;
    let (secret, codes) = enable(&t.db, &s).await;
    let raw = raw(&t).await;
    let (stored, reveal): (String, String) =
        sqlx::query_as("SELECT totp_secret, recovery_reveal FROM members")
            .fetch_one(&raw)
            .await
            .unwrap();
    assert!(
        stored.starts_with(handoff_server::secrets::SEALED_PREFIX),
        "{stored}"
    );
    assert!(!stored.contains(&secret));
    assert!(
        !reveal.contains(&codes[0]),
        "codes waiting to be shown are sealed too"
    );

    // A secret stored before sealing existed…
    let plain = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    sqlx::query("UPDATE members SET totp_secret = $1, totp_last_step = 0")
        .bind(plain)
        .execute(&raw)
        .await
        .unwrap();
    // …still works, and is sealed on first use.
    let c = challenge(&t.db, "o@a.example", NOW).await;
    two_factor::complete_sign_in(&t.db, &c, &code(plain, NOW), "10.0.0.1", NOW)
        .await
        .unwrap();
    let stored: String = sqlx::query_scalar("SELECT totp_secret FROM members")
        .fetch_one(&raw)
        .await
        .unwrap();
    assert!(handoff_server::secrets::is_sealed(&stored), "{stored}");

    // And start-up seals whatever is left in plain text.
    sqlx::query("UPDATE members SET totp_secret = $1, recovery_reveal = NULL")
        .bind(plain)
        .execute(&raw)
        .await
        .unwrap();
    assert_eq!(two_factor::seal_plaintext_secrets(&t.db).await.unwrap(), 1);
    assert_eq!(two_factor::seal_plaintext_secrets(&t.db).await.unwrap(), 0);
    let stored: String = sqlx::query_scalar("SELECT totp_secret FROM members")
        .fetch_one(&raw)
        .await
        .unwrap();
    assert!(handoff_server::secrets::is_sealed(&stored));
    let later = NOW + 60_000;
    let c = challenge(&t.db, "o@a.example", later).await;
    two_factor::complete_sign_in(&t.db, &c, &code(plain, later), "10.0.0.1", later)
        .await
        .unwrap();
    raw.close().await;
    t.finish().await;
}
