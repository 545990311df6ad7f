//! A storage failure is logged once, at the edge, with its whole cause
//! chain and inside the request's span (its id), and the person reads a
//! plain sentence. Its own test binary: it installs the process's log
//! subscriber. Runs on the engine `HANDOFF_TEST_DATABASE_URL` names.

#[path = "../../server/tests/support/mod.rs"]
mod support;
mod web;

use axum::body::Body;
use axum::http::{header, Request};
use std::io::Write;
use std::sync::{Arc, Mutex};
use support::TestDb;
use web::{app, respond, session_cookie, sign_up};

/// Log lines written by the subscriber, for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_storage_error_is_logged_once_with_its_cause_and_the_request_id() {
    let log = Captured::default();
    tracing_subscriber::fmt()
        .with_env_filter("error")
        .with_ansi(false)
        .with_writer(log.clone())
        .init();
    let t = TestDb::new().await;
    sign_up(&t.db, "owner@errors.example").await;
    let cookie = session_cookie(&t.db, "owner@errors.example").await;
    let app = app(&t.db);
    // The audit log's table is gone: reading it fails in storage.
    t.db.execute_raw("DROP TABLE audit_events").await.unwrap();
    let request = Request::get("/audit")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    let response = respond(&app, request).await;
    let request_id = response
        .headers()
        .get("x-request-id")
        .expect("every answer carries its request id")
        .to_str()
        .unwrap()
        .to_string();
    let html = web::body_text(response).await;
    assert!(
        html.contains("Handoff could not reach its database"),
        "the person reads a sentence: {html}"
    );
    assert!(!html.contains("audit_events"), "never the storage detail");
    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("audit_events"))
        .collect();
    assert_eq!(lines.len(), 1, "logged once:\n{text}");
    let line = lines[0];
    // The chain: our words, then the driver's, then the database's.
    assert!(line.contains("database: "), "{line}");
    assert!(line.contains(&request_id), "with the request id: {line}");
    t.finish().await;
}
