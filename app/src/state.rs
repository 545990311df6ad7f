//! What every request handler can reach: a leaf both the router and the
//! plain axum routes (downloads) depend on.

use crate::auth::{CookiePolicy, PublicUrl, TrustedProxies};
use crate::deadline::AnswerWithin;
use axum::extract::FromRef;
use handoff_server::live::Hub;
use handoff_server::{Database, PasswordHasher};
use leptos::prelude::LeptosOptions;

/// What every request handler can reach. Server functions get the database
/// through Leptos context (see `router`).
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Database,
    pub hasher: PasswordHasher,
    pub cookies: CookiePolicy,
    pub public_url: PublicUrl,
    /// `HANDOFF_TRUSTED_PROXY`: whose `X-Forwarded-For` names the client.
    pub trusted_proxies: TrustedProxies,
    /// This process's live-update hub (`GET /events`).
    pub live: Hub,
    /// `HANDOFF_ANSWER_WITHIN`: the most any request may take
    /// (`crate::deadline`).
    pub answer_within: AnswerWithin,
    pub mail_folder: MailFolder,
}

/// The folder mail is written to instead of being delivered (no
/// `HANDOFF_SMTP_URL`), for the owners' mail overview; `None` with SMTP.
#[derive(Clone, Debug, Default)]
pub struct MailFolder(pub Option<String>);

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
