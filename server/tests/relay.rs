//! Threads and relay requests against a real database (R2, R3, R7, R8):
//! who reads which thread, the relay lifecycle, solicitation flags and
//! their acknowledgement, concurrent decisions, forwarding through the
//! provider lens, unread counts, reply times and erasure. Runs on the
//! engine `HANDOFF_TEST_DATABASE_URL` names.

mod support;

use handoff::thread::{RelayDecision, RelayState, Side, ThreadRef};
use handoff::{AuditAction, AuditEvent, AuditFilter, Waiting};
use handoff_server::testkit::{self, World};
use handoff_server::{
    audit, door, erasure, portal, relay, task, thread, Database, Error, Member, Owner, PortalClient,
};
use support::TestDb;

const NOW: i64 = 1_790_000_000_000;

/// The world, with a task for Ava about Maria Gomez.
async fn setup(db: &Database) -> (World, i64) {
    let w = World::build(db, NOW).await;
    let task_id = task::create(
        db,
        &w.owner,
        &testkit::task_input("Intake call", Some(w.client), Some(&w.ava_actor)),
        NOW,
    )
    .await
    .unwrap();
    (w, task_id)
}

async fn portal_client(db: &Database, owner: &Owner, client_id: i64) -> PortalClient {
    let link = portal::create_link(db, owner, client_id, NOW)
        .await
        .unwrap();
    let session = portal::exchange(db, &link.token, "10.0.0.9", NOW)
        .await
        .unwrap();
    door::portal_client(db, Some(&session.token), NOW)
        .await
        .unwrap()
}

async fn events(db: &Database, owner: &Owner, action: AuditAction) -> Vec<AuditEvent> {
    let filter = AuditFilter {
        action: action.as_str().into(),
        ..AuditFilter::default()
    };
    audit::page(db, owner, &filter, 1).await.unwrap().events
}

async fn waiting(db: &Database, member: Member) -> Waiting {
    task::waiting(db, &member, NOW).await.unwrap()
}

