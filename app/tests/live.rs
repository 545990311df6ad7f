//! `GET /events` over HTTP through the real router: signed out is 401; a
//! member hears only their audience's hints; `Last-Event-ID` replays, an
//! unknown one resyncs; signing out ends the stream; not compressed. On
//! PostgreSQL, two app servers on one database: a change made through A
//! reaches a stream of B within a second, and cutting B's LISTEN connection
//! (`pg_terminate_backend`) makes B send `resync`, with hints after it
//! still arriving (on SQLite, B catches up by its poll). Runs on the engine `HANDOFF_TEST_DATABASE_URL` names.

#[path = "../../server/tests/support/mod.rs"]
mod support;
mod web;

use axum::body::{Body, BodyDataStream};
use axum::http::{header, HeaderMap, Request};
use futures_util::StreamExt;
use handoff::thread::ThreadRef;
use handoff::DatabaseKind;
use handoff_app::auth::{CookiePolicy, PublicUrl};
use handoff_app::serve::{router, AppState};
use handoff_server::live::{Hub, HubOptions};
use handoff_server::{portal, task, testkit, thread, Database, DatabaseUrl};
use leptos::prelude::LeptosOptions;
use std::time::{Duration, Instant};
use support::{hasher, TestDb};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use web::{join, now, session_cookie, sign_up};

fn app_with(db: &Database, hub: Hub) -> axum::Router {
    router(AppState {
        leptos_options: LeptosOptions::builder().output_name("handoff").build(),
        db: db.clone(),
        hasher: hasher(),
        cookies: CookiePolicy { secure: false },
        public_url: PublicUrl("http://127.0.0.1:3000".into()),
        trusted_proxies: Default::default(),
        live: hub,
        answer_within: Default::default(),
        mail_folder: Default::default(),
    })
}

/// Opens a stream as a browser's EventSource does.
async fn open(
    app: &axum::Router,
    cookie: Option<&str>,
    last_id: Option<&str>,
) -> (u16, HeaderMap, BodyDataStream) {
    let mut request = Request::get("/events")
        .header(header::ACCEPT, "text/event-stream")
        .header(header::ACCEPT_ENCODING, "br, gzip");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    if let Some(id) = last_id {
        request = request.header("last-event-id", id);
    }
    let response = web::respond(app, request.body(Body::empty()).unwrap()).await;
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.into_body().into_data_stream())
}

/// What the stream sends within `wait` (until `until` appears, if given).
async fn read(body: &mut BodyDataStream, wait: Duration, until: Option<&str>) -> String {
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + wait;
    while until.is_none_or(|u| !text.contains(u)) {
        match tokio::time::timeout_at(deadline, body.next()).await {
            Ok(Some(Ok(bytes))) => text.push_str(&String::from_utf8_lossy(&bytes)),
            _ => break,
        }
    }
    text
}

/// A task hint's data line (its `event: task` and `id:` lines precede it).
fn hint(id: i64) -> String {
    format!("data: {{\"id\":{id}}}")
}

#[tokio::test]
async fn a_signed_out_request_is_refused() {
    let t = TestDb::new().await;
    let app = web::app(&t.db);
    let (status, _, _) = open(&app, None, None).await;
    assert_eq!(status, 401);
    let (status, _, _) = open(&app, Some("handoff_session=00"), None).await;
    assert_eq!(status, 401);
    t.finish().await;
}

