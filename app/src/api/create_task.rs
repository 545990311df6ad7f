use crate::error::AppError;
use leptos::prelude::*;

/// Owners: a new task; opens its page, where disclosures are chosen.
#[server(endpoint = "create_task")]
pub async fn create_task(
    title: String,
    instructions: String,
    client_id: String,
    assignee_id: String,
) -> Result<(), AppError> {
    use crate::auth;
    let actor = auth::actor().await?;
    let input = handoff::TaskInput {
        title,
        instructions,
        client_id,
        assignee_id,
    };
    let id =
        handoff_server::tasks::create(&auth::database(), &actor, &input, auth::now_ms()).await?;
    leptos_axum::redirect(&format!(
        "/tasks/{id}?saved=created&at={}",
        crate::auth::now_ms()
    ));
    Ok(())
}
