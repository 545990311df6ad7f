use crate::error::AppError;
use leptos::prelude::*;

/// Owners: which of the client's fields the task's provider may see.
/// `fields` always carries one empty entry, so that "none" can be sent.
#[server(endpoint = "set_disclosures")]
pub async fn set_disclosures(
    task_id: i64,
    fields: Vec<String>,
    confirm_sensitive: Option<String>,
) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::disclosure::set(
        &auth::database(),
        &owner,
        task_id,
        &fields,
        confirm_sensitive.is_some(),
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=disclosures&at={}",
        crate::auth::now_ms()
    ));
    Ok(())
}
