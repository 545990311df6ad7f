//! The production bound: a page render or a server function that does not
//! finish within `HANDOFF_ANSWER_WITHIN` is dropped and answered with a
//! plain 503, never a hung connection. Its own test binary: the page is
//! made to wait by holding every resource of the process pending (what a
//! route listing does, leptos#4773), which would stall any other test's
//! renders. Runs on the engine `HANDOFF_TEST_DATABASE_URL` names.

#[path = "../../server/tests/support/mod.rs"]
mod support;
mod web;

use axum::body::Body;
use axum::http::{header, Request};
use handoff_app::deadline::AnswerWithin;
use handoff_app::serve::{router, AppState};
use handoff_server::testkit;
use std::time::{Duration, Instant};
use support::TestDb;
use web::{call, respond, session_cookie, sign_up};

const LIMIT: Duration = Duration::from_millis(1500);
/// What the answer may take beyond the limit on a busy machine.
const SLACK: Duration = Duration::from_millis(2500);

fn app(db: &handoff_server::Database) -> axum::Router {
    router(AppState {
        answer_within: AnswerWithin(LIMIT),
        mail_folder: Default::default(),
        ..web::state(db)
    })
}

async fn page(app: &axum::Router, path: &str, cookie: &str) -> (u16, Option<String>, String) {
    let request = Request::get(path)
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let response = respond(app, request).await;
    let status = response.status().as_u16();
    let retry = response
        .headers()
        .get(header::RETRY_AFTER)
        .map(|v| v.to_str().unwrap().to_string());
    (status, retry, web::body_text(response).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_that_never_finishes_is_answered_503_within_the_limit() {
    // The routes are listed before either test holds anything (a listing
    // would lift the other test's stall when it ends).
    handoff_app::serve::routes();
    let t = TestDb::new().await;
    sign_up(&t.db, "o@a.example").await;
    let cookie = session_cookie(&t.db, "o@a.example").await;
    let app = app(&t.db);
    let (status, _, html) = page(&app, "/team", &cookie).await;
    assert_eq!(status, 200, "{html}");

    // Every resource of the process now waits forever.
    let stall = leptos::server::SuppressResourceLoad::new();
    let started = Instant::now();
    let (status, retry, html) = page(&app, "/team", &cookie).await;
    let took = started.elapsed();
    drop(stall);
    assert_eq!(status, 503, "{html}");
    assert!(
        took >= LIMIT && took < LIMIT + SLACK,
        "answered after {took:?}"
    );
    assert_eq!(retry.as_deref(), Some("5"));
    assert!(html.contains("This page took too long"), "{html}");
    assert!(html.contains("try again"), "{html}");

    // The next render is whole again.
    let (status, _, html) = page(&app, "/team", &cookie).await;
    assert_eq!(status, 200);
    assert!(html.contains("Members"), "{html}");
    t.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_function_that_never_finishes_is_answered_503_within_the_limit() {
    // The routes are listed before either test holds anything (a listing
    // would lift the other test's stall when it ends).
    handoff_app::serve::routes();
    let t = TestDb::new().await;
    sign_up(&t.db, "o@a.example").await;
    let cookie = session_cookie(&t.db, "o@a.example").await;
    let app = app(&t.db);
    let profile = |name: &str| {
        vec![
            ("display_name", name.to_string()),
            ("time_zone", "Europe/Lisbon".to_string()),
        ]
    };

    let stuck_writer = testkit::hold_writes(&t.db, "members").await;
    let started = Instant::now();
    let (status, body) = call(
        &app,
        "/api/update_profile",
        Some(cookie.clone()),
        &profile("Olga"),
    )
    .await;
    let took = started.elapsed();
    drop(stuck_writer);
    assert_eq!(status, 503, "{body}");
    assert!(
        took >= LIMIT && took < LIMIT + SLACK,
        "answered after {took:?}"
    );
    // The error the browser's caller decodes and shows.
    let error: handoff_app::error::AppError = serde_json::from_str(&body).unwrap();
    assert_eq!(error, handoff_app::error::AppError::Unavailable);

    let (status, body) = call(&app, "/api/update_profile", Some(cookie), &profile("Olga")).await;
    assert!(status < 400, "{status} {body}");
    t.finish().await;
}
