//! Invitations, the member list and deactivation: owners only, and only in
//! their own workspace (R7). On SQLite and PostgreSQL.

mod support;

use handoff::{InvitationStatus, Role};
use handoff_server::accounts::{self, SignUp};
use handoff_server::session::{self, NewSession};
use handoff_server::team::{self, Acceptance, INVITATION_TTL_MS};
use handoff_server::testkit::owner as cap;
use handoff_server::{Database, Error};
use support::{hasher, TestDb};

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

async fn owner(db: &Database, email: &str, business: &str) -> NewSession {
    accounts::sign_up(
        db,
        &hasher(),
        SignUp {
            workspace_name: business.into(),
            time_zone: "America/Chicago".into(),
            currency: "USD".into(),
            display_name: "Owner".into(),
            email: email.into(),
            password: "owner password one".into(),
        },
        "10.0.0.1",
        NOW,
    )
    .await
    .unwrap()
}

fn joining(name: &str) -> Acceptance {
    Acceptance {
        display_name: name.into(),
        time_zone: "Asia/Manila".into(),
        password: "provider password".into(),
    }
}

async fn provider(db: &Database, by: &NewSession, email: &str) -> NewSession {
    let inv = team::invite(db, &cap(&by.actor), email, "provider", NOW)
        .await
        .unwrap();
    team::accept(db, &hasher(), &inv.token, joining("Pat Provider"), NOW)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_invited_provider_joins_once_and_can_sign_in() {
    let t = TestDb::new().await;
    let o = owner(&t.db, "o@a.example", "A").await;
    let inv = team::invite(&t.db, &cap(&o.actor), "Pat@A.example", "provider", NOW)
        .await
        .unwrap();
    let preview = team::preview(&t.db, &inv.token, NOW)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            preview.workspace_name.as_str(),
            preview.email.as_str(),
            preview.role
        ),
        ("A", "pat@a.example", Role::Provider)
    );

    let s = team::accept(&t.db, &hasher(), &inv.token, joining("Pat"), NOW)
        .await
        .unwrap();
    assert_eq!(s.actor.role(), Role::Provider);
    assert_eq!(s.actor.workspace_id(), o.actor.workspace_id());
    let again = team::accept(&t.db, &hasher(), &inv.token, joining("Pat"), NOW).await;
    assert!(matches!(again, Err(Error::NotFound)), "single use");
    assert!(team::preview(&t.db, &inv.token, NOW)
        .await
        .unwrap()
        .is_none());
    accounts::sign_in(
        &t.db,
        &hasher(),
        "pat@a.example",
        "provider password",
        "10.0.0.1",
        NOW,
    )
    .await
    .unwrap();
    let list = team::invitations(&t.db, &cap(&o.actor), NOW).await.unwrap();
    assert_eq!(list[0].status, InvitationStatus::Accepted);
    t.finish().await;
}

#[tokio::test]
async fn a_co_owner_can_be_invited() {
    let t = TestDb::new().await;
    let o = owner(&t.db, "o@a.example", "A").await;
    let inv = team::invite(&t.db, &cap(&o.actor), "co@a.example", "owner", NOW)
        .await
        .unwrap();
    let s = team::accept(&t.db, &hasher(), &inv.token, joining("Co"), NOW)
        .await
        .unwrap();
    assert_eq!(s.actor.role(), Role::Owner);
    t.finish().await;
}

#[tokio::test]
async fn expired_and_revoked_links_do_nothing() {
    let t = TestDb::new().await;
    let o = owner(&t.db, "o@a.example", "A").await;
    let old = team::invite(&t.db, &cap(&o.actor), "late@a.example", "provider", NOW)
        .await
        .unwrap();
    let later = NOW + INVITATION_TTL_MS;
    assert!(team::preview(&t.db, &old.token, later)
        .await
        .unwrap()
        .is_none());
    assert!(matches!(
        team::accept(&t.db, &hasher(), &old.token, joining("Late"), later).await,
        Err(Error::NotFound)
    ));
    assert_eq!(
        team::invitations(&t.db, &cap(&o.actor), later)
            .await
            .unwrap()[0]
            .status,
        InvitationStatus::Expired
    );

    let inv = team::invite(&t.db, &cap(&o.actor), "gone@a.example", "provider", NOW)
        .await
        .unwrap();
    team::revoke_invitation(&t.db, &cap(&o.actor), inv.summary.invitation_id, NOW)
        .await
        .unwrap();
    assert!(matches!(
        team::accept(&t.db, &hasher(), &inv.token, joining("Gone"), NOW).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        team::accept(&t.db, &hasher(), "0".repeat(64).as_str(), joining("X"), NOW).await,
        Err(Error::NotFound)
    ));
    t.finish().await;
}

