//! Live-update measurements: 200 event streams connected to one in-process
//! Handoff server (the real router and hub, over TCP), then task changes
//! made one at a time; for each, the time from the write's start to the
//! hint's arrival on every stream. Prints the median and p99 latency and
//! the server process's memory (RSS) per idle stream.
//!
//! cargo run --release -p handoff-app --features ssr --example live_bench
//! (HANDOFF_TEST_DATABASE_URL=postgres://… for PostgreSQL; STREAMS=n,
//! CHANGES=n to change the counts.)
//!
//! Client and server share the process, so the memory per stream includes
//! the client side of each connection (a small read buffer): an upper bound.

use handoff_app::auth::{CookiePolicy, PublicUrl};
use handoff_app::serve::{router, AppState};
use handoff_server::live::Hub;
use handoff_server::testkit::{self, TestDb};
use handoff_server::{accounts, task};
use leptos::prelude::LeptosOptions;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() {
    let streams = env("STREAMS", 200);
    let changes = env("CHANGES", 50);
    let t = TestDb::new().await;
    let db = t.db.clone();
    let now = handoff_app::auth::now_ms();
    let owner = testkit::sign_up(&db, "Bench", "owner@bench.example", now).await;
    let hub = Hub::new(&db);
    let app = router(AppState {
        leptos_options: LeptosOptions::builder().output_name("handoff").build(),
        db: db.clone(),
        hasher: testkit::hasher(),
        cookies: CookiePolicy { secure: false },
        public_url: PublicUrl("http://127.0.0.1:3000".into()),
        trusted_proxies: Default::default(),
        live: hub.clone(),
        answer_within: Default::default(),
        mail_folder: Default::default(),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
    let session = accounts::sign_in(
        &db,
        &testkit::hasher(),
        "owner@bench.example",
        testkit::PASSWORD,
        "bench",
        now,
    )
    .await
    .unwrap();
    let cookie = format!("handoff_session={}", session.token);

    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = rss_kib();
    // Each stream reports (task id, arrival) for every hint it reads.
    let (arrived, mut arrivals) = mpsc::unbounded_channel::<(i64, Instant)>();
    for _ in 0..streams {
        let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
        let request = format!(
            "GET /events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\nCookie: {cookie}\r\n\r\n"
        );
        conn.write_all(request.as_bytes()).await.unwrap();
        let arrived = arrived.clone();
        tokio::spawn(async move {
            let mut buf = vec![0u8; 1024];
            loop {
                let n = match conn.read(&mut buf).await {
                    Ok(0) | Err(_) => return,
                    Ok(n) => n,
                };
                let at = Instant::now();
                let text = String::from_utf8_lossy(&buf[..n]);
                for part in text.split("data: {\"id\":").skip(1) {
                    if let Some(id) = part.split('}').next().and_then(|s| s.parse().ok()) {
                        let _ = arrived.send((id, at));
                    }
                }
            }
        });
    }
    while hub.streams() < streams {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let idle = rss_kib();

    let owner_cap = testkit::owner(&owner);
    let mut latencies = Vec::with_capacity(streams * changes);
    for i in 0..changes {
        let input = testkit::task_input(&format!("Change {i}"), None, None);
        let started = Instant::now();
        let id = task::create(&db, &owner_cap, &input, handoff_app::auth::now_ms())
            .await
            .unwrap();
        let mut heard = 0;
        while heard < streams {
            let (got, at) = tokio::time::timeout(Duration::from_secs(10), arrivals.recv())
                .await
                .expect("every stream hears the change")
                .unwrap();
            if got == id {
                heard += 1;
                latencies.push(at - started);
            }
        }
    }
    latencies.sort();
    println!(
        "engine: {:?}; {streams} streams; {changes} changes, one at a time",
        db.kind()
    );
    println!(
        "post -> event on every stream: median {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&latencies, 0.5).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.99).as_secs_f64() * 1000.0,
        latencies.last().unwrap().as_secs_f64() * 1000.0
    );
    println!(
        "RSS: {before} KiB before, {idle} KiB with {streams} idle streams: {:.1} KiB per stream",
        (idle.saturating_sub(before)) as f64 / streams as f64
    );
    hub.close();
    t.finish().await;
}