#[tokio::test]
async fn a_team_thread_is_for_the_tasks_provider_and_passes_the_lens() {
    let t = TestDb::new().await;
    let db = &t.db;
    let (w, task_id) = setup(db).await;
    let team = ThreadRef::Team { task_id };
    thread::post(
        db,
        &w.owner,
        team,
        "Call **Maria Gomez** on +1 555 014 2233 or maria@mail.example before Friday.",
        NOW,
    )
    .await
    .unwrap();
    assert!(matches!(
        waiting(db, Member::Provider(w.ava.clone())).await,
        Waiting::Provider { unread_team: 1, .. }
    ));

    let view = thread::provider_thread(db, &w.ava, task_id, NOW)
        .await
        .unwrap();
    let html = view.messages[0].body_html.as_str();
    for secret in ["Maria", "Gomez", "2233", "maria@mail.example"] {
        assert!(!html.contains(secret), "{secret} leaked: {html}");
    }
    assert!(
        html.contains("<strong>") && html.contains("before Friday"),
        "{html}"
    );
    assert!(view.messages[0].from_owners && view.can_write && view.can_relay);

    // R7: another provider, another workspace's owner.
    assert!(matches!(
        thread::provider_thread(db, &w.ben, task_id, NOW).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        thread::provider_post(db, &w.ben, task_id, "hi", None, NOW).await,
        Err(Error::NotFound)
    ));
    assert!(matches!(
        thread::owner_thread(db, &w.stranger, team).await,
        Err(Error::NotFound)
    ));
    // A provider never reads a client thread.
    let ava = Member::Provider(w.ava.clone());
    let client_thread = ThreadRef::Client {
        client_id: w.client,
    };
    assert!(matches!(
        thread::mark_read(db, &ava, client_thread, 99).await,
        Err(Error::NotFound)
    ));

    // The provider's message is flagged for the owners.
    let change = thread::provider_post(
        db,
        &w.ava,
        task_id,
        "Done! WhatsApp me if she has questions",
        None,
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(change.audience.provider_id, Some(w.ava.member_id()));
    let owners = thread::owner_thread(db, &w.owner, team).await.unwrap();
    assert_eq!(owners.provider_name.as_deref(), Some("Ava Reyes"));
    assert_eq!(owners.client_name.as_deref(), Some("Maria Gomez"));
    let flagged = &owners.messages[1];
    assert_eq!(flagged.side, Side::Provider);
    assert!(!flagged.flags.is_empty());
    assert!(
        owners.messages[0].body.contains("maria@mail.example"),
        "owners read everything"
    );

    thread::mark_read(db, &ava, team, view.messages[0].message_id)
        .await
        .unwrap();
    assert!(matches!(
        waiting(db, ava).await,
        Waiting::Provider { unread_team: 0, .. }
    ));
    t.finish().await;
}

#[tokio::test]
async fn relay_requests_reach_the_client_only_when_approved_signed_by_the_business() {
    let t = TestDb::new().await;
    let db = &t.db;
    let (w, task_id) = setup(db).await;
    let client = portal_client(db, &w.owner, w.client).await;
    let owner = Member::Owner(w.owner.clone());

    relay::request(
        db,
        &w.ava,
        task_id,
        "Ava here: your intake form is ready to sign.",
        None,
        NOW,
    )
    .await
    .unwrap();
    assert!(portal::home(db, &client, NOW)
        .await
        .unwrap()
        .messages
        .is_empty());
    assert!(matches!(
        waiting(db, owner.clone()).await,
        Waiting::Owner {
            relay_pending: 1,
            ..
        }
    ));
    let queue = relay::queue(db, &w.owner).await.unwrap();
    assert_eq!(queue.len(), 1);
    let item = &queue[0];
    assert_eq!(item.provider_name, "Ava Reyes");
    assert!(item.flags.is_empty(), "{:?}", item.flags);
    // Only owners decide (a provider cannot: `decide` takes an `&Owner`);
    // the other workspace cannot see it.
    assert!(relay::queue(db, &w.stranger).await.unwrap().is_empty());
    assert!(matches!(
        relay::decide(
            db,
            &w.stranger,
            item.relay_id,
            item.version,
            &RelayDecision::Approve {
                acknowledge_flags: false
            },
            NOW
        )
        .await,
        Err(Error::NotFound)
    ));
    relay::decide(
        db,
        &w.owner,
        item.relay_id,
        item.version,
        &RelayDecision::Approve {
            acknowledge_flags: false,
        },
        NOW,
    )
    .await
    .unwrap();
    // Decided once: the same decision again is a conflict, not a second post.
    assert!(matches!(
        relay::decide(
            db,
            &w.owner,
            item.relay_id,
            item.version,
            &RelayDecision::Approve {
                acknowledge_flags: false
            },
            NOW
        )
        .await,
        Err(Error::Conflict(_))
    ));
    let home = portal::home(db, &client, NOW).await.unwrap();
    assert_eq!(home.business_name, "Bright Path");
    assert_eq!(home.messages.len(), 1);
    let html = home.messages[0].body_html.as_str();
    assert!(home.messages[0].from_business);
    assert!(
        html.contains("intake form is ready") && !html.contains("Ava"),
        "{html}"
    );
    let owners = thread::owner_thread(
        db,
        &w.owner,
        ThreadRef::Client {
            client_id: w.client,
        },
    )
    .await
    .unwrap();
    assert_eq!(owners.messages[0].side, Side::Owners);
    assert_eq!(
        owners.messages[0].author, "Owner of Bright Path",
        "the approving owner"
    );
    assert_eq!(owners.messages[0].relay_id, Some(item.relay_id));
    assert_eq!(
        events(db, &w.owner, AuditAction::RelayApproved).await.len(),
        1
    );

    // Edited, then approved: the client gets the edit; the provider sees both.
    relay::request(db, &w.ava, task_id, "pls sign asap thx", None, NOW)
        .await
        .unwrap();
    let item = relay::queue(db, &w.owner).await.unwrap().remove(0);
    relay::decide(
        db,
        &w.owner,
        item.relay_id,
        item.version,
        &RelayDecision::Edit {
            text: "Could you sign the form this week? Thank you.".into(),
            acknowledge_flags: false,
        },
        NOW,
    )
    .await
    .unwrap();
    let home = portal::home(db, &client, NOW).await.unwrap();
    assert!(home.messages[1].body_html.as_str().contains("this week"));
    assert!(!home
        .messages
        .iter()
        .any(|m| m.body_html.as_str().contains("asap")));
    assert_eq!(
        events(db, &w.owner, AuditAction::RelayEdited).await.len(),
        1
    );

    // Returned with a reason the provider reads.
    relay::request(db, &w.ava, task_id, "Tell her it's all fine.", None, NOW)
        .await
        .unwrap();
    let item = relay::queue(db, &w.owner).await.unwrap().remove(0);
    assert!(matches!(
        relay::decide(
            db,
            &w.owner,
            item.relay_id,
            item.version,
            &RelayDecision::Return { reason: " ".into() },
            NOW
        )
        .await,
        Err(Error::Invalid(_))
    ));
    relay::decide(
        db,
        &w.owner,
        item.relay_id,
        item.version,
        &RelayDecision::Return {
            reason: "Say which results are fine.".into(),
        },
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        events(db, &w.owner, AuditAction::RelayReturned).await.len(),
        1
    );
    let ava = Member::Provider(w.ava.clone());
    assert!(matches!(
        waiting(db, ava.clone()).await,
        Waiting::Provider {
            returned_relays: 1,
            ..
        }
    ));
    let view = thread::provider_thread(db, &w.ava, task_id, NOW)
        .await
        .unwrap();
    let states: Vec<RelayState> = view.relays.iter().map(|r| r.state).collect();
    assert_eq!(
        states,
        [
            RelayState::Returned,
            RelayState::Approved,
            RelayState::Approved
        ]
    );
    assert_eq!(
        view.relays[0].reason.as_ref().unwrap().as_str(),
        "Say which results are fine."
    );
    assert!(view.relays[1].edited);
    assert!(view.relays[1]
        .sent
        .as_ref()
        .unwrap()
        .as_str()
        .contains("this week"));
    assert!(!view.relays[2].edited && view.relays[2].sent.is_none());
    thread::mark_read(db, &ava, ThreadRef::Team { task_id }, 0)
        .await
        .unwrap();
    assert!(matches!(
        waiting(db, ava).await,
        Waiting::Provider {
            returned_relays: 0,
            ..
        }
    ));
    assert!(matches!(
        waiting(db, owner).await,
        Waiting::Owner {
            relay_pending: 0,
            ..
        }
    ));
    t.finish().await;
}

#[tokio::test]
async fn flagged_text_reaches_the_client_only_when_acknowledged() {
    let t = TestDb::new().await;
    let db = &t.db;
    let (w, task_id) = setup(db).await;
    let client = portal_client(db, &w.owner, w.client).await;
    let text = "Easier if you WhatsApp me: +44 7700 900461";
    relay::request(db, &w.ava, task_id, text, None, NOW)
        .await
        .unwrap();
    let item = relay::queue(db, &w.owner).await.unwrap().remove(0);
    assert!(item.flags.len() >= 2, "{:?}", item.flags);
    assert!(item
        .flags
        .iter()
        .any(|f| &text[f.start..f.end] == "+44 7700 900461"));
    assert!(item.pieces.iter().any(|p| p.flag.is_some()));
    let approve = |ack| RelayDecision::Approve {
        acknowledge_flags: ack,
    };
    match relay::decide(
        db,
        &w.owner,
        item.relay_id,
        item.version,
        &approve(false),
        NOW,
    )
    .await
    {
        Err(Error::Invalid(fields)) => assert_eq!(fields[0].field, "acknowledge_flags"),
        other => panic!("approved flagged text without acknowledgement: {other:?}"),
    }
    assert!(portal::home(db, &client, NOW)
        .await
        .unwrap()
        .messages
        .is_empty());
    relay::decide(
        db,
        &w.owner,
        item.relay_id,
        item.version,
        &approve(true),
        NOW,
    )
    .await
    .unwrap();
    let home = portal::home(db, &client, NOW).await.unwrap();
    assert!(
        home.messages[0].body_html.as_str().contains("7700 900461"),
        "knowingly approved"
    );
    let approved = events(db, &w.owner, AuditAction::RelayApproved).await;
    assert!(
        approved[0].detail.contains("acknowledged"),
        "{}",
        approved[0].detail
    );

    // Edited clean: nothing to acknowledge.
    relay::request(
        db,
        &w.ava,
        task_id,
        "Text me at 555 201 9988 tonight",
        None,
        NOW,
    )
    .await
    .unwrap();
    let item = relay::queue(db, &w.owner).await.unwrap().remove(0);
    relay::decide(
        db,
        &w.owner,
        item.relay_id,
        item.version,
        &RelayDecision::Edit {
            text: "We will be in touch tonight.".into(),
            acknowledge_flags: false,
        },
        NOW,
    )
    .await
    .unwrap();
    t.finish().await;
}

#[tokio::test]
async fn two_owners_deciding_at_once_post_once() {
    let t = TestDb::new().await;
    let db = &t.db;
    let (w, task_id) = setup(db).await;
    let second = testkit::owner(
        &testkit::join(
            db,
            &w.owner_actor,
            "co@bright.example",
            "owner",
            "Co Owner",
            NOW,
        )
        .await,
    );
    relay::request(db, &w.ava, task_id, "The report is ready.", None, NOW)
        .await
        .unwrap();
    let item = relay::queue(db, &w.owner).await.unwrap().remove(0);
    let approve = RelayDecision::Approve {
        acknowledge_flags: false,
    };
    let back = RelayDecision::Return {
        reason: "Not yet".into(),
    };
    let (a, b) = tokio::join!(
        relay::decide(db, &w.owner, item.relay_id, item.version, &approve, NOW),
        relay::decide(db, &second, item.relay_id, item.version, &back, NOW),
    );
    assert!(a.is_ok() != b.is_ok(), "exactly one decides: {a:?} {b:?}");
    assert!(matches!(a.err().or(b.err()), Some(Error::Conflict(_))));
    let owners = thread::owner_thread(
        db,
        &w.owner,
        ThreadRef::Client {
            client_id: w.client,
        },
    )
    .await
    .unwrap();
    assert!(owners.messages.len() <= 1);
    t.finish().await;
}

#[tokio::test]
async fn forwarding_passes_the_provider_lens_and_is_previewed_exactly() {
    let t = TestDb::new().await;
    let db = &t.db;
    let (w, task_id) = setup(db).await;
    let client = portal_client(db, &w.owner, w.client).await;
    let words = "Tuesday works. My new number is 555 201 9988 and Maria Gomez is fine with email to maria.g@gmail.com. The old one ended nine four one two.";
    let change = portal::reply(db, &client, words, NOW).await.unwrap();
    let message_id = change.message_id.unwrap();
    assert!(matches!(
        waiting(db, Member::Owner(w.owner.clone())).await,
        Waiting::Owner {
            unread_client: 1,
            ..
        }
    ));
    // Nothing the client writes reaches the provider before a forward.
    let before = thread::provider_thread(db, &w.ava, task_id, NOW)
        .await
        .unwrap();
    assert!(before.messages.is_empty());

    let preview = thread::preview_forward(db, &w.owner, message_id, task_id, None)
        .await
        .unwrap();
    // Half a number in words is not masked (it may be innocent) but is
    // shown to the owner, who decides.
    assert_eq!(preview.disguises, vec!["nine four one two".to_string()]);
    let preview = preview.text;
    for secret in ["9988", "Maria", "Gomez", "maria.g@gmail.com"] {
        assert!(!preview.as_str().contains(secret), "{secret}: {preview}");
    }
    assert!(preview.as_str().starts_with("Tuesday works."));
    thread::forward(db, &w.owner, message_id, task_id, None, NOW)
        .await
        .unwrap();
    let after = thread::provider_thread(db, &w.ava, task_id, NOW)
        .await
        .unwrap();
    assert!(after.messages[0].forwarded);
    assert_eq!(
        after.messages[0].body_html.as_str(),
        handoff_server::markdown::to_safe_html(preview.as_str())
    );
    // A part only, and only a part that is in the message.
    let part = thread::preview_forward(db, &w.owner, message_id, task_id, Some("Tuesday works."))
        .await
        .unwrap();
    assert_eq!(part.text.as_str(), "Tuesday works.");
    assert!(part.disguises.is_empty());
    assert!(matches!(
        thread::forward(db, &w.owner, message_id, task_id, Some("Wednesday"), NOW).await,
        Err(Error::Invalid(_))
    ));
    // Never to a task about another client.
    let other = handoff_server::clients::create(
        db,
        &w.owner,
        &testkit::client_input("Jane Doe", "jane"),
        NOW,
    )
    .await
    .unwrap();
    let other_task = task::create(
        db,
        &w.owner,
        &testkit::task_input("Other", Some(other), Some(&w.ava_actor)),
        NOW,
    )
    .await
    .unwrap();
    assert!(matches!(
        thread::forward(db, &w.owner, message_id, other_task, None, NOW).await,
        Err(Error::Invalid(_))
    ));
    assert_eq!(
        events(db, &w.owner, AuditAction::MessageForwarded)
            .await
            .len(),
        1
    );
    let owner = Member::Owner(w.owner.clone());
    thread::mark_read(
        db,
        &owner,
        ThreadRef::Client {
            client_id: w.client,
        },
        message_id,
    )
    .await
    .unwrap();
    assert!(matches!(
        waiting(db, owner).await,
        Waiting::Owner {
            unread_client: 0,
            ..
        }
    ));
    t.finish().await;
}

#[tokio::test]
async fn reply_times_are_stored_when_the_other_side_answers() {
    let t = TestDb::new().await;
    let db = &t.db;
    let (w, task_id) = setup(db).await;
    let team = ThreadRef::Team { task_id };
    thread::post(db, &w.owner, team, "Any news?", NOW)
        .await
        .unwrap();
    thread::post(db, &w.owner, team, "Hello?", NOW + 1_000)
        .await
        .unwrap();
    thread::provider_post(db, &w.ava, task_id, "Yes, tomorrow.", None, NOW + 5_000)
        .await
        .unwrap();
    thread::provider_post(db, &w.ava, task_id, "Around noon.", None, NOW + 6_000)
        .await
        .unwrap();
    thread::post(db, &w.owner, team, "Thanks", NOW + 9_000)
        .await
        .unwrap();
    let view = thread::owner_thread(db, &w.owner, team).await.unwrap();
    let replies: Vec<Option<i64>> = view.messages.iter().map(|m| m.reply_ms).collect();
    assert_eq!(
        replies,
        [Some(5_000), Some(4_000), Some(4_000), Some(3_000), None]
    );
    t.finish().await;
}

#[tokio::test]
async fn erasing_a_client_wipes_threads_relays_and_portal_records() {
    let t = TestDb::new().await;
    let db = &t.db;
    let (w, task_id) = setup(db).await;
    let link = portal::create_link(db, &w.owner, w.client, NOW)
        .await
        .unwrap();
    let session = portal::exchange(db, &link.token, "10.0.0.9", NOW)
        .await
        .unwrap();
    let client = door::portal_client(db, Some(&session.token), NOW)
        .await
        .unwrap();
    let team = ThreadRef::Team { task_id };
    thread::post(
        db,
        &w.owner,
        team,
        "Maria Gomez prefers maria@mail.example",
        NOW,
    )
    .await
    .unwrap();
    portal::reply(db, &client, "I had a rough week, my back hurts", NOW)
        .await
        .unwrap();
    relay::request(
        db,
        &w.ava,
        task_id,
        "Dear Maria Gomez, email me directly",
        None,
        NOW,
    )
    .await
    .unwrap();
    relay::request(db, &w.ava, task_id, "Hello Maria Gomez", None, NOW)
        .await
        .unwrap();
    let item = relay::queue(db, &w.owner).await.unwrap().remove(1);
    relay::decide(
        db,
        &w.owner,
        item.relay_id,
        item.version,
        &RelayDecision::Edit {
            text: "Hello Maria Gomez, all set.".into(),
            acknowledge_flags: false,
        },
        NOW,
    )
    .await
    .unwrap();
    let item = relay::queue(db, &w.owner).await.unwrap().remove(0);
    relay::decide(
        db,
        &w.owner,
        item.relay_id,
        item.version,
        &RelayDecision::Return {
            reason: "Don't write Maria Gomez that".into(),
        },
        NOW,
    )
    .await
    .unwrap();

    erasure::erase_client(db, &w.owner, w.client, NOW)
        .await
        .unwrap();

    let mut texts = Vec::new();
    for thread_ref in [
        team,
        ThreadRef::Client {
            client_id: w.client,
        },
    ] {
        let view = thread::owner_thread(db, &w.owner, thread_ref)
            .await
            .unwrap();
        for m in &view.messages {
            texts.push(m.body.clone());
        }
        for r in &view.relays {
            texts.push(r.body.clone());
            texts.extend(r.sent_body.clone());
            texts.extend(r.reason.clone());
            assert!(handoff::solicitation::fit(&r.body, &r.flags));
        }
        assert!(view.client_name.is_none());
    }
    assert!(texts.len() >= 7, "{texts:?}");
    for text in &texts {
        for secret in ["Maria", "Gomez", "maria@mail.example", "back hurts"] {
            assert!(!text.contains(secret), "{secret} left in {text}");
        }
    }
    assert!(matches!(
        door::portal_client(db, Some(&session.token), NOW).await,
        Err(Error::Unauthenticated)
    ));
    assert!(matches!(
        portal::exchange(db, &link.token, "10.0.0.9", NOW).await,
        Err(Error::LinkNoLongerWorks)
    ));
    assert_eq!(
        portal::link_status(db, &w.owner, w.client, NOW)
            .await
            .unwrap(),
        handoff::thread::PortalLinkStatus::None
    );
    t.finish().await;
}

#[tokio::test]
async fn a_new_provider_reads_only_what_was_written_while_they_had_the_task() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    // A draft nobody has yet: the owners' note is for whoever takes it.
    let mut input = testkit::task_input("Bookkeeping", Some(w.client), None);
    let task_id = task::create(db, &w.owner, &input, NOW).await.unwrap();
    let team = ThreadRef::Team { task_id };
    thread::post(
        db,
        &w.owner,
        team,
        "Whoever takes this: use the new ledger.",
        NOW,
    )
    .await
    .unwrap();
    input.assignee_id = w.ava_actor.member_id().to_string();
    let v = task::owner_task(db, &w.owner, task_id, NOW)
        .await
        .unwrap()
        .version;
    task::update(db, &w.owner, task_id, v, &input, NOW)
        .await
        .unwrap();
    thread::post(
        db,
        &w.owner,
        team,
        "Ava, my rate for you is going up.",
        NOW + 1,
    )
    .await
    .unwrap();
    thread::provider_post(
        db,
        &w.ava,
        task_id,
        "Thanks! Reach me at ava.private@mail.example.",
        None,
        NOW + 2,
    )
    .await
    .unwrap();

    // Reassigned to Ben: he reads the note from before anyone had the task,
    // and nothing Ava and the owners said to each other.
    input.assignee_id = w.ben_actor.member_id().to_string();
    let v = task::owner_task(db, &w.owner, task_id, NOW)
        .await
        .unwrap()
        .version;
    task::update(db, &w.owner, task_id, v, &input, NOW + 3)
        .await
        .unwrap();
    thread::post(db, &w.owner, team, "Ben, over to you.", NOW + 4)
        .await
        .unwrap();
    let ben = thread::provider_thread(db, &w.ben, task_id, NOW + 5)
        .await
        .unwrap();
    let read: Vec<&str> = ben.messages.iter().map(|m| m.body_html.as_str()).collect();
    assert_eq!(read.len(), 2, "{read:?}");
    assert!(read[0].contains("new ledger"), "{read:?}");
    assert!(read[1].contains("over to you"), "{read:?}");
    assert!(read
        .iter()
        .all(|h| !h.contains("rate") && !h.contains("ava.private")));
    // Unread counts follow the same rule.
    assert!(matches!(
        waiting(db, Member::Provider(w.ben.clone())).await,
        Waiting::Provider { unread_team: 2, .. }
    ));
    // The owners still read the whole thread.
    let owners = thread::owner_thread(db, &w.owner, team).await.unwrap();
    assert_eq!(owners.messages.len(), 4);
    t.finish().await;
}
