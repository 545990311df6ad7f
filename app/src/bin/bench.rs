//! The server `.ci/bench` measures: Handoff exactly as `handoff-app` serves
//! it, on the demo workspace grown to the size `HANDOFF_BENCH_SIZE` names
//! (`providers,clients,tasks,messages,audit_events`), plus the baseline the
//! pages are compared with — a bare axum + sqlx handler returning the rows
//! of a provider's "My tasks" as JSON, with no session, lens or audit. The
//! baseline answers only on the loopback address; this binary is never
//! deployed.

use axum::extract::{ConnectInfo, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use handoff_server::demo::grow::{self, Size};
use handoff_server::Database;
use std::net::SocketAddr;
use std::process::ExitCode;

#[derive(serde::Deserialize)]
struct Who {
    workspace: i64,
    member: i64,
}

async fn bare_my_tasks(
    State(db): State<Database>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(who): Query<Who>,
) -> Response {
    if !peer.ip().is_loopback() {
        return StatusCode::NOT_FOUND.into_response();
    }
    match grow::bare_my_tasks(&db, who.workspace, who.member).await {
        Ok(rows) => Json(rows).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

fn size(raw: &str) -> Result<Size, String> {
    let n: Vec<usize> = raw
        .split(',')
        .map(|p| p.trim().replace('_', "").parse::<usize>())
        .collect::<Result<_, _>>()
        .map_err(|_| {
            format!("HANDOFF_BENCH_SIZE={raw}: five counts, e.g. 50,10000,100000,1000000,200000")
        })?;
    match n[..] {
        [providers, clients, tasks, messages, audit_events] if providers > 0 && clients > 0 => {
            Ok(Size {
                providers,
                clients,
                tasks,
                messages,
                audit_events,
            })
        }
        _ => Err(format!(
            "HANDOFF_BENCH_SIZE={raw}: five counts, providers and clients above 0"
        )),
    }
}

async fn run() -> Result<(), String> {
    let size = size(&std::env::var("HANDOFF_BENCH_SIZE").unwrap_or_default())?;
    let prepared = handoff_app::serve::prepare().await?;
    let db = prepared.database().clone();
    let started = std::time::Instant::now();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    let grown = grow::grow(&db, &size, now)
        .await
        .map_err(|e| format!("cannot grow the demo workspace: {}", e.chain()))?;
    // The script reads the baseline's address from this line.
    println!(
        "baseline /bench/bare/my-tasks?workspace={}&member={}",
        grown.workspace_id, grown.provider_id
    );
    println!("task /tasks/{}", grown.task_id);
    tracing::info!(
        ?size,
        seconds = started.elapsed().as_secs(),
        "grew the demo workspace"
    );
    let baseline = Router::new()
        .route("/bench/bare/my-tasks", get(bare_my_tasks))
        .with_state(db);
    handoff_app::serve::serve(prepared, baseline).await
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("handoff-bench: {problem}");
            ExitCode::from(2)
        }
    }
}
