//! Builds the web server: configuration, database, routes, layers.

use crate::auth::{CookiePolicy, PublicUrl};
use crate::config::Config;
pub use crate::state::AppState;
use crate::{shell, App};
use axum::http::HeaderName;
use axum::Router;
use handoff_server::{demo, Database, PasswordHasher};
use leptos::config::Env;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::OnceLock;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

/// Starts Handoff and serves until SIGINT or SIGTERM. The error is the one
/// line `main` prints before it exits.
pub async fn run() -> Result<(), String> {
    serve(prepare().await?, Router::new()).await
}

/// Configured, migrated and seeded: what serving needs, before it starts.
pub struct Prepared {
    config: Config,
    db: Database,
    state: AppState,
    live: handoff_server::live::Hub,
    mail: handoff_server::mail::Transport,
}

impl Prepared {
    pub fn database(&self) -> &Database {
        &self.db
    }
}

/// Reads the configuration, opens and migrates the database, seeds the
/// demo data when asked.
pub async fn prepare() -> Result<Prepared, String> {
    let config = Config::from_env().map_err(|e| format!("cannot start: {e}"))?;
    init_tracing(&config.log_filter);
    config
        .check_site_root()
        .map_err(|e| format!("cannot start: {e}"))?;
    let key = config
        .secret_key
        .load()
        .map_err(|e| one_line(format!("cannot start: {e}")))?;
    handoff_server::secrets::install(key);

    let db = Database::connect(&config.database).await.map_err(|e| {
        one_line(format!(
            "cannot open the database at DATABASE_URL={}: {}",
            config.database.redacted(),
            e.chain()
        ))
    })?;
    db.migrate().await.map_err(|e| {
        one_line(format!(
            "cannot bring the database schema up to date: {}",
            e.chain()
        ))
    })?;
    crate::auth::set_process_database(&db);
    // Secrets stored before sealing existed are sealed now; one that does
    // not open means the key is not the one they were sealed with.
    let sealed = handoff_server::two_factor::seal_plaintext_secrets(&db)
        .await
        .map_err(|e| one_line(format!("cannot start: HANDOFF_SECRET_KEY: {}", e.chain())))?;
    if sealed > 0 {
        tracing::info!(
            members = sealed,
            "sealed two-factor secrets stored in plain text"
        );
    }
    // Each hash holds 19 MiB for ~50 ms: a few at once keep a burst of
    // sign-ins from starving the machine.
    let hasher = PasswordHasher::new(4);
    if config.seed_demo
        && demo::seed_if_empty(&db, &hasher, now_ms())
            .await
            .map_err(|e| one_line(format!("cannot seed the demo data: {}", e.chain())))?
    {
        tracing::info!("seeded the demo data into an empty database");
    }

    let leptos_options = LeptosOptions::builder()
        .output_name("handoff")
        .site_root(config.site_root.to_string_lossy().as_ref())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .env(if cfg!(debug_assertions) {
            Env::DEV
        } else {
            Env::PROD
        })
        .build();
    let live = handoff_server::live::Hub::new(&db);
    handoff_server::mail::set_public_url(&config.public_url);
    handoff_server::mail::set_batch_window(i64::from(config.mail.batch_seconds) * 1000);
    let mail = config
        .mail
        .transport()
        .map_err(|e| one_line(format!("cannot start: {e}")))?;
    if let Some(folder) = mail.folder_path() {
        tracing::warn!(
            folder = %folder.display(),
            "mail is not delivered: no HANDOFF_SMTP_URL, so messages are written to this folder"
        );
    }
    let state = AppState {
        leptos_options,
        db: db.clone(),
        hasher,
        cookies: CookiePolicy {
            secure: config.public_url.starts_with("https://"),
        },
        public_url: PublicUrl(config.public_url.clone()),
        trusted_proxies: config.trusted_proxies.clone(),
        live: live.clone(),
        answer_within: config.answer_within,
        mail_folder: crate::state::MailFolder(mail.folder_path().map(|p| p.display().to_string())),
    };
    Ok(Prepared {
        config,
        db,
        state,
        live,
        mail,
    })
}

