//! A member's notification settings and daily digest, through a real SMTP
//! server on loopback, on SQLite and PostgreSQL: right away, in the digest
//! at the member's own hour, or off; one click stops the digest; two app
//! servers make one digest; what was read on a page is left out.

mod sink;
mod support;

use handoff::thread::ThreadRef;
use handoff::{NotifyChoice, NotifyKind, Role};
use handoff_server::mail::{self, digest};
use handoff_server::testkit::{task_input, World};
use handoff_server::{task, thread, Error, Member};
use sink::{send, sink, to, unsubscribe_of};
use support::TestDb;

/// 2027-01-15 08:00 UTC: 08:00 in Lisbon (the world's members' zone).
const NOW: i64 = 1_800_000_000_000;
const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const BEN: &str = "ben@bright.example";

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, c)| (k.to_string(), c.to_string()))
        .collect()
}

#[tokio::test]
async fn a_member_chooses_right_away_digest_or_off_for_each_kind() {
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    let ben = Member::Provider(w.ben.clone());
    let settings = mail::preferences::settings(&t.db, &ben, NOW).await.unwrap();
    let kinds: Vec<NotifyKind> = settings.kinds.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, NotifyKind::for_role(Role::Provider));
    assert!(settings
        .kinds
        .iter()
        .all(|s| s.choice == NotifyChoice::Immediately));
    assert_eq!(
        (settings.digest_hour, settings.time_zone.as_str()),
        (8, "Europe/Lisbon")
    );

    // Bad input changes nothing: an owner's kind, an unknown choice, an
    // hour, a language.
    for (choices, hour, language, field) in [
        (pairs(&[("relay_waiting", "off")]), "8", "en", "choices"),
        (pairs(&[("task_assigned", "weekly")]), "8", "en", "choices"),
        (
            pairs(&[("task_assigned", "off")]),
            "24",
            "en",
            "digest_hour",
        ),
        (pairs(&[("task_assigned", "off")]), "8", "xx", "language"),
    ] {
        let wrong = mail::preferences::save(&t.db, &ben, &choices, hour, language, NOW).await;
        match wrong {
            Err(Error::Invalid(errors)) => assert!(
                errors.iter().any(|e| e.field == field),
                "{field}: {errors:?}"
            ),
            other => panic!("{field}: {other:?}"),
        }
    }
    assert_eq!(
        mail::preferences::settings(&t.db, &ben, NOW).await.unwrap(),
        settings
    );

    let choices = pairs(&[("task_assigned", "off"), ("team_message", "digest")]);
    mail::preferences::save(&t.db, &ben, &choices, "18", "en", NOW)
        .await
        .unwrap();
    let saved = mail::preferences::settings(&t.db, &ben, NOW).await.unwrap();
    assert_eq!(saved.digest_hour, 18);
    let choice_of = |kind| saved.kinds.iter().find(|s| s.kind == kind).unwrap().choice;
    assert_eq!(choice_of(NotifyKind::TaskAssigned), NotifyChoice::Off);
    assert_eq!(choice_of(NotifyKind::TeamMessage), NotifyChoice::Digest);
    assert_eq!(
        choice_of(NotifyKind::ChangesRequested),
        NotifyChoice::Immediately
    );

    // Off: a task given to Ben sends nothing; right away again: it does.
    let (received, transport) = sink();
    send(&t.db, &transport, NOW).await; // the world's invitations
    let input = task_input("Intake", None, Some(&w.ben_actor));
    task::create(&t.db, &w.owner, &input, NOW).await.unwrap();
    send(&t.db, &transport, NOW + 3 * MINUTE).await;
    assert_eq!(to(&received.lock().unwrap(), BEN).len(), 1);
    let again = pairs(&[("task_assigned", "immediately")]);
    mail::preferences::save(&t.db, &ben, &again, "18", "en", NOW + 4 * MINUTE)
        .await
        .unwrap();
    task::create(&t.db, &w.owner, &input, NOW + 4 * MINUTE)
        .await
        .unwrap();
    send(&t.db, &transport, NOW + 8 * MINUTE).await;
    assert_eq!(to(&received.lock().unwrap(), BEN).len(), 2);
    t.finish().await;
}

