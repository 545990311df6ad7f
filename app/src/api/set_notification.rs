use crate::error::AppError;
use leptos::prelude::*;

/// Members: turns one of their notifications on (`on` = "1") or off.
#[server(endpoint = "set_notification")]
pub async fn set_notification(kind: String, on: String) -> Result<(), AppError> {
    use crate::auth;
    let member = auth::member().await?;
    handoff_server::mail::preferences::set(
        &auth::database(),
        &member,
        &kind,
        on == "1",
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect("/account?saved=notifications#notifications-heading");
    Ok(())
}
