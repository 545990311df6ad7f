//! Owners' pages refuse providers before anything of the page is made: a
//! provider who opens one gets HTTP 403 and a plain page that says so, with
//! no form or button of the page in it. The pages' server functions refuse
//! on their own as well; this decides what a provider's browser is sent.
//! Deciding here, not inside the rendered app, keeps the page's resources
//! out of a suspense that waits on who is asking (that stalled renders).

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The pages only owners may open (a path and everything below it), the
/// ones declared `lazy_page!(…, owners)` in `crate::pages`.
const OWNERS_PAGES: &[&str] = &["/clients", "/team", "/audit", "/tasks/new", "/relay"];

pub fn is_owners_page(path: &str) -> bool {
    crate::paths::is_under(path.trim_end_matches('/'), OWNERS_PAGES)
}

pub async fn refuse_providers(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let opens_page = matches!(*request.method(), Method::GET | Method::HEAD);
    if opens_page && is_owners_page(request.uri().path()) {
        let provider = crate::auth::Door::of_request(&state, &mut request)
            .provider()
            .await;
        if provider.is_ok() {
            return no_access();
        }
    }
    next.run(request).await
}

/// What the no-access page says, inside the app's frame
/// ([`crate::plain_page::document`]: no script, ready as sent).
const NO_ACCESS_MAIN: &str = r#"<div class="empty-state">
<h1>You don't have access to this page</h1>
<p>This page is for the owners of your workspace. If you need something from it, ask an owner.</p>
<p><a class="button" href="/">Go to your home page</a></p>
</div>"#;

fn no_access() -> Response {
    let mut response = (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        crate::plain_page::document("No access", "", NO_ACCESS_MAIN),
    )
        .into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::is_owners_page;

    #[test]
    fn owners_pages_are_told_apart_from_members_pages() {
        for p in [
            "/clients",
            "/clients/7",
            "/clients/new",
            "/team",
            "/audit",
            "/tasks/new",
            "/team/",
            "/relay",
        ] {
            assert!(is_owners_page(p), "{p}");
        }
        for p in [
            "/",
            "/tasks",
            "/tasks/42",
            "/account",
            "/clientsx",
            "/status",
            "/login",
        ] {
            assert!(!is_owners_page(p), "{p}");
        }
    }
}