#[tokio::test]
async fn a_digest_gathers_a_day_into_one_message_at_the_members_own_hour() {
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    let ben = Member::Provider(w.ben.clone());
    let digest_all = pairs(&[("task_assigned", "digest"), ("team_message", "digest")]);
    mail::preferences::save(&t.db, &ben, &digest_all, "9", "en", NOW)
        .await
        .unwrap();
    let (received, transport) = sink();
    send(&t.db, &transport, NOW).await; // the world's invitations
    let input = task_input(
        "Call Ava Reyes about the lease",
        Some(w.client),
        Some(&w.ben_actor),
    );
    let first = task::create(&t.db, &w.owner, &input, NOW).await.unwrap();
    let second = task::create(&t.db, &w.owner, &input, NOW + MINUTE)
        .await
        .unwrap();
    let team = ThreadRef::Team { task_id: first };
    thread::post(&t.db, &w.owner, team, "Call at nine.", NOW + 2 * MINUTE)
        .await
        .unwrap();
    send(&t.db, &transport, NOW + 5 * MINUTE).await;
    assert_eq!(
        to(&received.lock().unwrap(), BEN).len(),
        1,
        "nothing right away"
    );

    // 08:30 in Lisbon: Ben's digest comes at 09:00.
    assert_eq!(digest::send_due(&t.db, NOW + 30 * MINUTE).await.unwrap(), 0);
    let at_nine = NOW + HOUR + MINUTE;
    assert_eq!(digest::send_due(&t.db, at_nine).await.unwrap(), 1);
    assert_eq!(digest::send_due(&t.db, at_nine).await.unwrap(), 0, "once");
    send(&t.db, &transport, at_nine).await;
    let got = to(&received.lock().unwrap(), BEN);
    assert_eq!(got.len(), 2);
    let text = got[1].text();
    assert!(text.contains("Your Handoff digest: 3 updates"), "{text}");
    for path in [format!("/tasks/{first}"), format!("/tasks/{second}")] {
        assert!(text.contains(&path), "{path}: {text}");
    }
    assert!(
        text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{text}"
    );
    assert!(text.contains("Auto-Submitted: auto-generated"), "{text}");
    // R1–R3: no title (it names a client), no message text.
    for said in ["Ava", "Reyes", "lease", "nine"] {
        assert!(
            !text.contains(said),
            "{said} in a provider's digest: {text}"
        );
    }

    // One click on the digest's link: every digest kind is off.
    let (recipient, what, tag) = unsubscribe_of(&got[1]);
    assert_eq!(what, "digest");
    mail::preferences::unsubscribe(&t.db, &recipient, &what, &tag, at_nine)
        .await
        .unwrap();
    let after = mail::preferences::settings(&t.db, &ben, NOW).await.unwrap();
    for kind in [NotifyKind::TaskAssigned, NotifyKind::TeamMessage] {
        let choice = after.kinds.iter().find(|s| s.kind == kind).unwrap().choice;
        assert_eq!(choice, NotifyChoice::Off, "{kind:?}");
    }
    task::create(&t.db, &w.owner, &input, at_nine)
        .await
        .unwrap();
    let next_day = at_nine + 24 * HOUR;
    assert_eq!(digest::send_due(&t.db, next_day).await.unwrap(), 0);
    send(&t.db, &transport, next_day).await;
    assert_eq!(to(&received.lock().unwrap(), BEN).len(), 2);
    t.finish().await;
}

