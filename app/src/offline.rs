//! Handoff without a connection (R6): the service worker (`/sw.js`), the
//! page it shows when a page cannot be fetched (`/offline`), and which
//! pages it may keep for an offline reload.
//!
//! The worker precaches the build (every file under `pkg/`, the shell's
//! CSS and JS, the wasm and its chunks) under a cache named by a digest of
//! those files, so a new deploy is a new worker with a new cache and the
//! old one is deleted. It fetches everything network first and answers
//! from its caches only when the network fails, so a page and its wasm
//! never come from two different deploys.
//!
//! Pages are kept only when the server says so (`X-Handoff-Offline: keep`):
//! a provider's "My tasks" and task pages, as the provider lens made them,
//! and a client's portal. A navigation answered with `forget` (nobody
//! signed in, an owner, the sign-in page) drops every kept page, as does
//! the page's own script when it finds nobody signed in.

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::OnceLock;

/// The header a navigation's answer carries for the worker.
pub const HEADER: &str = "x-handoff-offline";

/// What the worker must do with a page. `None`: not its business.
pub fn page_rule(path: &str, provider: bool, portal: bool) -> Option<&'static str> {
    let path = path.trim_end_matches('/');
    let keepable_by_provider = path == "/tasks"
        || path
            .strip_prefix("/tasks/")
            .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()));
    if keepable_by_provider {
        return Some(if provider { "keep" } else { "forget" });
    }
    if path == "/portal" {
        return Some(if portal { "keep" } else { "forget" });
    }
    if path == "/login" || path.starts_with("/portal/") {
        return Some("forget");
    }
    None
}

/// Marks pages for the worker (see [`page_rule`]) and, on the way in,
/// those that go out without the browser build ([`crate::plain_page`]):
/// both depend on whether a provider is asking, looked up once here.
pub async fn mark_pages(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    // The worker's own fetch of a kept page, to refresh it, is read as a
    // navigation: the page it gets is the one a navigation would.
    let navigation = request
        .headers()
        .get("sec-fetch-mode")
        .is_some_and(|m| m == "navigate")
        || request.headers().contains_key("x-handoff-refresh");
    let path = request.uri().path().to_string();
    let provider = if crate::paths::is_under(&path, &["/tasks"]) {
        crate::auth::Door::of_request(&state, &mut request)
            .provider()
            .await
            .ok()
    } else {
        None
    };
    let headers = request.headers();
    // A task page is kept only while it is the provider's own open task.
    let closed_task = match (&provider, task_id(&path)) {
        (Some(p), Some(id)) if navigation => !handoff_server::task::keeps_offline(&state.db, p, id)
            .await
            .unwrap_or(false),
        _ => false,
    };
    let provider = provider.is_some();
    let portal = navigation
        && path == "/portal"
        && crate::auth::Door::of(&state, headers)
            .portal_client()
            .await
            .is_ok();
    if crate::plain_page::is_plain(&path, provider) {
        request
            .extensions_mut()
            .insert(crate::plain_page::PlainPage);
    }
    let rule = match page_rule(&path, provider, portal) {
        _ if !navigation => None,
        Some("keep") if closed_task => Some("drop"),
        rule => rule,
    };
    let mut response = next.run(request).await;
    let kept = response.status().is_success() || rule != Some("keep");
    if let (Some(rule), true) = (rule, kept) {
        let value = if rule == "keep" {
            HeaderValue::from_static(KEEP)
        } else {
            HeaderValue::from_static(rule)
        };
        response.headers_mut().insert(HEADER, value);
    }
    response
}

/// How long a kept page may be read offline: no longer than the session
/// that fetched it could stay unused (30 minutes for members and portal
/// clients alike), so a copy never outlives the session it came from.
pub const KEEP: &str = "keep; for=1800";

fn task_id(path: &str) -> Option<i64> {
    path.trim_end_matches('/')
        .strip_prefix("/tasks/")
        .and_then(|id| id.parse().ok())
}

/// `GET /sw.js`: the worker, with this build's file list and digest.
pub async fn service_worker(State(state): State<AppState>) -> Response {
    static SCRIPT: OnceLock<String> = OnceLock::new();
    let script = SCRIPT.get_or_init(|| {
        let root = Path::new(state.leptos_options.site_root.as_ref());
        let pkg = state.leptos_options.site_pkg_dir.as_ref();
        worker_script(&build_files(root, pkg))
    });
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
            // The worker's own fetches are its policy's: this origin only.
            (header::CONTENT_SECURITY_POLICY, "default-src 'self'"),
        ],
        script.clone(),
    )
        .into_response()
}