/// Serves Handoff's routes and `extra` (the bench's baseline) until SIGINT
/// or SIGTERM.
pub async fn serve(prepared: Prepared, extra: Router) -> Result<(), String> {
    let Prepared {
        config,
        db,
        state,
        live,
        mail,
    } = prepared;
    let looks = handoff_server::lens::LookWriter::spawn(&db);
    let upkeep = handoff_server::upkeep::Upkeep::spawn(&db, mail, now_ms);
    let app = extra.merge(router(state));
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on HANDOFF_ADDR={}: {e}", config.addr))?;
    tracing::info!(
        database = %config.database.redacted(),
        "Handoff is listening on http://{}",
        config.addr
    );
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    // Open event streams never end by themselves: closing the hub ends
    // them, so the graceful shutdown can finish.
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        live.close();
    })
    .await
    .map_err(|e| format!("the server stopped: {e}"))?;
    looks.close().await;
    upkeep.close().await;
    db.close().await;
    Ok(())
}

/// The app's routes, listed once per process.
///
/// Listing them renders the whole app once with every resource held
/// pending, through a flag that is global to the process
/// (`leptos_server`'s `SuppressResourceLoad`): a resource that another
/// render first polls while a listing runs waits forever, and that render
/// never finishes (leptos#4773). Listing once, before any router exists to
/// serve a render, makes that impossible however many routers a process
/// builds (tests, two app servers in one process).
pub fn routes() -> &'static [AxumRouteListing] {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App))
}

pub fn router(state: AppState) -> Router {
    let routes = routes().to_vec();
    let context = {
        let (db, hasher, cookies) = (state.db.clone(), state.hasher.clone(), state.cookies);
        let public_url = state.public_url.clone();
        let proxies = state.trusted_proxies.clone();
        let mail_folder = state.mail_folder.clone();
        move || {
            provide_context(db.clone());
            provide_context(hasher.clone());
            provide_context(cookies);
            provide_context(public_url.clone());
            provide_context(proxies.clone());
            provide_context(mail_folder.clone());
            provide_context(crate::auth::SessionMemo::of_this_request());
        }
    };
    let app_shell = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    Router::new()
        .route("/healthz", axum::routing::get(crate::health::healthz))
        .route("/events", axum::routing::get(crate::events::events))
        .route("/sw.js", axum::routing::get(crate::offline::service_worker))
        .route("/offline", axum::routing::get(crate::offline::offline_page))
        .route(
            "/unsubscribe/{recipient}/{kind}/{tag}",
            axum::routing::get(crate::unsubscribe::page_for).post(crate::unsubscribe::confirm),
        )
        .route(
            "/audit/export.csv",
            axum::routing::post(crate::export::audit_csv),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), app_shell)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::owners_only::refuse_providers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::offline::mark_pages,
        ))
        // Inside the guard, so a late answer carries its headers too.
        .layer(axum::middleware::from_fn_with_state(
            state.answer_within,
            crate::deadline::answer_within,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.cookies.secure,
            crate::guard::guard,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID_HEADER))
        .layer(SetRequestIdLayer::new(REQUEST_ID_HEADER, MakeRequestUuid))
        .with_state(state)
}

const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static(crate::deadline::REQUEST_ID);

/// One span per request, named by its method, route and id, so every line
/// a request logs (a failed use case, a render over its limit) can be
/// found with the others of the same request.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let id = request
        .headers()
        .get(crate::deadline::REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    tracing::info_span!(
        "request",
        method = %request.method(),
        route = %request.uri().path(),
        request_id = %id,
    )
}

fn init_tracing(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(crate::config::DEFAULT_LOG));
    tracing_subscriber::fmt().with_env_filter(filter).init();
}

fn one_line(text: String) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

use crate::auth::now_ms;

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down");
}