/// The `id:` lines a stream sent.
fn ids(heard: &str) -> Vec<String> {
    heard
        .lines()
        .filter_map(|l| l.strip_prefix("id: "))
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn a_streams_ids_tell_nothing_of_other_workspaces() {
    let t = TestDb::new().await;
    let db = &t.db;
    let owner = sign_up(db, "owner@a.example").await;
    let elsewhere = sign_up(db, "owner@b.example").await;
    let app = web::app(db);
    let cookie = session_cookie(db, "owner@a.example").await;
    let (_, _, mut body) = open(&app, Some(&cookie), None).await;
    let make = |actor: &handoff_server::Actor, title: &'static str| {
        let owner = testkit::owner(actor);
        async move {
            task::create(db, &owner, &testkit::task_input(title, None, None), now())
                .await
                .unwrap()
        }
    };
    make(&owner, "Ours, first").await;
    for _ in 0..5 {
        make(&elsewhere, "Theirs").await;
    }
    let second = make(&owner, "Ours, second").await;
    let heard = read(&mut body, Duration::from_secs(3), Some(&hint(second))).await;
    let ours = ids(&heard);
    assert_eq!(ours.len(), 2, "{heard}");
    for id in &ours {
        assert!(
            !id.is_empty() && !id.bytes().all(|b| b.is_ascii_digit()),
            "an id says a position in the installation: {id}"
        );
    }
    // A reconnect with an id this server never gave: a resync, whose id
    // says nothing either (it was the newest number of all workspaces).
    let (_, _, mut again) = open(&app, Some(&cookie), Some("3")).await;
    let heard = read(&mut again, Duration::from_secs(2), Some("event: resync")).await;
    assert!(heard.contains("event: resync"), "{heard}");
    for id in ids(&heard) {
        assert!(!id.bytes().all(|b| b.is_ascii_digit()), "{id}");
    }
    // And the id it gave resumes the stream: only what came after it.
    let resume = ids(&heard).pop().unwrap();
    let third = make(&owner, "Ours, third").await;
    let (_, _, mut resumed) = open(&app, Some(&cookie), Some(&resume)).await;
    let heard = read(&mut resumed, Duration::from_secs(2), Some(&hint(third))).await;
    assert!(heard.contains(&hint(third)), "{heard}");
    assert!(!heard.contains(&hint(second)), "{heard}");
    t.finish().await;
}

#[tokio::test]
async fn each_member_hears_only_their_own_audience_and_a_reconnect_replays() {
    let t = TestDb::new().await;
    let db = &t.db;
    let owner = sign_up(db, "owner@a.example").await;
    join(db, &owner, "ben@a.example").await;
    sign_up(db, "owner@b.example").await;
    let ava = testkit::join(db, &owner, "ava2@a.example", "provider", "Ava", now()).await;
    let app = web::app(db);
    let mut streams = Vec::new();
    for email in [
        "owner@a.example",
        "ava2@a.example",
        "ben@a.example",
        "owner@b.example",
    ] {
        let cookie = session_cookie(db, email).await;
        let (status, headers, body) = open(&app, Some(&cookie), None).await;
        assert_eq!(status, 200);
        assert_eq!(headers[header::CONTENT_TYPE], "text/event-stream");
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert!(
            headers.get(header::CONTENT_ENCODING).is_none(),
            "never compressed"
        );
        streams.push((cookie, body));
    }
    let input = testkit::task_input("Call", None, Some(&ava));
    let id = task::create(db, &testkit::owner(&owner), &input, now())
        .await
        .unwrap();
    let owner_heard = read(&mut streams[0].1, Duration::from_secs(2), Some(&hint(id))).await;
    assert!(owner_heard.contains(&hint(id)), "{owner_heard}");
    assert!(owner_heard.contains("event: task\nid: "), "{owner_heard}");
    let ava_heard = read(&mut streams[1].1, Duration::from_secs(2), Some(&hint(id))).await;
    assert!(ava_heard.contains(&hint(id)), "{ava_heard}");
    for (_, body) in &mut streams[2..] {
        let heard = read(body, Duration::from_millis(500), None).await;
        assert!(!heard.contains("event:"), "another audience heard: {heard}");
    }
    // Ava's last id; then a change while she is away, and one for Ben.
    let last: String = ava_heard
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("id: "))
        .unwrap()
        .to_string();
    let other = task::create(
        db,
        &testkit::owner(&owner),
        &testkit::task_input("Mine again", None, Some(&ava)),
        now(),
    )
    .await
    .unwrap();
    let (_, _, mut again) = open(&app, Some(&streams[1].0), Some(&last)).await;
    let replayed = read(&mut again, Duration::from_secs(2), Some(&hint(other))).await;
    assert!(replayed.contains(&hint(other)), "{replayed}");
    assert!(
        !replayed.contains(&hint(id)),
        "replayed what came before: {replayed}"
    );
    // An id this server never gave: resync.
    let (_, _, mut odd) = open(&app, Some(&streams[1].0), Some("99999999")).await;
    let heard = read(&mut odd, Duration::from_secs(2), Some("event: resync")).await;
    assert!(heard.contains("event: resync"), "{heard}");
    t.finish().await;
}

