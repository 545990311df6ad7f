//! The one error type every server function returns. What reaches the
//! browser is a sentence that tells a person what to do next; the detail is
//! logged on the server.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Storage failed; the request may work a moment later.
    #[error("Handoff could not reach its database. Please try again in a minute.")]
    Unavailable,
    /// The request never got a proper answer: offline, timed out, or garbled.
    #[error("Handoff could not be reached. Check your connection and try again.")]
    Transport(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<handoff_server::Error> for AppError {
    fn from(error: handoff_server::Error) -> Self {
        tracing::error!(%error, "a use case failed");
        AppError::Unavailable
    }
}
