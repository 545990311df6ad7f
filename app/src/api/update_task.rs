use crate::error::AppError;
use leptos::prelude::*;

/// Owners: saves a task's text, client and provider. `version` is the one
/// the edit started from; a newer one on the server refuses it.
#[server(endpoint = "update_task")]
pub async fn update_task(
    task_id: i64,
    version: i64,
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
    handoff_server::task::update(
        &auth::database(),
        &owner,
        task_id,
        version,
        &input,
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=task&at={}",
        crate::auth::now_ms()
    ));
    Ok(())
}
