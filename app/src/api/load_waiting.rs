use crate::error::AppError;
use handoff::Waiting;
use leptos::prelude::*;

/// Members: what waits for them, for the counts beside the navigation.
#[server(endpoint = "load_waiting")]
pub async fn load_waiting() -> Result<Waiting, AppError> {
    use crate::auth;
    let member = auth::member().await?;
    Ok(handoff_server::task::waiting(&auth::database(), &member, auth::now_ms()).await?)
}