#[tokio::test]
async fn signing_out_ends_the_stream() {
    let t = TestDb::new().await;
    let db = &t.db;
    sign_up(db, "owner@a.example").await;
    let hub = Hub::with_options(
        db,
        HubOptions {
            session_check: Duration::from_millis(200),
            ..HubOptions::default()
        },
    );
    let app = app_with(db, hub);
    let cookie = session_cookie(db, "owner@a.example").await;
    let (status, _, mut body) = open(&app, Some(&cookie), None).await;
    assert_eq!(status, 200);
    let token = cookie.split_once('=').unwrap().1;
    handoff_server::session::end_token(db, token).await.unwrap();
    let ended = tokio::time::timeout(Duration::from_secs(3), async {
        while let Some(Ok(_)) = body.next().await {}
    })
    .await;
    assert!(ended.is_ok(), "the stream outlived its session");
    let (status, _, _) = open(&app, Some(&cookie), None).await;
    assert_eq!(status, 401);
    t.finish().await;
}

#[tokio::test]
async fn the_portal_hears_its_own_client_only_and_a_revoked_link_ends_its_stream() {
    let t = TestDb::new().await;
    let db = &t.db;
    let w = testkit::World::build(db, now()).await;
    let other = handoff_server::clients::create(
        db,
        &w.owner,
        &testkit::client_input("Other Client", "other"),
        now(),
    )
    .await
    .unwrap();
    let hub = Hub::with_options(
        db,
        HubOptions {
            session_check: Duration::from_millis(200),
            ..HubOptions::default()
        },
    );
    let app = app_with(db, hub);
    let link = portal::create_link(db, &w.owner, w.client, now())
        .await
        .unwrap();
    let session = portal::exchange(db, &link.token, "127.0.0.1", now())
        .await
        .unwrap();
    let cookie = format!(
        "{}={}",
        CookiePolicy { secure: false }.portal_name(),
        session.token
    );
    let (status, _, mut body) = open(&app, Some(&cookie), None).await;
    assert_eq!(status, 200);

    // Another client's thread and the team's thread stay silent here.
    let to = |client_id| ThreadRef::Client { client_id };
    thread::post(db, &w.owner, to(other), "Not for Maria.", now())
        .await
        .unwrap();
    let heard = read(&mut body, Duration::from_millis(500), None).await;
    assert!(!heard.contains("event:"), "another client's hint: {heard}");
    let change = thread::post(db, &w.owner, to(w.client), "For Maria.", now())
        .await
        .unwrap();
    let id = change.message_id.unwrap();
    let heard = read(&mut body, Duration::from_secs(2), Some(&hint(id))).await;
    assert!(heard.contains("event: thread\nid: "), "{heard}");
    assert!(!heard.contains("For Maria"), "text in a hint: {heard}");

    // Revoking the link ends the portal's sessions, and so its stream.
    portal::revoke_link(db, &w.owner, w.client, now())
        .await
        .unwrap();
    let ended = tokio::time::timeout(Duration::from_secs(3), async {
        while let Some(Ok(_)) = body.next().await {}
    })
    .await;
    assert!(ended.is_ok(), "the stream outlived its portal session");
    let (status, _, _) = open(&app, Some(&cookie), None).await;
    assert_eq!(status, 401);
    t.finish().await;
}

