//! One-click unsubscribe (RFC 8058), without a sign-in: the link in a
//! notification's `List-Unsubscribe` header and at its foot. `GET` only
//! shows a button (mail scanners open links); `POST` — the button, or the
//! mail program's own one click — turns that kind of notification off.

use crate::auth::now_ms;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

fn page(status: StatusCode, main: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        crate::plain_page::document("E-mail notifications", "", &main),
    )
        .into_response()
}

fn no_longer_works() -> Response {
    page(
        StatusCode::NOT_FOUND,
        r#"<section class="card narrow"><h1>This link does not work</h1><p>It may have been copied only in part. Use the link at the foot of the e-mail again, or change your notifications in your account settings.</p></section>"#.into(),
    )
}

/// `GET /unsubscribe/{recipient}/{kind}/{tag}`: what the link turns off,
/// and a button to do it.
pub async fn page_for(Path((recipient, kind, tag)): Path<(String, String, String)>) -> Response {
    match handoff_server::mail::preferences::unsubscribe_preview(&recipient, &kind, &tag) {
        // Every part of the path was checked against the tag: only our own
        // words and the path we made go into the page.
        Ok(said) => page(
            StatusCode::OK,
            format!(
                r#"<section class="card narrow"><h1>Stop these e-mails?</h1><p>You get an e-mail when: <strong>{said}</strong>.</p><form method="post" action="/unsubscribe/{recipient}/{kind}/{tag}"><button type="submit" class="button">Turn these e-mails off</button></form></section>"#
            ),
        ),
        Err(_) => no_longer_works(),
    }
}

/// `POST /unsubscribe/{recipient}/{kind}/{tag}`: turns it off.
pub async fn confirm(
    State(state): State<AppState>,
    Path((recipient, kind, tag)): Path<(String, String, String)>,
) -> Response {
    match handoff_server::mail::preferences::unsubscribe(
        &state.db,
        &recipient,
        &kind,
        &tag,
        now_ms(),
    )
    .await
    {
        Ok(said) => page(
            StatusCode::OK,
            format!(
                r#"<section class="card narrow" data-unsubscribed="true"><h1>Done: no more of these e-mails</h1><p>You will no longer get an e-mail when: <strong>{said}</strong>. Members can turn it on again in their account settings.</p></section>"#
            ),
        ),
        Err(handoff_server::Error::LinkNoLongerWorks) => no_longer_works(),
        Err(e) => {
            tracing::error!(error = %e.chain(), "unsubscribe failed");
            page(
                StatusCode::SERVICE_UNAVAILABLE,
                r#"<section class="card narrow"><h1>That did not work this time</h1><p>Nothing was changed. Try the button again in a minute.</p></section>"#.into(),
            )
        }
    }
}