#[tokio::test]
async fn acceptance_checks_every_field_before_using_the_link() {
    let t = TestDb::new().await;
    let o = owner(&t.db, "o@a.example", "A").await;
    let inv = team::invite(&t.db, &cap(&o.actor), "pat@a.example", "provider", NOW)
        .await
        .unwrap();
    let bad = Acceptance {
        display_name: " ".into(),
        time_zone: "Nowhere/Land".into(),
        password: "123456789".into(),
    };
    match team::accept(&t.db, &hasher(), &inv.token, bad, NOW).await {
        Err(Error::Invalid(fields)) => {
            let mut names: Vec<_> = fields.into_iter().map(|f| f.field).collect();
            names.sort();
            assert_eq!(names, ["display_name", "password", "time_zone"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(
        team::preview(&t.db, &inv.token, NOW)
            .await
            .unwrap()
            .is_some(),
        "still usable"
    );
    t.finish().await;
}

#[tokio::test]
async fn only_owners_invite_list_revoke_and_deactivate() {
    let t = TestDb::new().await;
    let o = owner(&t.db, "o@a.example", "A").await;
    let p = provider(&t.db, &o, "p@a.example").await;
    let inv = team::invite(&t.db, &cap(&o.actor), "q@a.example", "provider", NOW)
        .await
        .unwrap();
    // Team use cases take an `Owner`: a provider's session gets none at the
    // door, so none of them can be called for it.
    assert!(matches!(
        handoff_server::door::owner(&t.db, Some(&p.token), NOW).await,
        Err(Error::Forbidden)
    ));
    assert!(team::invitations(&t.db, &cap(&o.actor), NOW)
        .await
        .unwrap()
        .iter()
        .any(|i| i.invitation_id == inv.summary.invitation_id));
    t.finish().await;
}

#[tokio::test]
async fn tenants_are_walls_for_the_team() {
    let t = TestDb::new().await;
    let a = owner(&t.db, "o@a.example", "A").await;
    let b = owner(&t.db, "o@b.example", "B").await;
    let pa = provider(&t.db, &a, "p@a.example").await;
    let inv = team::invite(&t.db, &cap(&a.actor), "q@a.example", "provider", NOW)
        .await
        .unwrap();

    assert!(matches!(
        team::revoke_invitation(&t.db, &cap(&b.actor), inv.summary.invitation_id, NOW).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        team::deactivate(&t.db, &cap(&b.actor), pa.actor.member_id()).await,
        Err(Error::NotFound)
    ));
    let b_members = team::members(&t.db, &cap(&b.actor)).await.unwrap();
    assert_eq!(b_members.len(), 1);
    assert!(b_members.iter().all(|m| m.email == "o@b.example"));
    assert!(team::invitations(&t.db, &cap(&b.actor), NOW)
        .await
        .unwrap()
        .is_empty());
    assert!(session::authenticate(&t.db, &pa.token, NOW)
        .await
        .unwrap()
        .is_some());
    t.finish().await;
}

#[tokio::test]
async fn a_deactivated_provider_is_signed_out_and_kept_out() {
    let t = TestDb::new().await;
    let o = owner(&t.db, "o@a.example", "A").await;
    let p = provider(&t.db, &o, "p@a.example").await;
    team::deactivate(&t.db, &cap(&o.actor), p.actor.member_id())
        .await
        .unwrap();
    assert!(session::authenticate(&t.db, &p.token, NOW)
        .await
        .unwrap()
        .is_none());
    let r = accounts::sign_in(
        &t.db,
        &hasher(),
        "p@a.example",
        "provider password",
        "10.0.0.1",
        NOW,
    )
    .await;
    assert!(matches!(r, Err(Error::SignInRefused)));
    let members = team::members(&t.db, &cap(&o.actor)).await.unwrap();
    let pat = members.iter().find(|m| m.email == "p@a.example").unwrap();
    assert!(!pat.active, "kept, marked inactive");
    assert!(matches!(
        team::deactivate(&t.db, &cap(&o.actor), o.actor.member_id()).await,
        Err(Error::Forbidden)
    ));
    assert!(matches!(
        team::deactivate(&t.db, &cap(&o.actor), p.actor.member_id()).await,
        Err(Error::NotFound)
    ));
    t.finish().await;
}

#[tokio::test]
async fn an_existing_member_cannot_be_invited() {
    let t = TestDb::new().await;
    let o = owner(&t.db, "o@a.example", "A").await;
    match team::invite(&t.db, &cap(&o.actor), "O@a.example", "provider", NOW).await {
        Err(Error::Invalid(f)) => assert_eq!(f[0].field, "email"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        team::invite(&t.db, &cap(&o.actor), "n@a.example", "admin", NOW).await,
        Err(Error::Invalid(_))
    ));
    t.finish().await;
}

#[tokio::test]
async fn an_owner_can_let_a_deactivated_provider_back_in() {
    let t = TestDb::new().await;
    let o = owner(&t.db, "o@a.example", "A").await;
    let other = owner(&t.db, "o@b.example", "B").await;
    let p = provider(&t.db, &o, "p@a.example").await;
    assert!(
        matches!(
            team::reactivate(&t.db, &cap(&o.actor), p.actor.member_id()).await,
            Err(Error::NotFound)
        ),
        "still active"
    );
    team::deactivate(&t.db, &cap(&o.actor), p.actor.member_id())
        .await
        .unwrap();
    assert!(matches!(
        team::reactivate(&t.db, &cap(&other.actor), p.actor.member_id()).await,
        Err(Error::NotFound)
    ));
    // Reactivating is an owner's use case; a provider gets no `Owner` (the
    // team test above checks the door).
    team::reactivate(&t.db, &cap(&o.actor), p.actor.member_id())
        .await
        .unwrap();
    accounts::sign_in(
        &t.db,
        &hasher(),
        "p@a.example",
        "provider password",
        "10.0.0.1",
        NOW,
    )
    .await
    .unwrap();
    assert!(
        session::authenticate(&t.db, &p.token, NOW)
            .await
            .unwrap()
            .is_none(),
        "old sessions stay ended"
    );
    t.finish().await;
}

#[tokio::test]
async fn inviting_an_address_with_an_account_elsewhere_answers_as_for_anyone() {
    let t = TestDb::new().await;
    let a = owner(&t.db, "o@a.example", "A").await;
    let _b = owner(&t.db, "someone@b.example", "B").await;
    let elsewhere = team::invite(&t.db, &cap(&a.actor), "someone@b.example", "owner", NOW)
        .await
        .expect("an account elsewhere is not revealed");
    let nobody = team::invite(&t.db, &cap(&a.actor), "nobody@c.example", "owner", NOW)
        .await
        .unwrap();
    assert_eq!(elsewhere.summary.status, nobody.summary.status);
    assert_eq!(elsewhere.token.len(), nobody.token.len());
    // The link cannot be used while the address has an account.
    let r = team::accept(
        &t.db,
        &hasher(),
        &elsewhere.token,
        team::Acceptance {
            display_name: "X".into(),
            time_zone: "UTC".into(),
            password: "a long enough secret".into(),
        },
        NOW,
    )
    .await;
    assert!(matches!(r, Err(Error::NotFound)), "{r:?}");
    t.finish().await;
}

#[tokio::test]
async fn a_new_link_is_kept_sealed_for_the_session_that_made_it_for_a_while() {
    let t = TestDb::new().await;
    let o = owner(&t.db, "o@a.example", "A").await;
    let other_session = accounts::sign_in(
        &t.db,
        &hasher(),
        "o@a.example",
        "owner password one",
        "10.0.0.1",
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        team::new_invitation_token(&t.db, &cap(&o.actor), NOW)
            .await
            .unwrap(),
        None
    );
    let inv = team::invite(&t.db, &cap(&o.actor), "n@a.example", "owner", NOW)
        .await
        .unwrap();
    assert_eq!(
        team::new_invitation_token(&t.db, &cap(&o.actor), NOW + 1)
            .await
            .unwrap(),
        Some(inv.token.clone()),
        "reading it changes nothing…"
    );
    assert_eq!(
        team::new_invitation_token(&t.db, &cap(&o.actor), NOW + 2)
            .await
            .unwrap(),
        Some(inv.token.clone())
    );
    assert_eq!(
        team::new_invitation_token(&t.db, &cap(&other_session.actor), NOW)
            .await
            .unwrap(),
        None,
        "…it is this session's only…"
    );
    assert_eq!(
        team::new_invitation_token(&t.db, &cap(&o.actor), NOW + team::NEW_LINK_SHOWN_MS)
            .await
            .unwrap(),
        None,
        "…and only for a while"
    );
    let raw = raw(&t).await;
    let stored: String = sqlx::query_scalar("SELECT value FROM session_flash")
        .fetch_one(&raw)
        .await
        .unwrap();
    assert!(!stored.contains(&inv.token), "stored sealed");
    raw.close().await;
    t.finish().await;
}

#[tokio::test]
async fn the_status_reading_tells_only_owners_the_detail() {
    let t = TestDb::new().await;
    let o = owner(&t.db, "o@a.example", "A").await;
    let p = provider(&t.db, &o, "p@a.example").await;
    let detail = handoff_server::status::reading_for(&t.db, Some(&o.actor))
        .await
        .unwrap();
    assert!(detail.is_some_and(|d| d.schema_version >= 9));
    for viewer in [None, Some(&p.actor)] {
        assert_eq!(
            handoff_server::status::reading_for(&t.db, viewer)
                .await
                .unwrap(),
            None
        );
    }
    t.finish().await;
}

#[tokio::test]
async fn an_address_has_one_waiting_invitation() {
    let t = TestDb::new().await;
    let o = owner(&t.db, "o@a.example", "A").await;
    let first = team::invite(&t.db, &cap(&o.actor), "pat@a.example", "provider", NOW)
        .await
        .unwrap();
    // The same session asking again (a second click) gets the same link.
    let again = team::invite(&t.db, &cap(&o.actor), "Pat@A.example", "provider", NOW + 1)
        .await
        .unwrap();
    assert_eq!(again.token, first.token);
    assert_eq!(again.summary.invitation_id, first.summary.invitation_id);
    // Another session of the owner's is told, and nothing is made.
    let elsewhere = accounts::sign_in(
        &t.db,
        &hasher(),
        "o@a.example",
        "owner password one",
        "10.0.0.1",
        NOW,
    )
    .await
    .unwrap();
    match team::invite(
        &t.db,
        &cap(&elsewhere.actor),
        "pat@a.example",
        "owner",
        NOW + 2,
    )
    .await
    {
        Err(Error::Invalid(fields)) => {
            assert_eq!(fields[0].field, "email");
            assert!(
                fields[0].message.contains("already waiting"),
                "{}",
                fields[0].message
            );
        }
        other => panic!("{other:?}"),
    }
    let list = team::invitations(&t.db, &cap(&o.actor), NOW).await.unwrap();
    assert_eq!(list.len(), 1);
    // Revoked or expired, the address may be invited again.
    team::revoke_invitation(&t.db, &cap(&o.actor), first.summary.invitation_id, NOW)
        .await
        .unwrap();
    let second = team::invite(
        &t.db,
        &cap(&elsewhere.actor),
        "pat@a.example",
        "provider",
        NOW,
    )
    .await
    .unwrap();
    assert_ne!(second.token, first.token);
    let later = NOW + INVITATION_TTL_MS;
    team::invite(
        &t.db,
        &cap(&elsewhere.actor),
        "pat@a.example",
        "provider",
        later,
    )
    .await
    .unwrap();
    assert_eq!(
        team::invitations(&t.db, &cap(&o.actor), later)
            .await
            .unwrap()
            .len(),
        3
    );
    t.finish().await;
}

#[tokio::test]
async fn an_invitation_whose_invitee_joined_says_so() {
    let t = TestDb::new().await;
    let o = owner(&t.db, "o@a.example", "A").await;
    let old = team::invite(&t.db, &cap(&o.actor), "pat@a.example", "provider", NOW)
        .await
        .unwrap();
    let later = NOW + INVITATION_TTL_MS;
    let new = team::invite(&t.db, &cap(&o.actor), "pat@a.example", "provider", later)
        .await
        .unwrap();
    team::accept(&t.db, &hasher(), &new.token, joining("Pat"), later)
        .await
        .unwrap();
    let list = team::invitations(&t.db, &cap(&o.actor), later)
        .await
        .unwrap();
    let status = |id: i64| list.iter().find(|i| i.invitation_id == id).unwrap().status;
    assert_eq!(
        status(new.summary.invitation_id),
        InvitationStatus::Accepted
    );
    // The older link lapsed, but its invitee is on the team now.
    assert_eq!(
        status(old.summary.invitation_id),
        InvitationStatus::Accepted
    );
    assert_eq!(InvitationStatus::Accepted.to_string(), "Joined");
    t.finish().await;
}
