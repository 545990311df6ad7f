//! Mail through a real SMTP server on loopback (`mailin-embedded`), on
//! SQLite and PostgreSQL: the outbox written with the change, sent once,
//! retried on 4xx and while the server is down, dead and suppressed on a
//! 5xx; password reset by e-mail; the portal link from the business.

mod sink;
mod support;

use handoff::{AuditAction, MailState};
use handoff_server::mail;
use handoff_server::testkit::World;
use handoff_server::{clients, portal, reset, team, Error};
use sink::{free_port, send, sink, smtp, start_sink, to, unsubscribe_of, Received};
use std::net::TcpListener;
use support::{hasher, TestDb};

const NOW: i64 = 1_800_000_000_000;
const MINUTE: i64 = 60_000;

#[tokio::test]
async fn an_invitation_goes_out_once_with_its_link() {
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    let (received, transport) = sink();
    let invited = team::invite(&t.db, &w.owner, "new@bright.example", "provider", NOW)
        .await
        .unwrap();
    // Ava's and Ben's invitations (the world's) and this one.
    let first = send(&t.db, &transport, NOW).await;
    assert_eq!(first.sent, 3, "{first:?}");
    assert_eq!(send(&t.db, &transport, NOW).await.sent, 0, "sent twice");
    let got = to(&received.lock().unwrap(), "new@bright.example");
    assert_eq!(got.len(), 1);
    let text = got[0].text();
    assert!(
        text.contains(&format!("/invite/{}", invited.token)),
        "{text}"
    );
    assert!(text.contains("Bright Path"), "{text}");
    assert!(got[0].data.contains("Auto-Submitted: auto-generated"));
    // What a sent message said is not kept.
    let bodies = count(
        &t,
        "SELECT COUNT(*) FROM mail_outbox WHERE body IS NOT NULL",
    )
    .await;
    assert_eq!(bodies, 0);
    t.finish().await;
}

#[tokio::test]
async fn a_refused_change_sends_nothing() {
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    let (received, transport) = sink();
    send(&t.db, &transport, NOW).await;
    let before = received.lock().unwrap().len();
    // Ava is already on the team: the invitation is refused, and so is its mail.
    let refused = team::invite(&t.db, &w.owner, "ava@bright.example", "provider", NOW).await;
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
    assert_eq!(send(&t.db, &transport, NOW).await.sent, 0);
    assert_eq!(received.lock().unwrap().len(), before);
    t.finish().await;
}

#[tokio::test]
async fn a_4xx_is_tried_again_and_a_5xx_is_dead_shown_and_suppressed() {
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    let (received, transport) = sink();
    team::invite(&t.db, &w.owner, "soft@bright.example", "provider", NOW)
        .await
        .unwrap();
    team::invite(&t.db, &w.owner, "hard@bright.example", "provider", NOW)
        .await
        .unwrap();
    let report = send(&t.db, &transport, NOW).await;
    assert_eq!((report.sent, report.retried, report.dead), (2, 1, 1));
    let overview = mail::overview(&t.db, &w.owner, None, NOW).await.unwrap();
    let state_of = |address: &str| {
        overview
            .problems
            .iter()
            .find(|p| p.recipient == address)
            .map(|p| (p.state, p.reason.clone()))
            .unwrap()
    };
    let (soft, soft_reason) = state_of("soft@bright.example");
    assert_eq!(soft, MailState::Waiting);
    assert!(soft_reason.contains("451"), "{soft_reason}");
    let (hard, hard_reason) = state_of("hard@bright.example");
    assert_eq!(hard, MailState::Dead);
    assert!(hard_reason.contains("550"), "{hard_reason}");
    // Not due yet; then due, and still refused for now.
    assert_eq!(send(&t.db, &transport, NOW + 1000).await.retried, 0);
    assert_eq!(send(&t.db, &transport, NOW + 10 * MINUTE).await.retried, 1);
    // The suppressed address gets nothing more, even a new invitation...
    let hard = count(
        &t,
        "SELECT MAX(id) FROM invitations WHERE email = 'hard@bright.example'",
    )
    .await;
    team::revoke_invitation(&t.db, &w.owner, hard, NOW)
        .await
        .unwrap();
    team::invite(
        &t.db,
        &w.owner,
        "hard@bright.example",
        "owner",
        NOW + MINUTE,
    )
    .await
    .unwrap();
    let report = send(&t.db, &transport, NOW + 2 * MINUTE).await;
    assert_eq!(report.dead, 1, "{report:?}");
    let dead = mail::overview(&t.db, &w.owner, None, NOW).await.unwrap();
    assert!(dead.problems[0].reason.contains("bounced before"));
    // ...until an owner sends one again (the address leaves the list; the
    // sink still refuses it, so it is dead again, with the sink's reason).
    mail::retry(&t.db, &w.owner, dead.problems[0].mail_id, NOW + 3 * MINUTE)
        .await
        .unwrap();
    let report = send(&t.db, &transport, NOW + 3 * MINUTE).await;
    assert_eq!(report.dead, 1);
    // Another workspace's owner cannot touch it.
    let theirs = mail::retry(&t.db, &w.stranger, dead.problems[0].mail_id, NOW).await;
    assert!(matches!(theirs, Err(Error::NotFound)), "{theirs:?}");
    assert!(to(&received.lock().unwrap(), "hard@bright.example").is_empty());
    t.finish().await;
}