#[tokio::test]
async fn two_app_servers_make_one_digest_and_what_was_read_is_left_out() {
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    let ben = Member::Provider(w.ben.clone());
    let ava = Member::Provider(w.ava.clone());
    let digest_team = pairs(&[("team_message", "digest")]);
    for member in [&ben, &ava] {
        mail::preferences::save(&t.db, member, &digest_team, "8", "en", NOW)
            .await
            .unwrap();
    }
    let for_ben = task_input("Intake", None, Some(&w.ben_actor));
    let for_ava = task_input("Intake", None, Some(&w.ava_actor));
    let bens = task::create(&t.db, &w.owner, &for_ben, NOW).await.unwrap();
    let avas = task::create(&t.db, &w.owner, &for_ava, NOW).await.unwrap();
    let (received, transport) = sink();
    for task_id in [bens, avas] {
        let team = ThreadRef::Team { task_id };
        thread::post(&t.db, &w.owner, team, "Call at nine.", NOW + MINUTE)
            .await
            .unwrap();
    }
    // Ava reads hers on the page before her digest is due: it says nothing.
    let avas_thread = ThreadRef::Team { task_id: avas };
    let seen = thread::post(&t.db, &w.owner, avas_thread, "Or ten.", NOW + 2 * MINUTE)
        .await
        .unwrap();
    thread::mark_read(&t.db, &ava, avas_thread, seen.message_id.unwrap())
        .await
        .unwrap();

    let next_morning = NOW + 24 * HOUR + MINUTE;
    let (one, other) = tokio::join!(
        digest::send_due(&t.db, next_morning),
        digest::send_due(&t.db, next_morning)
    );
    assert_eq!(one.unwrap() + other.unwrap(), 1, "one digest, for Ben");
    send(&t.db, &transport, next_morning).await;
    let mails = received.lock().unwrap().clone();
    let digests: Vec<_> = mails
        .iter()
        .filter(|m| m.text().contains("Your Handoff digest"))
        .collect();
    assert_eq!(digests.len(), 1);
    assert_eq!(digests[0].to, vec![BEN.to_string()]);
    assert!(digests[0].text().contains("Your Handoff digest: 1 update"));
    t.finish().await;
}

#[tokio::test]
async fn a_member_asks_for_what_waits_without_waiting_for_their_hour() {
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    let ben = Member::Provider(w.ben.clone());
    mail::preferences::save(
        &t.db,
        &ben,
        &pairs(&[("task_assigned", "digest")]),
        "8",
        "en",
        NOW,
    )
    .await
    .unwrap();
    assert!(
        !digest::send_now(&t.db, &ben, NOW).await.unwrap(),
        "nothing waits"
    );
    let input = task_input("Intake", None, Some(&w.ben_actor));
    let id = task::create(&t.db, &w.owner, &input, NOW).await.unwrap();
    let (received, transport) = sink();
    assert!(digest::send_now(&t.db, &ben, NOW + MINUTE).await.unwrap());
    let after = mail::preferences::settings(&t.db, &ben, NOW + MINUTE)
        .await
        .unwrap();
    assert_eq!(after.digest_waiting, 0);
    send(&t.db, &transport, NOW + MINUTE).await;
    let got = to(&received.lock().unwrap(), BEN);
    let digests: Vec<_> = got
        .iter()
        .filter(|m| m.text().contains("Your Handoff digest: 1 update"))
        .collect();
    assert_eq!(digests.len(), 1);
    assert!(digests[0].text().contains(&format!("/tasks/{id}")));
    // Its hour then finds nothing left to send.
    assert_eq!(digest::send_due(&t.db, NOW + 25 * HOUR).await.unwrap(), 0);
    t.finish().await;
}

