use crate::error::AppError;
use handoff::thread::PortalLinkStatus;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
