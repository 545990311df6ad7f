//! Two-factor sign-in (TOTP), recovery codes and the owners' requirement, on
//! SQLite and PostgreSQL.

mod support;

use handoff_server::accounts::{self, SignUp};
use handoff_server::session::{self, NewSession};
use handoff_server::{two_factor, Database, Error};
use support::{hasher, TestDb};
use totp_rs::{Algorithm, Secret, TOTP};

const NOW: i64 = 1_800_000_000_000;
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
    let enrolment = two_factor::start(db, &s.actor).await.unwrap();
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
    two_factor::set_owner_requirement(&t.db, &s.actor, true)
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
    match two_factor::disable(&t.db, &hasher(), &actor, PASSWORD).await {
        Err(Error::Invalid(f)) => assert_eq!(f[0].field, "password"),
        other => panic!("an owner cannot turn it off while required: {other:?}"),
    }
    two_factor::set_owner_requirement(&t.db, &actor, false)
        .await
        .unwrap();
    two_factor::disable(&t.db, &hasher(), &actor, PASSWORD)
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
    let enrolment = two_factor::start(&t.db, &s.actor).await.unwrap();
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
    assert_eq!(status.new_recovery_codes, codes, "shown once…");
    let status = two_factor::status(&t.db, &s.actor).await.unwrap();
    assert!(status.new_recovery_codes.is_empty(), "…and then forgotten");
    t.finish().await;
}