/// A number read straight from the test database.
async fn count(t: &TestDb, sql: &str) -> i64 {
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&t.url)
        .await
        .expect("a raw pool on the test database");
    let n: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
    pool.close().await;
    n
}

#[tokio::test]
async fn mail_waits_while_the_server_is_down_and_goes_when_it_is_back() {
    let t = TestDb::new().await;
    World::build(&t.db, NOW).await;
    let port = free_port();
    let transport = smtp(port);
    let down = send(&t.db, &transport, NOW).await;
    assert_eq!((down.sent, down.retried), (0, 2), "{down:?}");
    let received = start_sink(TcpListener::bind(("127.0.0.1", port)).unwrap());
    let back = send(&t.db, &transport, NOW + 10 * MINUTE).await;
    assert_eq!(back.sent, 2, "{back:?}");
    assert_eq!(received.lock().unwrap().len(), 2);
    t.finish().await;
}

#[tokio::test]
async fn two_senders_send_each_message_once() {
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    for i in 0..30 {
        team::invite(
            &t.db,
            &w.owner,
            &format!("p{i}@bright.example"),
            "provider",
            NOW,
        )
        .await
        .unwrap();
    }
    let (received, transport) = sink();
    let (a, b) = tokio::join!(send(&t.db, &transport, NOW), send(&t.db, &transport, NOW));
    assert_eq!(a.sent + b.sent, 32, "{a:?} {b:?}");
    let got = received.lock().unwrap().clone();
    let mut addresses: Vec<&String> = got.iter().flat_map(|r| r.to.iter()).collect();
    addresses.sort();
    addresses.dedup();
    assert_eq!((got.len(), addresses.len()), (32, 32));
    t.finish().await;
}

/// The token of the reset link in the one reset mail among `mails`.
fn reset_link(mails: &[Received]) -> String {
    let resets: Vec<String> = mails
        .iter()
        .map(Received::text)
        .filter(|t| t.contains("/reset-password/"))
        .collect();
    assert_eq!(resets.len(), 1, "{resets:?}");
    link_in(&resets[0], "/reset-password/")
}

