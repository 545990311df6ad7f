use crate::error::AppError;
use leptos::prelude::*;

/// The client in the portal: their thread read up to a message.
#[server(endpoint = "portal_mark_read")]
pub async fn portal_mark_read(up_to: i64) -> Result<(), AppError> {
    use crate::auth;
    let client = auth::portal_client().await?;
    Ok(handoff_server::portal::mark_read(&auth::database(), &client, up_to).await?)
}