/// Every file of the build, as (URL path, digest of its bytes), sorted.
fn build_files(root: &Path, pkg: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let dir = root.join(pkg);
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            // Brotli and gzip twins are the same files, already covered.
            if name.ends_with(".br") || name.ends_with(".gz") || !entry.path().is_file() {
                continue;
            }
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            files.push((format!("/{pkg}/{name}"), hex(&Sha256::digest(&bytes)[..8])));
        }
    }
    if root.join("favicon.ico").is_file() {
        files.push(("/favicon.ico".into(), String::new()));
    }
    // Every page's own script: kept too, so a page read offline runs it.
    if let Ok(bytes) = std::fs::read(root.join("device.js")) {
        files.push(("/device.js".into(), hex(&Sha256::digest(&bytes)[..8])));
    }
    files.sort();
    files
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn worker_script(files: &[(String, String)]) -> String {
    let mut digest = Sha256::new();
    for (path, hash) in files {
        digest.update(path.as_bytes());
        digest.update(hash.as_bytes());
    }
    let version = hex(&digest.finalize()[..8]);
    let list = files
        .iter()
        .map(|(path, _)| format!("{path:?}"))
        .chain(["\"/offline\"".to_string()])
        .collect::<Vec<_>>()
        .join(",");
    WORKER
        .replace("__VERSION__", &version)
        .replace("__FILES__", &list)
}

const WORKER: &str = include_str!("offline_worker.js");

/// `GET /offline`: what the worker shows for a page it cannot fetch and
/// has not kept. It holds no one's data.
pub async fn offline_page() -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        crate::plain_page::document("Offline", r#" data-offline-page="true""#, OFFLINE_MAIN),
    )
        .into_response()
}

const OFFLINE_MAIN: &str = r#"<div class="empty-state">
<h1>You are offline</h1>
<p>This page has not been opened on this device while online, so there is no copy of it here.</p>
<p>Drafts you typed in Handoff are kept on this device and are sent when the connection returns. Your task list and the tasks you opened recently can be read offline.</p>
<p><a class="button" href="/tasks">Open my tasks</a> <a class="button secondary" href="">Try again</a></p>
</div>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_providers_task_pages_and_the_portal_are_kept() {
        assert_eq!(page_rule("/tasks", true, false), Some("keep"));
        assert_eq!(page_rule("/tasks/42", true, false), Some("keep"));
        assert_eq!(page_rule("/tasks/42/", true, false), Some("keep"));
        assert_eq!(page_rule("/tasks", false, false), Some("forget"));
        assert_eq!(page_rule("/tasks/new", true, false), None);
        assert_eq!(page_rule("/tasks/4x", true, false), None);
        assert_eq!(page_rule("/portal", false, true), Some("keep"));
        assert_eq!(page_rule("/portal", true, false), Some("forget"));
        assert_eq!(
            page_rule("/portal/signed-out", false, false),
            Some("forget")
        );
        assert_eq!(page_rule("/login", true, false), Some("forget"));
        // A kept page lives no longer than an unused session.
        assert_eq!(
            super::KEEP,
            format!("keep; for={}", handoff_server::session::IDLE_MS / 1000)
        );
        assert_eq!(super::task_id("/tasks/42/"), Some(42));
        assert_eq!(super::task_id("/tasks"), None);
        assert_eq!(page_rule("/clients", true, false), None);
        assert_eq!(page_rule("/", true, false), None);
    }

    #[test]
    fn the_worker_names_every_build_file_and_changes_with_them() {
        let dir = std::env::temp_dir().join(format!("handoff-sw-{}", std::process::id()));
        let pkg = dir.join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(pkg.join("handoff.wasm"), b"one").unwrap();
        std::fs::write(pkg.join("handoff.wasm.br"), b"compressed").unwrap();
        std::fs::write(pkg.join("chunk_1.wasm"), b"two").unwrap();
        let first = worker_script(&build_files(&dir, "pkg"));
        assert!(first.contains("\"/pkg/handoff.wasm\""), "{first}");
        assert!(first.contains("\"/pkg/chunk_1.wasm\""));
        assert!(first.contains("\"/offline\""));
        assert!(!first.contains(".br\""));
        std::fs::write(pkg.join("chunk_1.wasm"), b"changed").unwrap();
        let second = worker_script(&build_files(&dir, "pkg"));
        let version = |s: &str| {
            s.lines()
                .find(|l| l.contains("const VERSION"))
                .unwrap()
                .to_string()
        };
        assert_ne!(version(&first), version(&second));
        // The page script is kept, and a new one is a new version too.
        std::fs::write(dir.join("device.js"), b"one").unwrap();
        let third = worker_script(&build_files(&dir, "pkg"));
        assert!(third.contains("\"/device.js\""));
        std::fs::write(dir.join("device.js"), b"two").unwrap();
        let fourth = worker_script(&build_files(&dir, "pkg"));
        assert_ne!(version(&third), version(&fourth));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
