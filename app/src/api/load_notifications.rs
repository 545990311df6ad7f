use crate::error::AppError;
use handoff::NotifySetting;
use leptos::prelude::*;

/// Members: the notifications they get by e-mail, each on or off.
#[server(endpoint = "load_notifications")]
pub async fn load_notifications() -> Result<Vec<NotifySetting>, AppError> {
    use crate::auth;
    let member = auth::member().await?;
    Ok(handoff_server::mail::preferences::settings(&auth::database(), &member).await?)
}
