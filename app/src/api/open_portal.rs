use crate::error::AppError;
use leptos::prelude::*;

/// Anyone holding a client's link: exchanges it for a portal session
/// (throttled per address) and goes to `/portal`. A link that no longer
/// works goes to the page that says so (its own URL, so the token does not
/// stay in the address bar or the history).
#[server(endpoint = "open_portal")]
pub async fn open_portal(token: String) -> Result<(), AppError> {
    use crate::auth;
    // A browser that already holds this client's live session keeps it.
    let current = auth::portal_cookie_token();
    let outcome = handoff_server::portal::exchange_or_resume(
        &auth::database(),
        token.trim(),
        current.as_deref(),
        &auth::client_address(),
        auth::now_ms(),
    )
    .await;
    match outcome {
        Ok(session) => {
            auth::set_portal_cookie(&session);
            leptos_axum::redirect("/portal");
            Ok(())
        }
        Err(handoff_server::Error::LinkNoLongerWorks) => {
            leptos_axum::redirect("/portal/link-expired");
            Ok(())
        }
        // The link's page sends no Referer, so an error could not find its
        // way back to it: the refusal has its own page too.
        Err(handoff_server::Error::Throttled(_)) => {
            leptos_axum::redirect("/portal/link-expired?busy=1");
            Ok(())
        }
        Err(other) => Err(other.into()),
    }
}
