use crate::error::AppError;
use leptos::prelude::*;

/// Owners: a new task; opens its page, where disclosures are chosen.
#[server(endpoint = "create_task")]
pub async fn create_task(
    title: String,
    instructions: String,
    client_id: String,
    assignee_id: String,
    criteria: String,
    outcome_kind: String,
    outcome_target: String,
    priority: String,
    due: String,
    due_next_morning: Option<String>,
    price_kind: String,
    price: String,
    bonus: String,
) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let input = handoff::TaskInput {
        title,
        instructions,
        client_id,
        assignee_id,
        criteria,
        outcome_kind,
        outcome_target,
        priority,
        due,
        due_next_morning: due_next_morning.unwrap_or_default(),
        price_kind,
        price,
        bonus,
    };
    let id =
        handoff_server::task::create(&auth::database(), &owner, &input, auth::now_ms()).await?;
    leptos_axum::redirect(&format!(
        "/tasks/{id}?saved=created&at={}",
        crate::auth::now_ms()
    ));
    Ok(())
}
