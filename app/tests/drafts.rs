//! Drafts over HTTP, as the page's script calls them: a save from a stale
//! base answers the stored draft, a submission replayed with its
//! idempotency key answers `Ok` and submits once, and signing out asks the
//! browser to drop its cache. Runs on the engine `HANDOFF_TEST_DATABASE_URL`
//! names (SQLite by default).

#[path = "../../server/tests/support/mod.rs"]
mod support;
mod web;

use axum::body::Body;
use axum::http::{header, Request};
use handoff::draft::SaveOutcome;
use handoff_server::{task, testkit, Member};
use support::TestDb;
use web::{app, call, now, session_cookie, sign_up};

const KEY: &str = "0f8e2c9a-1b2c-4d5e-8f90-a1b2c3d4e5f6";

/// An owner, a provider with a started task; the provider's cookie.
async fn world(db: &handoff_server::Database) -> (i64, String, handoff_server::Actor) {
    let owner = sign_up(db, "owner@drafts.example").await;
    let ava = testkit::join(db, &owner, "ava@drafts.example", "provider", "Ava", now()).await;
    let id = task::create(
        db,
        &testkit::owner(&owner),
        &testkit::task_input("Book intake", None, Some(&ava)),
        now(),
    )
    .await
    .unwrap();
    task::move_task(
        db,
        &Member::Provider(testkit::provider(&ava)),
        id,
        1,
        "start",
        "",
        now(),
    )
    .await
    .unwrap();
    (id, session_cookie(db, "ava@drafts.example").await, owner)
}

fn save_args(id: i64, base: i64, body: &str) -> Vec<(&'static str, String)> {
    vec![
        ("task_id", id.to_string()),
        ("kind", "submission".into()),
        ("base_version", base.to_string()),
        ("body", body.into()),
        ("achieved", String::new()),
        ("result_value", String::new()),
        ("note", String::new()),
        ("met[]", String::new()),
    ]
}

#[tokio::test]
async fn a_stale_save_answers_the_stored_draft() {
    let t = TestDb::new().await;
    let (id, cookie, _) = world(&t.db).await;
    let app = app(&t.db);
    let (status, body) = call(
        &app,
        "/api/save_draft",
        Some(cookie.clone()),
        &save_args(id, 0, "tab one"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let first: SaveOutcome = serde_json::from_str(&body).unwrap();
    assert!(
        matches!(first, SaveOutcome::Saved { version: 1, .. }),
        "{first:?}"
    );
    let (status, body) = call(
        &app,
        "/api/save_draft",
        Some(cookie.clone()),
        &save_args(id, 0, "tab two"),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    match serde_json::from_str::<SaveOutcome>(&body).unwrap() {
        SaveOutcome::Conflict { server } => {
            assert_eq!(server.content.body, "tab one");
            assert_eq!(server.version, 1);
        }
        other => panic!("{other:?}"),
    }
    let (_, body) = call(
        &app,
        "/api/load_draft",
        Some(cookie),
        &[("task_id", id.to_string()), ("kind", "submission".into())],
    )
    .await;
    assert!(body.contains("tab one"), "{body}");
    t.finish().await;
}

#[tokio::test]
async fn a_replayed_submission_answers_ok_and_submits_once() {
    let t = TestDb::new().await;
    let (id, cookie, owner) = world(&t.db).await;
    let app = app(&t.db);
    let args = vec![
        ("task_id", id.to_string()),
        ("version", "2".into()),
        ("body", "Booked.".into()),
        ("achieved", "yes".into()),
        ("result_value", String::new()),
        ("note", String::new()),
        ("met[]", String::new()),
        ("idempotency_key", KEY.into()),
    ];
    for _ in 0..3 {
        let (status, body) = call(&app, "/api/submit_work", Some(cookie.clone()), &args).await;
        assert_eq!(status, 200, "{body}");
    }
    let (status, body) = call(
        &app,
        "/api/submit_work",
        Some(cookie.clone()),
        &[
            &args[..7],
            &[(
                "idempotency_key",
                "0f8e2c9a-0000-4d5e-8f90-a1b2c3d4e5f6".to_string(),
            )],
        ]
        .concat(),
    )
    .await;
    assert_eq!(
        status, 409,
        "a new key is a new submission, refused as stale: {body}"
    );
    let seen = task::owner_task(&t.db, &testkit::owner(&owner), id, now())
        .await
        .unwrap();
    let timeline = format!("{:?}", seen.work.timeline);
    assert_eq!(timeline.matches("Submitted round").count(), 1, "{timeline}");
    t.finish().await;
}

#[tokio::test]
async fn signing_out_asks_the_browser_to_drop_its_cache() {
    let t = TestDb::new().await;
    let (_, cookie, _) = world(&t.db).await;
    let app = app(&t.db);
    let request = Request::post("/api/sign_out")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let response = web::respond(&app, request).await;
    assert_eq!(
        response
            .headers()
            .get("clear-site-data")
            .and_then(|v| v.to_str().ok()),
        Some("\"cache\"")
    );
    t.finish().await;
}

/// The worker's rule for a page, as a navigation (or the worker's own
/// refresh) gets it.
async fn offline_rule(app: &axum::Router, path: &str, cookie: &str, refresh: bool) -> String {
    let mut request = Request::get(path)
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, cookie);
    request = if refresh {
        request.header("x-handoff-refresh", "1")
    } else {
        request.header("sec-fetch-mode", "navigate")
    };
    let response = web::respond(app, request.body(Body::empty()).unwrap()).await;
    response
        .headers()
        .get("x-handoff-offline")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_kept_page_lives_no_longer_than_a_session_and_a_closed_task_is_not_kept() {
    let t = TestDb::new().await;
    let (id, cookie, owner) = world(&t.db).await;
    let app = app(&t.db);
    let path = format!("/tasks/{id}");
    let lifetime = format!("keep; for={}", handoff_server::session::IDLE_MS / 1000);
    assert_eq!(offline_rule(&app, &path, &cookie, false).await, lifetime);
    assert_eq!(offline_rule(&app, "/tasks", &cookie, true).await, lifetime);
    // Over: the device drops its copy the next time it asks.
    let version = task::owner_task(&t.db, &testkit::owner(&owner), id, now())
        .await
        .unwrap()
        .version;
    task::cancel(&t.db, &testkit::owner(&owner), id, version, now())
        .await
        .unwrap();
    assert_eq!(offline_rule(&app, &path, &cookie, false).await, "drop");
    assert_eq!(offline_rule(&app, &path, &cookie, true).await, "drop");
    t.finish().await;
}