/// One app server on a port of its own, with its own pool and hub.
async fn serve(url: &str, options: HubOptions) -> (std::net::SocketAddr, Hub, Database) {
    let db = Database::connect(&DatabaseUrl::parse(url).unwrap())
        .await
        .unwrap();
    let hub = Hub::with_options(&db, options);
    let app = app_with(&db, hub.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
    (addr, hub, db)
}

/// A raw HTTP/1.1 request; the open connection.
async fn send(addr: std::net::SocketAddr, request: String) -> tokio::net::TcpStream {
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    conn.write_all(request.as_bytes()).await.unwrap();
    conn
}

async fn read_tcp(conn: &mut tokio::net::TcpStream, wait: Duration, until: &str) -> String {
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + wait;
    let mut buf = [0u8; 4096];
    while !text.contains(until) {
        match tokio::time::timeout_at(deadline, conn.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => text.push_str(&String::from_utf8_lossy(&buf[..n])),
            _ => break,
        }
    }
    text
}

/// Two app servers (each its own pool and hub) on one database. On
/// PostgreSQL a change made through A reaches B's stream through NOTIFY:
/// B's poll is left at its 10 s, so nothing else could bring it within
/// the second; then cutting B's LISTEN connection makes B resync. On
/// SQLite, whose wake-up is in-process, B (a second process on the same
/// file) catches up by its poll, set here to 200 ms.
#[tokio::test]
async fn two_app_servers_on_one_database_share_live_updates_and_resync_after_a_lost_listener() {
    let t = TestDb::new().await;
    let postgres = t.db.kind() == DatabaseKind::Postgres;
    let options = if postgres {
        HubOptions::default()
    } else {
        HubOptions {
            poll_every: Duration::from_millis(200),
            ..HubOptions::default()
        }
    };
    let db = &t.db;
    let owner = sign_up(db, "owner@a.example").await;
    let ava = testkit::join(db, &owner, "ava@a.example", "provider", "Ava", now()).await;
    let id = task::create(
        db,
        &testkit::owner(&owner),
        &testkit::task_input("Call", None, Some(&ava)),
        now(),
    )
    .await
    .unwrap();
    let (a, _hub_a, _db_a) = serve(&t.url, options.clone()).await;
    let (b, hub_b, _db_b) = serve(&t.url, options).await;
    let owner_cookie = session_cookie(db, "owner@a.example").await;
    let ava_cookie = session_cookie(db, "ava@a.example").await;
    let mut stream = send(
        b,
        format!("GET /events HTTP/1.1\r\nHost: {b}\r\nAccept: text/event-stream\r\nCookie: {owner_cookie}\r\n\r\n"),
    )
    .await;
    let opened = read_tcp(&mut stream, Duration::from_secs(5), ": live").await;
    assert!(opened.starts_with("HTTP/1.1 200"), "{opened}");

    // Ava starts the task through server A.
    let version = task::owner_task(db, &testkit::owner(&owner), id, now())
        .await
        .unwrap()
        .version;
    let form = format!("task_id={id}&version={version}&step=start");
    let posted = Instant::now();
    let mut post = send(
        a,
        format!(
            "POST /api/move_task HTTP/1.1\r\nHost: {a}\r\nOrigin: http://{a}\r\nAccept: application/json\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nCookie: {ava_cookie}\r\nContent-Length: {}\r\n\r\n{form}",
            form.len()
        ),
    )
    .await;
    let answer = read_tcp(&mut post, Duration::from_secs(5), "\r\n\r\n").await;
    assert!(
        answer.starts_with("HTTP/1.1 2") || answer.starts_with("HTTP/1.1 3"),
        "{answer}"
    );
    let heard = read_tcp(
        &mut stream,
        Duration::from_secs(1),
        &format!("{{\"id\":{id}}}"),
    )
    .await;
    let latency = posted.elapsed();
    assert!(
        heard.contains("event: task"),
        "B did not hear A's change within a second: {heard}"
    );
    assert!(latency < Duration::from_secs(1), "{latency:?}");
    if !postgres {
        assert_eq!(hub_b.listener_backend(), None, "SQLite has no listener");
        return t.finish().await;
    }

    // Cut B's LISTEN connection: B tells its streams to resync.
    let pid = hub_b.listener_backend().expect("B listens");
    db.execute_raw(&format!("SELECT pg_terminate_backend({pid})::TEXT"))
        .await
        .unwrap();
    let heard = read_tcp(&mut stream, Duration::from_secs(5), "event: resync").await;
    assert!(heard.contains("event: resync"), "{heard}");

    // And hints after it still arrive.
    let second = task::create(
        db,
        &testkit::owner(&owner),
        &testkit::task_input("After the cut", None, None),
        now(),
    )
    .await
    .unwrap();
    let heard = read_tcp(
        &mut stream,
        Duration::from_secs(2),
        &format!("{{\"id\":{second}}}"),
    )
    .await;
    assert!(heard.contains(&format!("{{\"id\":{second}}}")), "{heard}");
    t.finish().await;
}
