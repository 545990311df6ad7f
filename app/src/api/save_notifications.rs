use crate::error::AppError;
use leptos::prelude::*;

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
