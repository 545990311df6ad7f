//! The one error type every server function returns. What reaches the
//! browser is a sentence that tells a person what to do next; the detail is
//! logged on the server.

use handoff::FieldError;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// The header that names a request in the logs and in the answer.
pub const REQUEST_ID: &str = "x-request-id";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Some fields need attention: see the messages beside them.")]
    Invalid(Vec<FieldError>),
    #[error("Your session has ended. Sign in again to continue.")]
    Unauthenticated,
    #[error("You don't have access to this. Ask an owner of your workspace if you need it.")]
    Forbidden,
    #[error("We couldn't find that. It may have been removed, or the link is out of date.")]
    NotFound,
    #[error("That e-mail and password don't match an active account. Check both and try again.")]
    SignInRefused,
    #[error("Your workspace requires two-factor sign-in for owners. Set it up on your account page to continue.")]
    TwoFactorSetupRequired,
    /// The change started from an older version than the one stored now.
    #[error("Someone else saved this while you were editing, so your change was not applied. Your text is still in the form: copy it, reload the page to see their version, then apply your change again.")]
    Conflict,
    /// A client's portal link that is unknown, revoked or expired.
    #[error("This link no longer works. Ask the business that sent it for a new one.")]
    LinkNoLongerWorks,
    #[error("Too many failed sign-ins. Wait {0} minutes, then try again.")]
    Throttled(i64),
    /// Messages sent faster than a person writes them.
    #[error("You have sent many messages in a short time. Wait {0} minutes, then send this one again: your text is still in the box.")]
    TooManyMessages(i64),
    /// A request the server could not read (a field missing or malformed):
    /// never the decoder's own words.
    #[error("Something in this request was missing or could not be read. Reload the page and try again.")]
    Malformed,
    /// A state-changing request from another site, or without a session.
    #[error(
        "This request came from outside Handoff and was refused. Reload the page and try again."
    )]
    ForeignRequest,
    /// Storage failed; the request may work a moment later.
    #[error("Handoff could not reach its database. Please try again in a minute.")]
    Unavailable,
    /// The request never got a proper answer: offline, timed out, or garbled.
    #[error("Handoff could not be reached. Check your connection and try again.")]
    Transport(String),
}

impl AppError {
    /// The same error with field `from` named `to`: for a form whose field
    /// has another name than the use case's (two message boxes on a page).
    pub fn rename(self, from: &str, to: &str) -> Self {
        match self {
            AppError::Invalid(fields) => AppError::Invalid(
                fields
                    .into_iter()
                    .map(|mut f| {
                        if f.field == from {
                            f.field = to.to_string();
                        }
                        f
                    })
                    .collect(),
            ),
            other => other,
        }
    }

    /// The message for one form field, if this error has one.
    pub fn field(&self, name: &str) -> Option<String> {
        match self {
            AppError::Invalid(fields) => fields
                .iter()
                .find(|f| f.field == name)
                .map(|f| f.message.clone()),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Encodes the error for the browser, and gives the answer the status
    /// that says what happened (422 a form to correct, 401 signed out, 409
    /// a conflict, …) instead of server functions' blanket 500, so logs,
    /// proxies and browsers can tell a typo from an outage. A plain form
    /// post (no JavaScript) keeps its redirect back to the form.
    ///
    /// Server only: overriding `ser` in the browser build too moved some
    /// 37 KB brotli of code into the main wasm chunk (wasm-split's
    /// placement), for nothing the browser needs.
    #[cfg(feature = "ssr")]
    fn ser(&self) -> leptos::server_fn::Bytes {
        self.answer_with_status();
        <Self::Encoder as leptos::server_fn::Encodes<Self>>::encode(self).unwrap_or_else(|_| {
            leptos::server_fn::Bytes::from_static(
                br#"{"Transport":"an error that could not be encoded"}"#,
            )
        })
    }

    /// On the server this is a request it could not read (a missing field,
    /// a bad encoding): the detail is logged, the person reads a sentence
    /// (serde's own words, ``missing field `search` ``, would tell them
    /// nothing and tell a prober the function's shape). In the browser it
    /// is a transport failure, shown as one.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        {
            tracing::warn!(error = %value, "a server function's request could not be read");
            AppError::Malformed
        }
        #[cfg(not(feature = "ssr"))]
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<handoff_server::Error> for AppError {
    fn from(error: handoff_server::Error) -> Self {
        use handoff_server::Error as E;
        let error = match error {
            E::Invalid(fields) => AppError::Invalid(fields),
            E::Unauthenticated => AppError::Unauthenticated,
            E::Forbidden => AppError::Forbidden,
            E::NotFound => AppError::NotFound,
            E::SignInRefused => AppError::SignInRefused,
            E::Throttled(minutes) => AppError::Throttled(minutes),
            E::TooManyMessages(minutes) => AppError::TooManyMessages(minutes),
            E::Conflict(_) => AppError::Conflict,
            E::TwoFactorSetupRequired => AppError::TwoFactorSetupRequired,
            E::LinkNoLongerWorks => AppError::LinkNoLongerWorks,
            other => {
                // Logged here, once, with the whole cause chain. A page's
                // server functions run in tasks of their own, outside the
                // request's span: the request id comes from the request.
                let request_id = leptos::prelude::use_context::<axum::http::request::Parts>()
                    .and_then(|parts| {
                        parts
                            .headers
                            .get(REQUEST_ID)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string)
                    })
                    .unwrap_or_default();
                tracing::error!(error = %other.chain(), %request_id, "a use case failed");
                AppError::Unavailable
            }
        };
        error
    }
}

impl AppError {
    /// The HTTP status a server function's error answers with, instead of
    /// a blanket 500: 422 for a form to correct, 409 for a conflict, …
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) | AppError::SignInRefused => 422,
            AppError::Unauthenticated | AppError::TwoFactorSetupRequired => 401,
            AppError::Forbidden | AppError::ForeignRequest => 403,
            AppError::NotFound => 404,
            AppError::LinkNoLongerWorks => 410,
            AppError::Conflict => 409,
            AppError::Throttled(_) | AppError::TooManyMessages(_) => 429,
            AppError::Malformed => 400,
            AppError::Unavailable | AppError::Transport(_) => 503,
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Sets this request's status from the error (see `ser`).
    fn answer_with_status(&self) {
        use leptos::prelude::use_context;
        let (Some(response), Some(parts)) = (
            use_context::<leptos_axum::ResponseOptions>(),
            use_context::<axum::http::request::Parts>(),
        ) else {
            return;
        };
        let plain_form = parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
        if let (false, Ok(status)) = (plain_form, axum::http::StatusCode::from_u16(self.status())) {
            response.set_status(status);
        }
    }

    /// The sentence a person reads: a form's messages, or the error's own.
    pub fn sentence(&self) -> String {
        match self {
            AppError::Invalid(fields) => fields
                .iter()
                .map(|f| f.message.clone())
                .collect::<Vec<_>>()
                .join(" "),
            other => other.to_string(),
        }
    }
}

/// Plain axum routes (downloads, the event stream) answer an error the way
/// server functions do: its status, its sentence.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = axum::http::StatusCode::from_u16(self.status())
            .unwrap_or(axum::http::StatusCode::SERVICE_UNAVAILABLE);
        (
            status,
            [(
                axum::http::header::CONTENT_TYPE,
                "text/plain; charset=utf-8",
            )],
            self.sentence(),
        )
            .into_response()
    }
}
