use crate::error::AppError;
use leptos::prelude::*;

/// Any member: ends this session. Without a session it only clears the cookie.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::auth;
    if let Some(actor) = auth::optional_actor().await? {
        handoff_server::session::sign_out(&auth::database(), &actor).await?;
    }
    auth::clear_session_cookie();
    // The browser drops what it cached for this site; the page's script
    // removes Handoff's own keys (drafts, queued actions) from storage.
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            axum::http::HeaderName::from_static("clear-site-data"),
            axum::http::HeaderValue::from_static("\"cache\""),
        );
    }
    leptos_axum::redirect("/login");
    Ok(())
}
