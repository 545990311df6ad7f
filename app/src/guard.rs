//! What every response gets and every state-changing request must pass:
//! same-origin checks (Leptos adds no CSRF protection of its own), security
//! headers, and no caching of anything but the static build.

use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, HOST, ORIGIN, REFERRER_POLICY,
    STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// For responses that are not pages (pages send their own, with a nonce).
const FALLBACK_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The policy for HTML pages: scripts only from this origin or carrying
/// this response's nonce, wasm allowed to compile, nothing framed.
pub fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Behind https, browsers are told to use nothing else for a year.
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

/// `https`: whether Handoff is reached over TLS (`HANDOFF_PUBLIC_URL`), so
/// responses carry `Strict-Transport-Security`.
pub async fn guard(State(https): State<bool>, request: Request, next: Next) -> Response {
    let changes_state = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if changes_state && is_cross_site(request.headers()) {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
        return (
            StatusCode::FORBIDDEN,
            "This request came from another site and was refused. Open Handoff directly and try again.",
        )
            .into_response();
    }
    let cacheable = {
        let path = request.uri().path();
        path.starts_with("/pkg/") || path == "/favicon.ico"
    };
    // A client's private link (`/p/<token>`) must not leave in a Referer.
    let private_link = request.uri().path().starts_with("/p/");
    let mut response = page_policy(next.run(request).await).await;
    let headers = response.headers_mut();
    headers
        .entry(X_CONTENT_TYPE_OPTIONS)
        .or_insert(HeaderValue::from_static("nosniff"));
    // same-origin, not no-referrer: a form posted without JavaScript is sent
    // back to the page it came from by its Referer.
    if private_link {
        headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    }
    headers
        .entry(REFERRER_POLICY)
        .or_insert(HeaderValue::from_static("same-origin"));
    headers
        .entry(X_FRAME_OPTIONS)
        .or_insert(HeaderValue::from_static("DENY"));
    headers
        .entry(CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(FALLBACK_CSP));
    if !cacheable {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if https {
        headers.insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    response
}

/// A page whose render lost its own policy header (seen now and then on
/// async-rendered pages, where Leptos's response options went missing) still
/// gets the page policy, with the nonce its scripts carry, instead of the
/// fallback that would block its own scripts and styles.
async fn page_policy(response: Response) -> Response {
    let is_html = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html || response.headers().contains_key(CONTENT_SECURITY_POLICY) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 8 << 20).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let nonce = std::str::from_utf8(&bytes).ok().and_then(|html| {
        let start = html.find("nonce=\"")? + 7;
        let len = html[start..].find('"')?;
        let nonce = &html[start..start + len];
        nonce
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=-_".contains(&b))
            .then(|| nonce.to_string())
    });
    if let Some(value) = nonce.and_then(|n| HeaderValue::from_str(&page_csp(&n)).ok()) {
        tracing::debug!("a page came without its policy header; set it from its nonce");
        parts.headers.insert(CONTENT_SECURITY_POLICY, value);
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// A browser says where a request comes from in `Sec-Fetch-Site`, and older
/// ones in `Origin`. A state-changing request that carries neither is
/// refused too: every browser Handoff supports sends `Origin` with a POST,
/// and other clients (scripts, tests) must say where they come from.
fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    let host = headers.get(HOST).and_then(|v| v.to_str().ok());
    match (origin_host, host) {
        (Some(origin_host), Some(host)) => !origin_host.eq_ignore_ascii_case(host),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn same_origin_and_direct_requests_pass() {
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(!is_cross_site(&headers(&[("sec-fetch-site", "none")])));
        assert!(!is_cross_site(&headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000")
        ])));
    }

    #[test]
    fn a_request_that_says_nowhere_where_it_comes_from_is_refused() {
        assert!(is_cross_site(&headers(&[])));
        assert!(is_cross_site(&headers(&[("host", "127.0.0.1:3000")])));
    }

    #[test]
    fn other_sites_are_refused() {
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(is_cross_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(is_cross_site(&headers(&[
            ("origin", "null"),
            ("host", "127.0.0.1:3000")
        ])));
    }

    #[tokio::test]
    async fn a_page_without_its_policy_gets_one_with_its_own_nonce() {
        let page = |csp: Option<&'static str>| {
            let mut r = Response::new(axum::body::Body::from(
                "<html><script nonce=\"Ab3+/x=\">x</script></html>",
            ));
            r.headers_mut().insert(
                axum::http::header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            if let Some(csp) = csp {
                r.headers_mut()
                    .insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
            }
            r
        };
        let fixed = page_policy(page(None)).await;
        assert_eq!(
            fixed.headers()[CONTENT_SECURITY_POLICY],
            page_csp("Ab3+/x=").as_str()
        );
        let kept = page_policy(page(Some("default-src 'self'"))).await;
        assert_eq!(
            kept.headers()[CONTENT_SECURITY_POLICY],
            "default-src 'self'"
        );
    }
}
