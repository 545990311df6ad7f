//! Sign-in and account hardening over HTTP, through the real router: the
//! request guard (origin required, HSTS behind https), the client address
//! behind a trusted proxy, the status reading, the audit export as a POST,
//! and invitation links that never travel in (or come from) a URL. Runs on
//! the engine `HANDOFF_TEST_DATABASE_URL` names (SQLite by default).

#[path = "../../server/tests/support/mod.rs"]
mod support;
mod web;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, Request};
use handoff::AuditFilter;
use handoff_app::auth::{CookiePolicy, PublicUrl, TrustedProxies};
use handoff_app::serve::{router, AppState};
use handoff_server::{accounts, audit, Actor};
use leptos::prelude::LeptosOptions;
use support::{hasher, TestDb};
use web::{app, call, get, now, session_cookie, sign_up, urlencode};

async fn send(app: &axum::Router, request: Request<Body>) -> (u16, HeaderMap, String) {
    let response = web::respond(app, request).await;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, web::body_text(response).await)
}

fn app_with(db: &handoff_server::Database, https: bool, proxies: &str) -> axum::Router {
    router(AppState {
        leptos_options: LeptosOptions::builder().output_name("handoff").build(),
        db: db.clone(),
        hasher: hasher(),
        cookies: CookiePolicy { secure: https },
        public_url: PublicUrl(if https {
            "https://handoff.example".into()
        } else {
            "http://127.0.0.1:3000".into()
        }),
        trusted_proxies: TrustedProxies::parse(proxies).unwrap(),
        live: handoff_server::live::Hub::new(db),
        answer_within: Default::default(),
        mail_folder: Default::default(),
    })
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn a_post_that_says_nowhere_where_it_comes_from_is_refused() {
    let t = TestDb::new().await;
    sign_up(&t.db, "o@a.example").await;
    let app = app(&t.db);
    let body = form(&[("email", "o@a.example"), ("password", web::NOW_PASSWORD)]);
    let bare = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(Body::from(body.clone()))
        .unwrap();
    let (status, headers, _) = send(&app, bare).await;
    assert_eq!(status, 403);
    assert!(headers.get(header::SET_COOKIE).is_none());
    for (name, value) in [
        ("sec-fetch-site", "same-origin"),
        ("origin", "http://127.0.0.1:3000"),
    ] {
        let request = Request::post("/api/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::HOST, "127.0.0.1:3000")
            .header(name, value)
            .body(Body::from(body.clone()))
            .unwrap();
        let (status, headers, _) = send(&app, request).await;
        assert!(status < 400, "{name}: {status}");
        assert!(headers.get(header::SET_COOKIE).is_some(), "{name}");
    }
    t.finish().await;
}

#[tokio::test]
async fn strict_transport_security_is_sent_only_behind_https() {
    let t = TestDb::new().await;
    let (_, headers, _) = send(
        &app_with(&t.db, true, ""),
        Request::get("/login").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(
        headers[header::STRICT_TRANSPORT_SECURITY],
        handoff_app::guard::HSTS
    );
    let (_, headers, _) = send(
        &app_with(&t.db, false, ""),
        Request::get("/login").body(Body::empty()).unwrap(),
    )
    .await;
    assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());
    t.finish().await;
}

/// A sign-in as it reaches Handoff from `peer`, with `forwarded` as the
/// `X-Forwarded-For` a load balancer (or the client) set.
fn sign_in_from(peer: &str, forwarded: &str, email: &str) -> Request<Body> {
    let mut request = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::HOST, "127.0.0.1:3000")
        .header("x-forwarded-for", forwarded)
        .body(Body::from(form(&[
            ("email", email),
            ("password", "wrong password"),
        ])))
        .unwrap();
    let peer: std::net::SocketAddr = format!("{peer}:40000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    request
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_is_throttled_by_its_own_address() {
    let t = TestDb::new().await;
    let app = app_with(&t.db, false, "10.0.0.0/8");
    // Twenty failures from one client behind the load balancer (each for
    // another e-mail, so only the address counts); the client forges a
    // left-most hop that must be ignored.
    for i in 0..accounts::MAX_FAILURES_PER_ADDRESS {
        let (status, _, body) = send(
            &app,
            sign_in_from(
                "10.0.0.5",
                "1.2.3.4, 198.51.100.7",
                &format!("u{i}@x.example"),
            ),
        )
        .await;
        assert_eq!(status, 422, "{body}");
    }
    let (status, _, _) = send(
        &app,
        sign_in_from("10.0.0.5", "9.9.9.9, 198.51.100.7", "v@x.example"),
    )
    .await;
    assert_eq!(status, 429, "that client is throttled");
    let (status, _, _) = send(
        &app,
        sign_in_from("10.0.0.5", "198.51.100.8", "v@x.example"),
    )
    .await;
    assert_eq!(status, 422, "another client behind the same proxy is not");
    // A peer that is not a trusted proxy cannot pick its address.
    let (status, _, _) = send(
        &app,
        sign_in_from("203.0.113.1", "198.51.100.8", "w@x.example"),
    )
    .await;
    assert_eq!(status, 422);
    t.finish().await;
}

#[tokio::test]
async fn the_status_tells_anonymous_callers_and_providers_only_that_handoff_is_up() {
    let t = TestDb::new().await;
    let owner = sign_up(&t.db, "o@a.example").await;
    web::join(&t.db, &owner, "p@a.example").await;
    let app = app(&t.db);
    let (status, body) = call(&app, "/api/status", None, &[]).await;
    assert_eq!((status, body.as_str()), (200, "null"));
    let provider = session_cookie(&t.db, "p@a.example").await;
    let (status, body) = call(&app, "/api/status", Some(provider), &[]).await;
    assert_eq!((status, body.as_str()), (200, "null"));
    let owner = session_cookie(&t.db, "o@a.example").await;
    let (status, body) = call(&app, "/api/status", Some(owner), &[]).await;
    assert_eq!(status, 200);
    assert!(body.contains("schema_version"), "{body}");
    t.finish().await;
}

async fn exports(db: &handoff_server::Database, owner: &Actor) -> usize {
    let filter = AuditFilter {
        action: "audit_exported".into(),
        ..AuditFilter::default()
    };
    audit::page(db, &handoff_server::testkit::owner(owner), &filter, 1)
        .await
        .unwrap()
        .events
        .len()
}

#[tokio::test]
async fn the_audit_export_is_a_post_and_a_get_records_nothing() {
    let t = TestDb::new().await;
    let owner = sign_up(&t.db, "o@a.example").await;
    let app = app(&t.db);
    let cookie = session_cookie(&t.db, "o@a.example").await;
    let get = Request::get("/audit/export.csv?action=sign_in")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .unwrap();
    let (status, headers, _) = send(&app, get).await;
    assert_eq!(status, 405);
    assert!(!headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.to_str().unwrap().contains("csv")));
    assert_eq!(exports(&t.db, &owner).await, 0, "a GET changed nothing");

    let post = |origin: Option<&str>| {
        let mut r = Request::post("/audit/export.csv")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "127.0.0.1:3000");
        if let Some(origin) = origin {
            r = r.header(header::ORIGIN, origin);
        }
        r.body(Body::from("action=sign_in")).unwrap()
    };
    let (status, _, _) = send(&app, post(Some("https://evil.example"))).await;
    assert_eq!(status, 403);
    let (status, _, _) = send(&app, post(None)).await;
    assert_eq!(status, 403);
    assert_eq!(exports(&t.db, &owner).await, 0);
    let (status, headers, body) = send(&app, post(Some("http://127.0.0.1:3000"))).await;
    assert_eq!(status, 200, "{body}");
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(
        body.contains(",member,action,client,client name,task,detail"),
        "{body}"
    );
    assert_eq!(exports(&t.db, &owner).await, 1);
    t.finish().await;
}

#[tokio::test]
async fn an_invitation_link_comes_back_in_the_answer_never_from_the_url() {
    let t = TestDb::new().await;
    sign_up(&t.db, "o@a.example").await;
    let app = app(&t.db);
    let cookie = session_cookie(&t.db, "o@a.example").await;

    // A link put into the page's query is never shown.
    let forged = "http://evil.example/invite/aaaa";
    let (status, html) = get(
        &app,
        &format!("/team?invite_link={}", urlencode(forged)),
        Some(cookie.clone()),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("Members"), "the team page rendered");
    assert!(
        !html.contains("evil.example"),
        "a link from the query was shown"
    );
    assert!(!html.contains("Invitation created"));

    // With JavaScript: the answer carries the link.
    let (status, body) = call(
        &app,
        "/api/invite_member",
        Some(cookie.clone()),
        &[("email", "new@b.example".into()), ("role", "owner".into())],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let link: String = serde_json::from_str(&body).unwrap();
    assert!(link.starts_with("http://127.0.0.1:3000/invite/"), "{link}");

    // Without JavaScript: the form's POST answers with a redirect to the
    // bare page (no link in the URL), and that page shows the link to this
    // session only.
    let request = Request::post("/api/invite_member")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::REFERER, "http://127.0.0.1:3000/team")
        .header(header::COOKIE, &cookie)
        .body(Body::from(form(&[
            ("email", "other@c.example"),
            ("role", "owner"),
        ])))
        .unwrap();
    let (status, headers, _) = send(&app, request).await;
    assert_eq!(status, 302);
    let location = headers[header::LOCATION].to_str().unwrap();
    assert_eq!(location.trim_end_matches('?'), "http://127.0.0.1:3000/team");
    let (_, html) = get(&app, "/team", Some(cookie.clone())).await;
    assert!(html.contains("Invitation created"), "{html}");
    assert!(html.contains("http://127.0.0.1:3000/invite/"));
    assert!(!html.contains(&link), "the newer link replaced the older");
    let someone_else = session_cookie(&t.db, "o@a.example").await;
    let (_, html) = get(&app, "/team", Some(someone_else)).await;
    assert!(
        !html.contains("/invite/"),
        "another session does not see it"
    );
    let _ = now();
    t.finish().await;
}

#[tokio::test]
async fn a_request_the_server_cannot_read_gets_a_sentence_not_the_decoders_words() {
    let t = TestDb::new().await;
    sign_up(&t.db, "o@a.example").await;
    let app = app(&t.db);
    let cookie = session_cookie(&t.db, "o@a.example").await;
    // load_clients takes `search` and `page`: both missing.
    let (status, body) = call(&app, "/api/load_clients", Some(cookie), &[]).await;
    assert_eq!(status, 400, "{body}");
    assert!(!body.contains("missing field"), "{body}");
    assert!(!body.contains("search"), "{body}");
    let error: handoff_app::error::AppError = serde_json::from_str(&body).unwrap();
    assert_eq!(error, handoff_app::error::AppError::Malformed);
    assert!(error.to_string().contains("Reload the page"));
    t.finish().await;
}