fn link_in(text: &str, path: &str) -> String {
    let start = text.find(path).expect("a link in the mail");
    text[start + path.len()..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect()
}

#[tokio::test]
async fn a_forgotten_password_is_reset_through_the_mail_once() {
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    let (received, transport) = sink();
    send(&t.db, &transport, NOW).await;
    // The same answer with or without an account; mail only for one.
    reset::request(&t.db, "ava@bright.example", "10.0.0.9", NOW)
        .await
        .unwrap();
    reset::request(&t.db, "nobody@bright.example", "10.0.0.9", NOW)
        .await
        .unwrap();
    send(&t.db, &transport, NOW).await;
    assert!(to(&received.lock().unwrap(), "nobody@bright.example").is_empty());
    let mails = to(&received.lock().unwrap(), "ava@bright.example");
    let token = reset_link(&mails);
    assert_eq!(token.len(), 64);
    // Opening the link uses nothing up; a wrong or short token is refused.
    reset::check(&t.db, &token, NOW + MINUTE).await.unwrap();
    reset::check(&t.db, &token, NOW + MINUTE).await.unwrap();
    let wrong = reset::check(&t.db, &token[1..], NOW + MINUTE).await;
    assert!(matches!(wrong, Err(Error::LinkNoLongerWorks)));
    let weak = reset::complete(&t.db, &hasher(), &token, "short", NOW + MINUTE).await;
    assert!(matches!(weak, Err(Error::Invalid(_))), "{weak:?}");
    reset::complete(
        &t.db,
        &hasher(),
        &token,
        "a brand new passphrase",
        NOW + MINUTE,
    )
    .await
    .unwrap();
    // Used once; every session of Ava's ended; the new password signs in.
    let again = reset::complete(
        &t.db,
        &hasher(),
        &token,
        "another new passphrase",
        NOW + MINUTE,
    )
    .await;
    assert!(matches!(again, Err(Error::LinkNoLongerWorks)), "{again:?}");
    let live = handoff_server::session::still_live(&t.db, &w.ava_actor, NOW + MINUTE).await;
    assert!(!live.unwrap(), "Ava's old session outlived the reset");
    handoff_server::accounts::sign_in(
        &t.db,
        &hasher(),
        "ava@bright.example",
        "a brand new passphrase",
        "10.0.0.9",
        NOW + 2 * MINUTE,
    )
    .await
    .unwrap();
    for action in [
        AuditAction::PasswordResetRequested,
        AuditAction::PasswordReset,
    ] {
        let sql = format!(
            "SELECT COUNT(*) FROM audit_events WHERE action = '{}'",
            action.as_str()
        );
        assert_eq!(count(&t, &sql).await, 1, "{action:?}");
    }
    t.finish().await;
}

#[tokio::test]
async fn a_reset_link_expires_and_requests_are_throttled() {
    let t = TestDb::new().await;
    World::build(&t.db, NOW).await;
    let (received, transport) = sink();
    reset::request(&t.db, "ben@bright.example", "10.0.0.8", NOW)
        .await
        .unwrap();
    send(&t.db, &transport, NOW).await;
    let mails = to(&received.lock().unwrap(), "ben@bright.example");
    let token = reset_link(&mails);
    let late = NOW + reset::RESET_TTL_MS + 1;
    assert!(matches!(
        reset::complete(&t.db, &hasher(), &token, "a brand new passphrase", late).await,
        Err(Error::LinkNoLongerWorks)
    ));
    // Three per address in 15 minutes, whether or not it has an account.
    for address in ["ben@bright.example", "nobody@bright.example"] {
        let mut answers = Vec::new();
        for _ in 0..4 {
            answers.push(reset::request(&t.db, address, "10.0.0.7", NOW).await);
        }
        let n = if address.starts_with("ben") { 2 } else { 3 };
        assert!(answers[..n].iter().all(|a| a.is_ok()), "{answers:?}");
        assert!(
            matches!(answers[3], Err(Error::Throttled(_))),
            "{answers:?}"
        );
    }
    t.finish().await;
}

#[tokio::test]
async fn a_client_gets_the_portal_link_from_the_business_only_and_erasure_takes_it() {
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    let (received, transport) = sink();
    send(&t.db, &transport, NOW).await;
    let record = clients::record(&t.db, &w.owner, w.client).await.unwrap();
    let address = record.input.email.clone();
    let link = portal::mail_link(&t.db, &w.owner, w.client, NOW)
        .await
        .unwrap();
    assert_eq!(send(&t.db, &transport, NOW).await.sent, 1);
    let got = to(&received.lock().unwrap(), &address);
    assert_eq!(got.len(), 1);
    let text = got[0].text();
    assert!(text.contains(&format!("/p/{}", link.token)), "{text}");
    assert!(text.contains("Bright Path"), "{text}");
    for provider in ["Ava Reyes", "Ben Okafor", "Owner of"] {
        assert!(!text.contains(provider), "{provider} named: {text}");
    }
    handoff_server::erasure::erase_client(&t.db, &w.owner, w.client, NOW + MINUTE)
        .await
        .unwrap();
    let sql = format!("SELECT COUNT(*) FROM mail_outbox WHERE recipient = '{address}'");
    let left = count(&t, &sql).await;
    assert_eq!(left, 0);
    t.finish().await;
}

// Notifications: a burst is one message, each audience reads only what it
// may, and one click turns a kind off.

/// Past the batching window (two minutes by default).
const LATER: i64 = NOW + 3 * MINUTE;

#[tokio::test]
async fn a_provider_hears_of_work_given_and_sent_back_without_any_client_value() {
    use handoff::submission::{ReviewInput, SubmissionInput};
    use handoff_server::{task, testkit::task_input, Member};
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    let (received, transport) = sink();
    send(&t.db, &transport, NOW).await;
    // The title names the client; the mail must not.
    let input = task_input("Call Maria Gomez back", Some(w.client), Some(&w.ava_actor));
    let id = task::create(&t.db, &w.owner, &input, NOW).await.unwrap();
    let v = task::owner_task(&t.db, &w.owner, id, NOW)
        .await
        .unwrap()
        .version;
    let ava = Member::Provider(w.ava.clone());
    task::move_task(&t.db, &ava, id, v, "start", "", NOW)
        .await
        .unwrap();
    let work = SubmissionInput {
        body: "Called Maria Gomez at 555-0100.".into(),
        achieved: "yes".into(),
        met: vec![0, 1],
        ..SubmissionInput::default()
    };
    task::submit(&t.db, &w.ava, id, v + 1, &work, None, NOW)
        .await
        .unwrap();
    let review = ReviewInput {
        decision: "request_changes".into(),
        feedback: vec!["Ask Maria Gomez about Tuesday.".into(), String::new()],
        process_change: String::new(),
    };
    task::review(&t.db, &w.owner, id, v + 2, &review, NOW)
        .await
        .unwrap();
    // Nothing before the window closes; then one message per kind.
    assert_eq!(send(&t.db, &transport, NOW + 1000).await.sent, 0);
    send(&t.db, &transport, LATER).await;
    // Past Ava's invitation (the world's).
    let to_ava = to(&received.lock().unwrap(), "ava@bright.example")[1..].to_vec();
    let subjects: Vec<String> = to_ava
        .iter()
        .map(|m| {
            m.text()
                .lines()
                .find(|l| l.starts_with("Subject:"))
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(to_ava.len(), 2, "{subjects:?}");
    for mail in &to_ava {
        let text = mail.text();
        assert!(text.contains(&format!("/tasks/{id}")), "{text}");
        assert!(text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        for value in [
            "Maria",
            "Gomez",
            "555-0100",
            "Tuesday",
            "maria@mail.example",
        ] {
            assert!(
                !text.contains(value),
                "{value} in mail to a provider: {text}"
            );
        }
    }
    assert!(to_ava
        .iter()
        .any(|m| m.text().contains("asked for changes")));
    // The owner heard of the work handed in, not of their own review.
    let to_owner = to(&received.lock().unwrap(), "owner@bright.example");
    assert_eq!(to_owner.len(), 1, "{to_owner:?}");
    assert!(to_owner[0].text().contains("handed in work"));
    t.finish().await;
}

#[tokio::test]
async fn a_client_hears_of_a_new_message_without_its_text_once_per_burst_until_they_stop_it() {
    use handoff::thread::ThreadRef;
    use handoff_server::thread;
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    let (received, transport) = sink();
    send(&t.db, &transport, NOW).await;
    let address = clients::record(&t.db, &w.owner, w.client)
        .await
        .unwrap()
        .input
        .email;
    let there = ThreadRef::Client {
        client_id: w.client,
    };
    for body in [
        "Your session moves to Tuesday.",
        "At 3 pm.",
        "Ava Reyes will call.",
    ] {
        thread::post(&t.db, &w.owner, there, body, NOW)
            .await
            .unwrap();
    }
    send(&t.db, &transport, LATER).await;
    let got = to(&received.lock().unwrap(), &address);
    assert_eq!(got.len(), 1, "a burst is one message");
    let text = got[0].text();
    assert!(text.contains("new message from Bright Path"), "{text}");
    assert!(text.contains("/portal"), "{text}");
    for said in ["Tuesday", "3 pm", "Ava", "Reyes"] {
        assert!(!text.contains(said), "{said} in the client's mail: {text}");
    }
    // One click (no sign-in): no more of these; a forged tag changes nothing.
    let (recipient, kind, tag) = unsubscribe_of(&got[0]);
    let forged = mail::preferences::unsubscribe(&t.db, &recipient, &kind, "00", LATER).await;
    assert!(
        matches!(forged, Err(Error::LinkNoLongerWorks)),
        "{forged:?}"
    );
    let other = mail::preferences::unsubscribe(&t.db, "client-999", &kind, &tag, LATER).await;
    assert!(matches!(other, Err(Error::LinkNoLongerWorks)), "{other:?}");
    mail::preferences::unsubscribe(&t.db, &recipient, &kind, &tag, LATER)
        .await
        .unwrap();
    thread::post(&t.db, &w.owner, there, "Another one.", LATER)
        .await
        .unwrap();
    send(&t.db, &transport, LATER + 3 * MINUTE).await;
    assert_eq!(to(&received.lock().unwrap(), &address).len(), 1);
    t.finish().await;
}

#[tokio::test]
async fn a_message_read_on_a_page_before_its_notice_is_due_sends_nothing() {
    use handoff::thread::ThreadRef;
    use handoff_server::{task, testkit::task_input, thread, Member};
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    let (received, transport) = sink();
    let input = task_input("Intake call", None, Some(&w.ava_actor));
    let id = task::create(&t.db, &w.owner, &input, NOW).await.unwrap();
    send(&t.db, &transport, LATER).await; // the invitations and the task given
    let before = to(&received.lock().unwrap(), "ava@bright.example").len();
    let team = ThreadRef::Team { task_id: id };
    let first = thread::post(&t.db, &w.owner, team, "Call at nine.", LATER)
        .await
        .unwrap();
    let ava = Member::Provider(w.ava.clone());
    thread::mark_read(&t.db, &ava, team, first.message_id.unwrap())
        .await
        .unwrap();
    let report = send(&t.db, &transport, LATER + 3 * MINUTE).await;
    assert_eq!((report.sent, report.read), (0, 1), "{report:?}");
    // Two more in one window; Ava reads the first only: the notice (one
    // for both) tells of the second, so it goes out.
    let second = thread::post(&t.db, &w.owner, team, "Or at ten.", LATER + 4 * MINUTE)
        .await
        .unwrap();
    thread::post(&t.db, &w.owner, team, "Ten it is.", LATER + 4 * MINUTE)
        .await
        .unwrap();
    thread::mark_read(&t.db, &ava, team, second.message_id.unwrap())
        .await
        .unwrap();
    let report = send(&t.db, &transport, LATER + 8 * MINUTE).await;
    assert_eq!((report.sent, report.read), (1, 0), "{report:?}");
    assert_eq!(
        to(&received.lock().unwrap(), "ava@bright.example").len(),
        before + 1
    );
    t.finish().await;
}

#[tokio::test]
async fn owners_hear_once_that_a_task_is_overdue_and_again_after_a_new_due_time() {
    use handoff_server::{task, testkit::task_input};
    const DAY: i64 = 24 * 60 * MINUTE;
    let due = |at: i64| {
        chrono::DateTime::from_timestamp_millis(at)
            .unwrap()
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let t = TestDb::new().await;
    let w = World::build(&t.db, NOW).await;
    let (received, transport) = sink();
    let late = handoff::TaskInput {
        due: due(NOW - 2 * DAY),
        ..task_input("Send the invoices", None, Some(&w.ava_actor))
    };
    let id = task::create(&t.db, &w.owner, &late, NOW - 3 * DAY)
        .await
        .unwrap();
    let later = handoff::TaskInput {
        due: due(NOW + 2 * DAY),
        ..task_input("Plan next month", None, Some(&w.ava_actor))
    };
    task::create(&t.db, &w.owner, &later, NOW).await.unwrap();
    assert_eq!(task::tell_overdue(&t.db, NOW).await.unwrap(), 1);
    assert_eq!(
        task::tell_overdue(&t.db, NOW).await.unwrap(),
        0,
        "told twice"
    );
    send(&t.db, &transport, LATER).await;
    let overdue = |received: &[Received]| {
        to(received, "owner@bright.example")
            .iter()
            .filter(|m| m.text().contains("is overdue"))
            .count()
    };
    assert_eq!(overdue(&received.lock().unwrap()), 1);
    let mail = to(&received.lock().unwrap(), "owner@bright.example")
        .into_iter()
        .find(|m| m.text().contains("is overdue"))
        .unwrap();
    assert!(mail.text().contains(&format!("/tasks/{id}")));
    // A new due time, passed too: the owners hear again.
    let v = task::owner_task(&t.db, &w.owner, id, LATER)
        .await
        .unwrap()
        .version;
    let moved = handoff::TaskInput {
        due: due(NOW - DAY),
        due_passed_ok: "yes".into(),
        ..late.clone()
    };
    task::update(&t.db, &w.owner, id, v, &moved, LATER)
        .await
        .unwrap();
    assert_eq!(task::tell_overdue(&t.db, LATER).await.unwrap(), 1);
    send(&t.db, &transport, LATER + 3 * MINUTE).await;
    assert_eq!(overdue(&received.lock().unwrap()), 2);
    t.finish().await;
}
