//! Every page the router knows, as each audience (nobody, an owner, a
//! provider, a client in the portal), rendered on the server many times at
//! once, each render bounded: a render that never finishes fails here with
//! its route and audience named, within seconds.
//!
//! While the renders run, the process keeps building routers, as a second
//! app server in the same process (or another test) does. Listing the routes
//! holds every resource of the process pending (leptos#4773): before the
//! list was made once per process (`serve::routes`), a render that started
//! during a listing waited forever. Runs on the engine
//! `HANDOFF_TEST_DATABASE_URL` names (SQLite by default).

#[path = "../../server/tests/support/mod.rs"]
mod support;
mod web;

use axum::body::Body;
use axum::http::{header, Request};
use handoff_app::auth::CookiePolicy;
use handoff_app::serve::{router, routes};
use handoff_server::demo::{seed_if_empty, DEMO_MEMBERS, DEMO_PASSWORD};
use handoff_server::{accounts, clients, door, portal, task, team};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{hasher, TestDb};
use web::now;

/// A render slower than this fails the test (a normal one takes
/// milliseconds, even in a debug build on a busy machine).
const RENDER_LIMIT: Duration = Duration::from_secs(5);
/// Renders in flight at once.
const AT_ONCE: usize = 8;

/// Who asks, and the cookie they send.
struct Audience {
    name: &'static str,
    cookie: Option<String>,
}

/// What a path's parameters stand for in the demo workspace.
struct Ids {
    task: i64,
    client: i64,
    invitation: String,
    portal_link: String,
}

impl Ids {
    /// The path with its parameters filled in. A new route with a
    /// parameter this test does not know fails here, so that no route
    /// escapes the renders.
    fn concrete(&self, path: &str) -> String {
        match path {
            "/tasks/{id}" => format!("/tasks/{}", self.task),
            "/clients/{id}" => format!("/clients/{}", self.client),
            "/invite/{token}" => format!("/invite/{}", self.invitation),
            // A link that no longer works renders its own page.
            "/reset-password/{token}" => format!("/reset-password/{}", "0".repeat(64)),
            "/p/{token}" => format!("/p/{}", self.portal_link),
            other if other.contains('{') => {
                panic!("the route {other} has a parameter: give it a value in Ids::concrete")
            }
            other => other.to_string(),
        }
    }
}

async fn member_cookie(db: &handoff_server::Database, email: &str) -> String {
    let session = accounts::sign_in(db, &hasher(), email, DEMO_PASSWORD, "renders", now())
        .await
        .unwrap();
    format!(
        "{}={}",
        CookiePolicy { secure: false }.name(),
        session.token
    )
}

/// The demo workspace's owner, a provider and a client with a portal
/// session, and the ids its pages are about.
async fn cast(db: &handoff_server::Database) -> (Vec<Audience>, Ids) {
    assert!(seed_if_empty(db, &hasher(), now()).await.unwrap());
    let owner_email = DEMO_MEMBERS[0].0;
    let provider_email = DEMO_MEMBERS[1].0;
    let owner_cookie = member_cookie(db, owner_email).await;
    let provider_cookie = member_cookie(db, provider_email).await;
    let token = |cookie: &str| cookie.split_once('=').unwrap().1.to_string();
    let owner = door::owner(db, Some(&token(&owner_cookie)), now())
        .await
        .unwrap();
    let provider = door::provider(db, Some(&token(&provider_cookie)), now())
        .await
        .unwrap();
    let task = task::my_tasks(db, &provider, now()).await.unwrap()[0].task_id;
    let client = clients::list(db, &owner, "", 1).await.unwrap().clients[0].client_id;
    let invitation = team::invite(db, &owner, "new@renders.example", "provider", now())
        .await
        .unwrap()
        .token;
    let link = portal::create_link(db, &owner, client, now())
        .await
        .unwrap();
    let session = portal::exchange(db, &link.token, "renders", now())
        .await
        .unwrap();
    // A link whose session is already open: its page is still shown.
    let portal_cookie = format!(
        "{}={}",
        CookiePolicy { secure: false }.portal_name(),
        session.token
    );
    let audiences = vec![
        Audience {
            name: "nobody",
            cookie: None,
        },
        Audience {
            name: "owner",
            cookie: Some(owner_cookie),
        },
        Audience {
            name: "provider",
            cookie: Some(provider_cookie),
        },
        Audience {
            name: "portal client",
            cookie: Some(portal_cookie),
        },
    ];
    let ids = Ids {
        task,
        client,
        invitation,
        portal_link: link.token,
    };
    (audiences, ids)
}

