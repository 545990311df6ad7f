//! Mail at volume against a real SMTP sink on loopback (`mailin-embedded`):
//! messages sent per second by one sender, and a burst of 1,000 while the
//! sink is down for a minute — each sent once, none lost.
//!
//! cargo run --release -p handoff-server --example mail_bench
//! (add HANDOFF_TEST_DATABASE_URL=postgres://… for PostgreSQL)

use handoff_server::mail::{send_due, Transport};
use handoff_server::testkit::{install_test_key, TestDb, World};
use handoff_server::upkeep::Upkeep;
use handoff_server::{team, Database};
use sink::start_sink;
use std::collections::HashMap;
use std::net::TcpListener;
use std::time::{Duration, Instant};

const BURST: usize = 1000;

/// The suites' SMTP sink (real SMTP on loopback), shared.
#[path = "../tests/sink/mod.rs"]
mod sink;

/// How many messages each address received.
fn per_address(received: &[sink::Received]) -> HashMap<String, usize> {
    let mut to = HashMap::new();
    for message in received {
        for address in &message.to {
            *to.entry(address.clone()).or_default() += 1;
        }
    }
    to
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// Invites `n` new addresses (one message each) and returns them.
async fn burst(db: &Database, w: &World, tag: &str, n: usize) -> Vec<String> {
    let mut addresses = Vec::with_capacity(n);
    for i in 0..n {
        let address = format!("{tag}{i}@bench.example");
        team::invite(db, &w.owner, &address, "provider", now())
            .await
            .unwrap();
        addresses.push(address);
    }
    addresses
}

async fn count(t: &TestDb, sql: &str) -> i64 {
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(&t.url)
        .await
        .unwrap();
    let n: i64 = sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap();
    pool.close().await;
    n
}

#[tokio::main]
async fn main() {
    sqlx::any::install_default_drivers();
    install_test_key();
    let t = TestDb::new().await;
    let db = &t.db;
    let w = World::build(db, now()).await;

    // 1. Throughput: one sender, the sink up.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = start_sink(listener);
    let transport = Transport::smtp(
        &format!("smtp://127.0.0.1:{port}"),
        "Bench <b@bench.example>",
    )
    .unwrap();
    send_due(db, &transport, now).await.unwrap(); // the world's invitations
    burst(db, &w, "fast", BURST).await;
    let started = Instant::now();
    let report = send_due(db, &transport, now).await.unwrap();
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "throughput: {} messages in {seconds:.2} s = {:.0} messages/s ({:?}, one sender, pooled SMTP)",
        report.sent,
        report.sent as f64 / seconds,
        db.kind()
    );

    // 2. The sink down for a minute during a burst.
    let down_port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let transport = Transport::smtp(
        &format!("smtp://127.0.0.1:{down_port}"),
        "Bench <b@bench.example>",
    )
    .unwrap();
    let sender = Upkeep::spawn(db, transport, now);
    let addresses = burst(db, &w, "outage", BURST).await;
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(60)).await;
    let waiting_while_down = count(
        &t,
        "SELECT COUNT(*) FROM mail_outbox WHERE state = 'waiting'",
    )
    .await;
    let tries_while_down = count(
        &t,
        "SELECT COALESCE(SUM(attempts), 0) FROM mail_outbox WHERE state = 'waiting'",
    )
    .await;
    let back = start_sink(TcpListener::bind(("127.0.0.1", down_port)).unwrap());
    loop {
        let waiting = count(
            &t,
            "SELECT COUNT(*) FROM mail_outbox WHERE state = 'waiting'",
        )
        .await;
        if waiting == 0 || started.elapsed() > Duration::from_secs(600) {
            break;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    sender.close().await;
    let got = per_address(&back.lock().unwrap());
    let once = addresses.iter().filter(|a| got.get(*a) == Some(&1)).count();
    let twice = addresses
        .iter()
        .filter(|a| got.get(*a).is_some_and(|n| *n > 1))
        .count();
    let lost = addresses.iter().filter(|a| !got.contains_key(*a)).count();
    let dead = count(&t, "SELECT COUNT(*) FROM mail_outbox WHERE state = 'dead'").await;
    println!(
        "outage: {BURST} messages, sink down 60 s: {waiting_while_down} waiting after the minute \
         ({tries_while_down} failed tries), all out {:.0} s after the burst; \
         received once {once}, more than once {twice}, lost {lost}, dead {dead}",
        started.elapsed().as_secs_f64()
    );
    drop(received);
    t.finish().await;
}
