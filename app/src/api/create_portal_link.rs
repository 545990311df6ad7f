use crate::error::AppError;
use leptos::prelude::*;

/// Owners: a new private link for the client (any older one stops
/// working). The answer carries it, shown once; it never travels in a URL.
/// With `by_mail`, it is also e-mailed to the client's address, from the
/// business.
#[server(endpoint = "create_portal_link")]
pub async fn create_portal_link(
    client_id: i64,
    #[server(default)] by_mail: Option<String>,
) -> Result<String, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let db = auth::database();
    let mailed = by_mail.is_some_and(|v| !v.is_empty());
    let link = if mailed {
        handoff_server::portal::mail_link(&db, &owner, client_id, auth::now_ms()).await?
    } else {
        handoff_server::portal::create_link(&db, &owner, client_id, auth::now_ms()).await?
    };
    let url = format!("{}/p/{}", auth::public_url(), link.token);
    // A mailed link is not shown again: it went to the client only.
    if !mailed {
        auth::keep_new_portal_link(client_id, &url);
    }
    let saved = if mailed { "mailed" } else { "link" };
    leptos_axum::redirect(&format!(
        "/clients/{client_id}?saved={saved}&at={}#portal-link",
        auth::now_ms()
    ));
    Ok(url)
}
