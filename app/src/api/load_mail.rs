use crate::error::AppError;
use handoff::MailOverview;
use leptos::prelude::*;

/// Owners: the workspace's mail — whether it is delivered, and what could
/// not be sent, with the reason.
#[server(endpoint = "load_mail")]
pub async fn load_mail() -> Result<MailOverview, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let folder = use_context::<crate::state::MailFolder>().and_then(|f| f.0);
    Ok(handoff_server::mail::overview(&auth::database(), &owner, folder, auth::now_ms()).await?)
}
