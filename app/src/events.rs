//! `GET /events`: the live-update stream of one browser tab (server-sent
//! events). Hints only — `event: task`, `id: <seq>`, `data: {"id":7}` —
//! never text: the page re-fetches through its server functions. Two doors:
//! a member's session cookie (as for the downloads), else the client
//! portal's cookie, whose stream carries only that client's hints. A
//! `Last-Event-ID` replays what this subscriber may see after it (or sends
//! `resync`). The stream ends when the session does (sign-out, expiry, a
//! revoked portal link) or the server shuts down. Not compressed: tower-http's default predicate
//! leaves `text/event-stream` alone (a test checks it), so nothing buffers.

use crate::auth::{now_ms, Door};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use handoff::live::RESYNC;
use handoff_server::live::{Delivery, Subscriber, Subscription};
use handoff_server::{Actor, Database};
use std::convert::Infallible;
use std::time::Duration;

/// A comment line this often keeps proxies from closing an idle stream.
const KEEP_ALIVE: Duration = Duration::from_secs(20);
/// How long the browser waits before reconnecting after a drop.
const RETRY: Duration = Duration::from_secs(3);

pub async fn events(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let door = Door::of(&state, &headers);
    let (subscriber, session) = match door.member().await {
        Ok(member) => (
            Subscriber::member(&member),
            Session::Member(member.account().clone()),
        ),
        Err(AppError::Unauthenticated) => match door.portal_client().await {
            Ok((client, token)) => (Subscriber::portal(&client), Session::Portal(token)),
            Err(e) => return refused(e),
        },
        Err(e) => return refused(e),
    };
    let last_event_id = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .map(handoff_server::live::cursor::position);
    let subscription = match state.live.subscribe(subscriber, last_event_id).await {
        Ok(s) => s,
        Err(e) => return refused(AppError::from(e)),
    };
    let stream = Stream {
        db: state.db.clone(),
        session,
        subscription,
        check: tokio::time::interval(state.live.options().session_check),
        first: true,
    };
    let sse = Sse::new(futures_util::stream::unfold(stream, Stream::next))
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE));
    ([(header::CACHE_CONTROL, "no-store")], sse).into_response()
}

/// What keeps a stream open: the member's session, or the portal's.
enum Session {
    Member(Actor),
    Portal(String),
}

impl Session {
    /// `None` when the database could not say.
    async fn still_live(&self, db: &Database) -> Option<bool> {
        let now = now_ms();
        match self {
            Session::Member(actor) => handoff_server::session::still_live(db, actor, now)
                .await
                .map_err(
                    |e| tracing::warn!(error = %e.chain(), "could not check a stream's session"),
                )
                .ok(),
            // Read only: an open stream is no use of the portal, or a tab
            // left open would keep an unused portal session alive.
            Session::Portal(token) => {
                match handoff_server::portal::still_live(db, token, now).await {
                    Ok(live) => Some(live),
                    Err(e) => {
                        tracing::warn!(error = %e.chain(), "could not check a portal stream's session");
                        None
                    }
                }
            }
        }
    }
}

struct Stream {
    db: Database,
    session: Session,
    subscription: Subscription,
    check: tokio::time::Interval,
    first: bool,
}

impl Stream {
    async fn next(mut self) -> Option<(Result<Event, Infallible>, Stream)> {
        if std::mem::take(&mut self.first) {
            return Some((Ok(Event::default().retry(RETRY).comment("live")), self));
        }
        loop {
            tokio::select! {
                delivery = self.subscription.next() => {
                    let event = event(delivery?);
                    return Some((Ok(event), self));
                }
                _ = self.check.tick() => {
                    // The database away (`None`): keep the stream, check again.
                    if self.session.still_live(&self.db).await == Some(false) {
                        return None;
                    }
                }
            }
        }
    }
}

/// Ids are sealed positions (`live::cursor`): a bare number would tell
/// every member how busy the whole installation is.
fn event(delivery: Delivery) -> Event {
    use handoff_server::live::cursor;
    match delivery {
        Delivery::Event(e) => Event::default()
            .event(e.hint.kind.as_str())
            .id(cursor::id(e.seq))
            .data(format!("{{\"id\":{}}}", e.hint.object_id)),
        Delivery::Resync { seq } => {
            let event = Event::default().event(RESYNC).data("{}");
            match seq {
                Some(seq) => event.id(cursor::id(seq)),
                None => event,
            }
        }
    }
}

fn refused(e: AppError) -> Response {
    let status = match e {
        AppError::Unauthenticated | AppError::TwoFactorSetupRequired => StatusCode::UNAUTHORIZED,
        AppError::Forbidden => StatusCode::FORBIDDEN,
        _ => StatusCode::SERVICE_UNAVAILABLE,
    };
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        e.to_string(),
    )
        .into_response()
}
