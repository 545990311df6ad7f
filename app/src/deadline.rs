//! Every request is answered within a limit. A page render or a server
//! function that has not finished by then is dropped (its future, and with
//! it the render's reactive owner and whatever it awaited), logged with its
//! route and request id, and answered with a plain 503 that says what to do:
//! a person never stares at a tab that never finishes, and a connection is
//! never held until a proxy gives up.
//!
//! Pages render whole on the server (`SsrMode::Async`), so the limit covers
//! the render: the handler's future resolves only when the HTML is done.
//! An HTML body is still read within what is left of the limit, for the
//! one answer that streams (the not-found page of the file handler). The
//! event stream (`/events`) is the one request meant to stay open.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Duration;
use tokio::time::{timeout_at, Instant};

/// `HANDOFF_ANSWER_WITHIN`: how long any request may take to be answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AnswerWithin(pub Duration);

impl Default for AnswerWithin {
    fn default() -> Self {
        AnswerWithin(Duration::from_secs(10))
    }
}

pub use crate::error::REQUEST_ID;

/// The requests that are meant to stay open.
fn open_ended(path: &str) -> bool {
    path == "/events"
}

pub async fn answer_within(
    State(limit): State<AnswerWithin>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    if open_ended(&path) {
        return next.run(request).await;
    }
    let method = request.method().clone();
    let request_id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let deadline = Instant::now() + limit.0;
    let late = |stage: &str| {
        tracing::error!(
            %method,
            route = %path,
            request_id = %request_id,
            limit_ms = limit.0.as_millis() as u64,
            "{stage} did not finish within the limit: answered 503"
        );
        too_long(path.starts_with("/api/"))
    };
    let response = match timeout_at(deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => return late("the render"),
    };
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html {
        return response;
    }
    let (parts, body) = response.into_parts();
    match timeout_at(deadline, axum::body::to_bytes(body, 1 << 24)).await {
        Ok(Ok(bytes)) => Response::from_parts(parts, Body::from(bytes)),
        Ok(Err(_)) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        Err(_) => late("the page's body"),
    }
}

const TOO_LONG_MAIN: &str = r#"<div class="empty-state">
<h1>This page took too long</h1>
<p>Handoff did not finish this page in time. Nothing you saved is lost: try again in a moment.</p>
<p><a class="button" href="">Try again</a> <a class="button secondary" href="/">Go to your home page</a></p>
</div>"#;

/// 503 with `Retry-After`: a page in the app's frame, or, for a server
/// function, the error its caller already knows how to show.
fn too_long(server_function: bool) -> Response {
    let mut response = if server_function {
        let body = serde_json::to_string(&crate::error::AppError::Unavailable)
            .unwrap_or_else(|_| "\"Unavailable\"".into());
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            crate::plain_page::document("Took too long", "", TOO_LONG_MAIN),
        )
            .into_response()
    };
    let headers = response.headers_mut();
    headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use axum::Router;
    use tower::ServiceExt;

    fn app(limit: Duration, wait: Duration) -> Router {
        Router::new()
            .route(
                "/slow",
                get(move || async move {
                    tokio::time::sleep(wait).await;
                    "done"
                }),
            )
            .layer(axum::middleware::from_fn_with_state(
                AnswerWithin(limit),
                answer_within,
            ))
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_over_the_limit_is_answered_503_at_the_limit() {
        let started = Instant::now();
        let response = app(Duration::from_secs(10), Duration::from_secs(3600))
            .oneshot(Request::get("/slow").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(started.elapsed(), Duration::from_secs(10));
        let body = axum::body::to_bytes(response.into_body(), 1 << 20)
            .await
            .unwrap();
        assert!(String::from_utf8_lossy(&body).contains("This page took too long"));
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_within_the_limit_is_untouched() {
        let response = app(Duration::from_secs(10), Duration::from_secs(9))
            .oneshot(Request::get("/slow").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
    }

    #[test]
    fn a_server_function_gets_the_error_its_caller_shows() {
        let response = too_long(true);
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    }
}
