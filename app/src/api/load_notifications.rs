use crate::error::AppError;
use handoff::NotifySettings;
use leptos::prelude::*;

/// Members: how they get each notification by e-mail, and their digest hour.
#[server(endpoint = "load_notifications")]
pub async fn load_notifications() -> Result<NotifySettings, AppError> {
    use crate::auth;
    let member = auth::member().await?;
    Ok(
        handoff_server::mail::preferences::settings(&auth::database(), &member, auth::now_ms())
            .await?,
    )
}