#[tokio::test]
async fn the_demo_shows_mail_of_every_kind() {
    use handoff_server::{accounts, demo, testkit};
    let t = TestDb::new().await;
    let h = support::hasher();
    assert!(demo::seed_if_empty(&t.db, &h, NOW).await.unwrap());
    let sign_in = |email: &'static str| {
        let (db, h) = (t.db.clone(), h.clone());
        async move {
            accounts::sign_in(&db, &h, email, demo::DEMO_PASSWORD, "127.0.0.1", NOW)
                .await
                .unwrap()
                .actor
        }
    };
    let owner = testkit::owner(&sign_in("owner@demo.test").await);
    let ben = testkit::member(&sign_in("ben@demo.test").await);

    // Ben gets his tasks and team messages in a digest: none came right away.
    let settings = mail::preferences::settings(&t.db, &ben, NOW).await.unwrap();
    let choice_of = |kind| {
        settings
            .kinds
            .iter()
            .find(|s| s.kind == kind)
            .unwrap()
            .choice
    };
    assert_eq!(choice_of(NotifyKind::TaskAssigned), NotifyChoice::Digest);
    assert!(settings.digest_waiting > 0, "{settings:?}");

    let (received, transport) = sink();
    let report = send(&t.db, &transport, NOW + 10 * MINUTE).await;
    let got = received.lock().unwrap().clone();
    let has = |address: &str, said: &str| {
        got.iter()
            .any(|m| m.to.iter().any(|t| t == address) && m.text().contains(said))
    };
    assert!(has("sam@demo.test", "/invite/"), "the invitation");
    assert!(has("maria.gomez@example.com", "/p/"), "Maria's portal link");
    assert!(
        to(&got, "priya.r@example.org").is_empty(),
        "a bounced address"
    );
    assert!(
        to(&got, "ben@demo.test").is_empty(),
        "Ben's wait for his digest"
    );
    assert!(
        !to(&got, "ava@demo.test").is_empty(),
        "Ava's come right away"
    );
    assert_eq!(report.dead, 1, "{report:?}");
    let overview = mail::overview(&t.db, &owner, None, NOW + 10 * MINUTE)
        .await
        .unwrap();
    assert_eq!(overview.problems.len(), 1, "{overview:?}");
    assert_eq!(overview.problems[0].recipient, "priya.r@example.org");
    assert!(overview.problems[0].reason.contains("550"), "{overview:?}");

    // 08:00 in Manila is 00:00 UTC: the next morning's digest.
    assert_eq!(digest::send_due(&t.db, NOW + 17 * HOUR).await.unwrap(), 1);
    send(&t.db, &transport, NOW + 17 * HOUR).await;
    let bens = to(&received.lock().unwrap(), "ben@demo.test");
    assert_eq!(bens.len(), 1);
    assert!(bens[0].text().contains("Your Handoff digest"));
    t.finish().await;
}

#[tokio::test]
async fn each_member_reads_their_mail_in_their_own_language() {
    use handoff::Language;
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    let ben = Member::Provider(w.ben.clone());
    let ava = Member::Provider(w.ava.clone());
    mail::preferences::save(&t.db, &ben, &[], "8", "es", NOW)
        .await
        .unwrap();
    mail::preferences::save(
        &t.db,
        &ava,
        &pairs(&[("task_assigned", "digest")]),
        "8",
        "de",
        NOW,
    )
    .await
    .unwrap();
    let saved = mail::preferences::settings(&t.db, &ben, NOW).await.unwrap();
    assert_eq!(saved.language, Language::Spanish);
    let (received, transport) = sink();
    send(&t.db, &transport, NOW).await; // the world's invitations
    let for_ben = task_input("Intake", None, Some(&w.ben_actor));
    let bens = task::create(&t.db, &w.owner, &for_ben, NOW).await.unwrap();
    let for_ava = task_input("Intake", None, Some(&w.ava_actor));
    task::create(&t.db, &w.owner, &for_ava, NOW).await.unwrap();
    send(&t.db, &transport, NOW + 5 * MINUTE).await;
    let got = to(&received.lock().unwrap(), BEN);
    let text = got.last().unwrap().text();
    assert!(text.contains(&format!("la tarea n.º {bens}")), "{text}");
    assert!(text.contains("Abrir la tarea"), "{text}");
    assert!(text.contains("lang=\"es\""), "{text}");
    assert!(!text.contains("Open the task"), "{text}");
    // Ava's digest, in German with a German date.
    assert!(digest::send_now(&t.db, &ava, NOW + 6 * MINUTE)
        .await
        .unwrap());
    send(&t.db, &transport, NOW + 6 * MINUTE).await;
    let avas = to(&received.lock().unwrap(), "ava@bright.example");
    let text = avas.last().unwrap().text();
    assert!(
        text.contains("Ihre Handoff-Zusammenfassung: 1 Neuigkeit"),
        "{text}"
    );
    assert!(text.contains("15.01.2027 08:06"), "{text}");
    t.finish().await;
}
