//! Personal details written freely (issue #27): a postal address that is
//! not on record, and a client's date of birth in every written form,
//! never reach a provider, whoever writes them and wherever (instructions,
//! the team thread, a client's reply forwarded). The owner's preview shows
//! what the provider will read. Runs on the engine
//! `HANDOFF_TEST_DATABASE_URL` names.

mod support;

use handoff::thread::ThreadRef;
use handoff::TaskInput;
use handoff_server::testkit::{client_input, task_input, World};
use handoff_server::{clients, door, portal, task, thread};
use support::TestDb;

const NOW: i64 = 1_790_000_000_000;

/// A client's message about a move: street and number, flat, postcode.
const MOVED: &str = "Hello! We have moved. New address: 14 Rosewood Close, Flat 4, \
                     Leeds LS6 2QT. Same phone, same times please.";
const MOVED_PARTS: [&str; 4] = ["14 Rosewood", "Rosewood Close", "Flat 4", "LS6 2QT"];

/// Every text of the provider's task page and thread, as they receive it.
async fn provider_sees(db: &handoff_server::Database, w: &World, task_id: i64) -> String {
    let page = task::provider_task(db, &w.ava, task_id, NOW).await.unwrap();
    let thread = thread::provider_thread(db, &w.ava, task_id, NOW)
        .await
        .unwrap();
    let mut all = vec![
        page.title.as_str().to_string(),
        page.instructions_html.as_str().to_string(),
    ];
    all.extend(
        thread
            .messages
            .iter()
            .map(|m| m.body_html.as_str().to_string()),
    );
    all.join("\n")
}

#[tokio::test]
async fn a_forwarded_move_reaches_the_provider_without_street_flat_or_postcode() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let task_id = task::create(
        db,
        &w.owner,
        &task_input("Rebook the home visit", Some(w.client), Some(&w.ava_actor)),
        NOW,
    )
    .await
    .unwrap();
    // The client writes from the portal; an owner forwards the reply.
    let link = portal::create_link(db, &w.owner, w.client, NOW)
        .await
        .unwrap();
    let session = portal::exchange(db, &link.token, "10.2.0.1", NOW)
        .await
        .unwrap();
    let client = door::portal_client(db, Some(&session.token), NOW)
        .await
        .unwrap();
    let reply = portal::reply(db, &client, MOVED, NOW)
        .await
        .unwrap()
        .message_id
        .unwrap();
    thread::forward(db, &w.owner, reply, task_id, None, NOW)
        .await
        .unwrap();
    // An owner also writes the new address into the team thread.
    thread::post(
        db,
        &w.owner,
        ThreadRef::Team { task_id },
        "FYI the visit is now at Hauptstraße 5, 2. OG, 10115 Berlin.",
        NOW,
    )
    .await
    .unwrap();
    let seen = provider_sees(db, &w, task_id).await;
    for part in MOVED_PARTS
        .iter()
        .chain(&["Hauptstraße 5", "2. OG", "10115"])
    {
        assert!(
            !seen.contains(part),
            "{part:?} reached the provider:\n{seen}"
        );
    }
    assert!(seen.contains("[address hidden]"), "{seen}");
    assert!(seen.contains("Same phone, same times please"), "{seen}");
    // The owner reads the client's own words whole.
    let home = thread::owner_thread(
        db,
        &w.owner,
        ThreadRef::Client {
            client_id: w.client,
        },
    )
    .await
    .unwrap();
    assert!(
        home.messages
            .iter()
            .any(|m| m.body.contains("14 Rosewood Close")),
        "the owner sees the address the client wrote"
    );
    t.finish().await;
}

#[tokio::test]
async fn a_date_of_birth_is_hidden_in_every_written_form_and_no_other_date() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    // `client_input` gives every client 1984-03-27.
    let other = clients::create(db, &w.owner, &client_input("Olaf Berg", "olaf"), NOW)
        .await
        .unwrap();
    let forms = [
        "the 27th of March",
        "March 27th",
        "Mar. 27, 1984",
        "27th Mar '84",
        "3/27/84",
        "27. März",
        "27 de marzo",
        "27 mars 1984",
        "1984年3月27日",
    ];
    let instructions = format!(
        "Birthday card: {}. Deliver before 30 March, reorder by 3/28. \
         Post it to {MOVED}",
        forms.join("; ")
    );
    let input = TaskInput {
        instructions: instructions.clone(),
        ..task_input("Send the card", Some(w.client), Some(&w.ava_actor))
    };
    let task_id = task::create(db, &w.owner, &input, NOW).await.unwrap();
    let seen = provider_sees(db, &w, task_id).await;
    for form in forms {
        assert!(
            !seen.contains(form),
            "{form:?} reached the provider:\n{seen}"
        );
    }
    assert!(
        seen.contains("Deliver before 30 March, reorder by 3/28"),
        "{seen}"
    );
    // The owner's preview hides the same.
    let preview = task::preview_secrets(db, &w.owner, Some(task_id), Some(w.client))
        .await
        .unwrap();
    let (text, _) = preview.text(&instructions);
    for form in forms.iter().chain(&MOVED_PARTS) {
        assert!(!text.as_str().contains(form), "{form:?} in the preview");
        assert!(!seen.contains(form), "{form:?} reached the provider");
    }
    assert!(
        text.as_str().contains("[address hidden]"),
        "{}",
        text.as_str()
    );

    // A task without a client: another client's date of birth is hidden
    // with its year, but its day and month alone are any other day.
    let input = TaskInput {
        instructions: "Olaf: born 27 March 1984. Deliver by 27 March.".into(),
        ..task_input("Paperwork", None, Some(&w.ava_actor))
    };
    let _ = other;
    let clientless = task::create(db, &w.owner, &input, NOW).await.unwrap();
    let seen = provider_sees(db, &w, clientless).await;
    assert!(!seen.contains("27 March 1984"), "{seen}");
    assert!(seen.contains("Deliver by 27 March."), "{seen}");
    t.finish().await;
}
