//! What the HTTP-level suites share: the real router over a test database,
//! members made by the server's test kit (through the real use cases), and
//! requests as a browser would send them.

#![allow(dead_code)]

use crate::support::hasher;
use axum::body::Body;
use axum::http::{header, Request};
use handoff_app::auth::{CookiePolicy, PublicUrl};
use handoff_app::serve::{router, AppState};
use handoff_server::{accounts, testkit, Actor, Database};
use leptos::prelude::LeptosOptions;
use std::time::Duration;
use tower::ServiceExt;

/// How long a test waits for one answer. A render that never finishes
/// fails its test here, naming the request, instead of holding the whole
/// suite until the step's limit runs out.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(30);

/// The router's answer to `request` (its head: a stream's body may stay
/// open), within [`ANSWER_WITHIN`].
pub async fn respond(app: &axum::Router, request: Request<Body>) -> axum::response::Response {
    let what = format!("{} {}", request.method(), request.uri());
    match tokio::time::timeout(ANSWER_WITHIN, app.clone().oneshot(request)).await {
        Ok(response) => response.unwrap(),
        Err(_) => panic!("{what} got no answer within {ANSWER_WITHIN:?}: a render hangs"),
    }
}

/// A whole body, within [`ANSWER_WITHIN`]: a page that streams must end.
pub async fn body_text(response: axum::response::Response) -> String {
    let bytes = tokio::time::timeout(
        ANSWER_WITHIN,
        axum::body::to_bytes(response.into_body(), 1 << 24),
    )
    .await
    .expect("a body did not end within the test's limit: a render hangs")
    .unwrap();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Every member the kit makes signs in with this password.
pub const NOW_PASSWORD: &str = testkit::PASSWORD;

/// A new workspace named after its first owner's e-mail; that owner.
pub async fn sign_up(db: &Database, email: &str) -> Actor {
    testkit::sign_up(db, email, email, now()).await
}

/// A provider invited by `owner` and joined, named by their e-mail; their
/// member id.
pub async fn join(db: &Database, owner: &Actor, email: &str) -> i64 {
    testkit::join(db, owner, email, "provider", email, now())
        .await
        .member_id()
}

pub fn now() -> i64 {
    handoff_app::auth::now_ms()
}

/// What the router serves with in these suites: a test database, plain
/// http on 127.0.0.1:3000, the default answer limit.
pub fn state(db: &Database) -> AppState {
    AppState {
        leptos_options: LeptosOptions::builder().output_name("handoff").build(),
        db: db.clone(),
        hasher: hasher(),
        cookies: CookiePolicy { secure: false },
        public_url: PublicUrl("http://127.0.0.1:3000".into()),
        trusted_proxies: Default::default(),
        live: handoff_server::live::Hub::new(db),
        answer_within: Default::default(),
        mail_folder: Default::default(),
    }
}

pub fn app(db: &Database) -> axum::Router {
    router(state(db))
}

pub async fn call(
    app: &axum::Router,
    path: &str,
    cookie: Option<String>,
    args: &[(&str, String)],
) -> (u16, String) {
    let body = args
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        // As a browser's fetch from Handoff's own page: the guard refuses
        // state-changing requests that say nowhere where they come from.
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::HOST, "127.0.0.1:3000");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = respond(app, request.body(Body::from(body)).unwrap()).await;
    let status = response.status().as_u16();
    (status, body_text(response).await)
}

pub fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A GET as a browser sends it; the whole body, however it was streamed.
pub async fn get(app: &axum::Router, path: &str, cookie: Option<String>) -> (u16, String) {
    let mut request = Request::get(path).header(header::ACCEPT, "text/html");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = respond(app, request.body(Body::empty()).unwrap()).await;
    let status = response.status().as_u16();
    (status, body_text(response).await)
}

/// A fresh session cookie for a member (a call may end the one before).
pub async fn session_cookie(db: &Database, email: &str) -> String {
    let s = accounts::sign_in(db, &hasher(), email, NOW_PASSWORD, "tests", now())
        .await
        .unwrap();
    format!("{}={}", CookiePolicy { secure: false }.name(), s.token)
}
