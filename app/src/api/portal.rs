//! The client portal, and the owners' side of its link.

use crate::error::AppError;
use handoff::thread::PortalHome;
use handoff::thread::PortalLinkStatus;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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

/// The client in the portal: the business's name, their thread and the
/// tasks the owner chose to show, through the client lens.
#[server(endpoint = "load_portal")]
pub async fn load_portal() -> Result<PortalHome, AppError> {
    use crate::auth;
    let client = auth::portal_client().await?;
    Ok(handoff_server::portal::home(&auth::database(), &client, auth::now_ms()).await?)
}

/// The client in the portal: their thread read up to a message.
#[server(endpoint = "portal_mark_read")]
pub async fn portal_mark_read(up_to: i64) -> Result<(), AppError> {
    use crate::auth;
    let client = auth::portal_client().await?;
    Ok(handoff_server::portal::mark_read(&auth::database(), &client, up_to).await?)
}

/// The client in the portal: a message to the business.
#[server(endpoint = "portal_reply")]
pub async fn portal_reply(body: String) -> Result<(), AppError> {
    use crate::auth;
    let client = auth::portal_client().await?;
    handoff_server::portal::reply(&auth::database(), &client, &body, auth::now_ms()).await?;
    leptos_axum::redirect(&format!("/portal?saved=sent&at={}#thread", auth::now_ms()));
    Ok(())
}

/// The client in the portal: ends this portal session. Without one it only
/// clears the cookie.
#[server(endpoint = "portal_sign_out")]
pub async fn portal_sign_out() -> Result<(), AppError> {
    use crate::auth;
    if let Ok(client) = auth::portal_client().await {
        handoff_server::portal::sign_out(&auth::database(), &client).await?;
    }
    auth::clear_portal_cookie();
    leptos_axum::redirect("/portal/signed-out");
    Ok(())
}

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

/// Owners: the client's link stops working, and so do their portal sessions.
#[server(endpoint = "revoke_portal_link")]
pub async fn revoke_portal_link(client_id: i64) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::portal::revoke_link(&auth::database(), &owner, client_id, auth::now_ms())
        .await?;
    leptos_axum::redirect(&format!(
        "/clients/{client_id}?saved=revoked&at={}#portal-link",
        auth::now_ms()
    ));
    Ok(())
}

/// A client's portal link as the owner's page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalLinkView {
    pub status: PortalLinkStatus,
    /// A link this owner just made, shown once (the page after a form
    /// posted without JavaScript).
    pub new_link: Option<String>,
}

/// Owners: the state of a client's private portal link.
#[server(endpoint = "load_portal_link")]
pub async fn load_portal_link(client_id: i64) -> Result<PortalLinkView, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let status =
        handoff_server::portal::link_status(&auth::database(), &owner, client_id, auth::now_ms())
            .await?;
    let new_link = match status {
        PortalLinkStatus::Live { .. } => auth::take_new_portal_link(client_id),
        _ => None,
    };
    Ok(PortalLinkView { status, new_link })
}

/// Owners: whether a task's status shows in its client's portal.
#[server(endpoint = "show_in_portal")]
pub async fn show_in_portal(task_id: i64, show: String) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::portal::show_task(
        &auth::database(),
        &owner,
        task_id,
        show == "yes",
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=portal&at={}",
        auth::now_ms()
    ));
    Ok(())
}
