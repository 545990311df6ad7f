//! Numbering plans on the server (issue #23): a number written the local
//! way, with nothing around it that says "phone", is read against the plan
//! of the client's country (from their phone number) and of the
//! workspace's (from its time zone). Runs on the engine
//! `HANDOFF_TEST_DATABASE_URL` names.

mod support;

use handoff::TaskInput;
use handoff_server::testkit::{client_input, task_input, World};
use handoff_server::{clients, task};
use support::TestDb;

const NOW: i64 = 1_790_000_000_000;

/// What the provider reads of a task's instructions.
async fn provider_reads(db: &handoff_server::Database, w: &World, task_id: i64) -> String {
    let page = task::provider_task(db, &w.ava, task_id, NOW).await.unwrap();
    page.instructions_html.as_str().to_string()
}

#[tokio::test]
async fn a_local_number_is_read_against_the_clients_numbering_plan() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, NOW).await;
    let danish = clients::create(
        db,
        &w.owner,
        &handoff::ClientInput {
            phone: "+45 20 12 34 56".into(),
            ..client_input("Lars Holm", "lars")
        },
        NOW,
    )
    .await
    .unwrap();
    // `31234567` is a Danish number (eight digits, no trunk prefix) and
    // means nothing in the workspace's United States.
    let words = "Ask the neighbour, 31234567, for the key. Batch 20240117 is paid.";
    let mut seen = Vec::new();
    for client in [danish, w.client] {
        let input = TaskInput {
            instructions: words.into(),
            ..task_input("Collect the key", Some(client), Some(&w.ava_actor))
        };
        let task_id = task::create(db, &w.owner, &input, NOW).await.unwrap();
        seen.push(provider_reads(db, &w, task_id).await);
    }
    assert!(!seen[0].contains("31234567"), "{}", seen[0]);
    assert!(seen[0].contains("[phone hidden]"), "{}", seen[0]);
    assert!(
        seen[0].contains("Batch 20240117"),
        "a reference stays: {}",
        seen[0]
    );
    assert!(seen[1].contains("31234567"), "not a US number: {}", seen[1]);
    t.finish().await;
}
