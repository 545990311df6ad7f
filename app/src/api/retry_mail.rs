use crate::error::AppError;
use leptos::prelude::*;

/// Owners: sends a message that was given up on again, now.
#[server(endpoint = "retry_mail")]
pub async fn retry_mail(mail_id: i64) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::mail::retry(&auth::database(), &owner, mail_id, auth::now_ms()).await?;
    leptos_axum::redirect("/team?saved=mail#mail");
    Ok(())
}
