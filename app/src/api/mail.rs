//! Mail: the team's outbox, one's notification settings and digest.

use crate::error::AppError;
use handoff::MailOverview;
use handoff::NotifySettings;
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

/// Owners: sends a message that was given up on again, now.
#[server(endpoint = "retry_mail")]
pub async fn retry_mail(mail_id: i64) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::mail::retry(&auth::database(), &owner, mail_id, auth::now_ms()).await?;
    leptos_axum::redirect("/team?saved=mail#mail");
    Ok(())
}

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

/// Members: how they get each notification (`kinds[i]` gets `choices[i]`:
/// immediately, digest or off), the hour of their daily digest and the
/// language of their e-mail.
#[server(endpoint = "save_notifications")]
pub async fn save_notifications(
    kinds: Vec<String>,
    choices: Vec<String>,
    digest_hour: String,
    language: String,
) -> Result<(), AppError> {
    use crate::auth;
    let member = auth::member().await?;
    let pairs: Vec<(String, String)> = kinds.into_iter().zip(choices).collect();
    handoff_server::mail::preferences::save(
        &auth::database(),
        &member,
        &pairs,
        &digest_hour,
        &language,
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect("/account?saved=notifications#notifications-heading");
    Ok(())
}

/// Members: what waits for their daily digest, sent now.
#[server(endpoint = "send_digest_now")]
pub async fn send_digest_now() -> Result<(), AppError> {
    use crate::auth;
    let member = auth::member().await?;
    let sent =
        handoff_server::mail::digest::send_now(&auth::database(), &member, auth::now_ms()).await?;
    let saved = if sent { "digest" } else { "digest-empty" };
    leptos_axum::redirect(&format!("/account?saved={saved}#notifications-heading"));
    Ok(())
}