/// How many times each (route, audience) renders: `HANDOFF_RENDER_ROUNDS`,
/// 50 by default (each route 200 times, about 4,400 renders).
fn rounds() -> usize {
    std::env::var("HANDOFF_RENDER_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_renders_whole_for_every_audience_many_times_at_once() {
    let t = TestDb::new().await;
    let (audiences, ids) = cast(&t.db).await;
    let state = web::state(&t.db);
    let app = router(state.clone());

    let mut paths: Vec<String> = routes().iter().map(|r| ids.concrete(r.path())).collect();
    paths.push("/no-such-page".into());
    assert!(
        paths.len() >= 20,
        "the route list has {} routes",
        paths.len()
    );
    let audiences: Vec<(&'static str, Option<String>)> =
        audiences.into_iter().map(|a| (a.name, a.cookie)).collect();
    let mut jobs = Vec::new();
    for _ in 0..rounds() {
        for path in &paths {
            for (name, cookie) in &audiences {
                jobs.push((path.clone(), *name, cookie.clone()));
            }
        }
    }
    let total = jobs.len();

    // Other routers come and go while the renders run, until this test
    // ends, however it ends (a panic must not leave the loop running: the
    // runtime would wait for it forever).
    struct StopOnDrop(Arc<AtomicBool>);
    impl Drop for StopOnDrop {
        fn drop(&mut self) {
            self.0.store(false, Ordering::Relaxed);
        }
    }
    let rendering = Arc::new(AtomicBool::new(true));
    let _stop = StopOnDrop(rendering.clone());
    let built = Arc::new(AtomicUsize::new(0));
    let builder = {
        let (rendering, built, state) = (rendering.clone(), built.clone(), state.clone());
        tokio::task::spawn_blocking(move || {
            while rendering.load(Ordering::Relaxed) {
                drop(router(state.clone()));
                built.fetch_add(1, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };

    let started = Instant::now();
    let permits = Arc::new(tokio::sync::Semaphore::new(AT_ONCE));
    let mut renders = tokio::task::JoinSet::new();
    for (path, audience, cookie) in jobs {
        let permit = permits.clone().acquire_owned().await.unwrap();
        let app = app.clone();
        renders.spawn(async move {
            let _permit = permit;
            let mut request = Request::get(&path).header(header::ACCEPT, "text/html");
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, cookie);
            }
            let request = request.body(Body::empty()).unwrap();
            let render = async {
                let response = tower::ServiceExt::oneshot(app, request).await.unwrap();
                let status = response.status().as_u16();
                let body = axum::body::to_bytes(response.into_body(), 1 << 24)
                    .await
                    .unwrap();
                (status, body.len())
            };
            match tokio::time::timeout(RENDER_LIMIT, render).await {
                Err(_) => Err(format!(
                    "{path} as {audience}: no answer within {RENDER_LIMIT:?}"
                )),
                Ok((status, _)) if status >= 500 => {
                    Err(format!("{path} as {audience}: answered {status}"))
                }
                Ok((status, 0)) if status < 300 => {
                    Err(format!("{path} as {audience}: an empty page"))
                }
                Ok(_) => Ok(()),
            }
        });
    }
    let mut failures = Vec::new();
    while let Some(outcome) = renders.join_next().await {
        if let Err(failure) = outcome.unwrap() {
            failures.push(failure);
        }
    }
    rendering.store(false, Ordering::Relaxed);
    builder.await.unwrap();
    failures.sort();
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} renders of {total} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let built = built.load(Ordering::Relaxed);
    assert!(built > 0, "no router was built while the pages rendered");
    println!(
        "renders: {total} ({} routes × {} audiences × {}), {AT_ONCE} at once, in {:.1} s; {built} routers built meanwhile",
        paths.len(),
        audiences.len(),
        rounds(),
        started.elapsed().as_secs_f64()
    );
    t.finish().await;
}
