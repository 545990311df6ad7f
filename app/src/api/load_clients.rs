use crate::error::AppError;
use handoff::ClientPage;
use leptos::prelude::*;

/// Owners: a page of the client list, by name; `search` matches name, alias
/// or e-mail.
#[server(endpoint = "load_clients")]
pub async fn load_clients(search: String, page: u32) -> Result<ClientPage, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(handoff_server::clients::list(&auth::database(), &owner, &search, page).await?)
}
