//! Owners' tasks: the board, a task's page and form, its disclosures and preview, the home pages.

use crate::error::AppError;
use handoff::preview::PreviewText;
use handoff::task::{Board, BoardFilter, BoardLayout};
use handoff::Dashboard;
use handoff::OwnerTask;
use handoff::TaskChoices;
use handoff::Waiting;
use leptos::prelude::*;

/// Owners: a new task; opens its page, where disclosures are chosen.
#[server(endpoint = "create_task")]
pub async fn create_task(task: handoff::TaskInput) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let input = task;
    let id =
        handoff_server::task::create(&auth::database(), &owner, &input, auth::now_ms()).await?;
    leptos_axum::redirect(&format!(
        "/tasks/{id}?saved=created&at={}",
        crate::auth::now_ms()
    ));
    Ok(())
}

/// Owners: saves a task's text, client and provider. `version` is the one
/// the edit started from; a newer one on the server refuses it.
#[server(endpoint = "update_task")]
pub async fn update_task(
    task_id: i64,
    version: i64,
    task: handoff::TaskInput,
) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let input = task;
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

/// Owners: cancels an open task; its disclosures end.
#[server(endpoint = "cancel_task")]
pub async fn cancel_task(task_id: i64, version: i64) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::task::cancel(&auth::database(), &owner, task_id, version, auth::now_ms())
        .await?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=cancelled&at={}",
        crate::auth::now_ms()
    ));
    Ok(())
}

/// Starts, resumes, declines (with a reason) or cancels a task, if the
/// caller's role and the task's state allow it. `version` is the one the
/// caller saw.
#[server(endpoint = "move_task")]
pub async fn move_task(
    task_id: i64,
    version: i64,
    step: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::auth;
    let member = auth::member().await?;
    handoff_server::task::move_task(
        &auth::database(),
        &member,
        task_id,
        version,
        &step,
        reason.as_deref().unwrap_or_default(),
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved={step}&at={}",
        auth::now_ms()
    ));
    Ok(())
}

/// Owners: the task board, filtered and paged.
#[server(endpoint = "load_board")]
pub async fn load_board(
    filter: BoardFilter,
    layout: BoardLayout,
    page: u32,
) -> Result<Board, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(handoff_server::task::board(
        &auth::database(),
        &owner,
        &filter,
        layout,
        page,
        auth::now_ms(),
    )
    .await?)
}

/// Owners: one task with its editor's choices.
#[server(endpoint = "load_owner_task")]
pub async fn load_owner_task(task_id: i64) -> Result<OwnerTask, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(
        handoff_server::task::owner_task(&auth::database(), &owner, task_id, auth::now_ms())
            .await?,
    )
}

/// Owners: the clients and providers a new task may name.
#[server(endpoint = "load_task_choices")]
pub async fn load_task_choices() -> Result<TaskChoices, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(handoff_server::task::choices(&auth::database(), &owner).await?)
}

/// Owners: the editor's live preview: each of `texts` as the provider of a
/// task for this client (and this task, once saved) will read it. The
/// server's provider lens makes it, so the preview is what the provider
/// gets, and the client's values stay on the server.
#[server(endpoint = "preview_task")]
pub async fn preview_task(
    task_id: Option<i64>,
    client_id: Option<i64>,
    #[server(default)] texts: Vec<String>,
) -> Result<Vec<PreviewText>, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(
        handoff_server::task::preview_texts(&auth::database(), &owner, task_id, client_id, &texts)
            .await?,
    )
}

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

/// Members: the home page of the caller's role (a provider's only through
/// the provider lens).
#[server(endpoint = "load_dashboard")]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    use crate::auth;
    let member = auth::member().await?;
    Ok(handoff_server::task::dashboard(&auth::database(), &member, auth::now_ms()).await?)
}

/// Members: what waits for them, for the counts beside the navigation.
#[server(endpoint = "load_waiting")]
pub async fn load_waiting() -> Result<Waiting, AppError> {
    use crate::auth;
    let member = auth::member().await?;
    Ok(handoff_server::task::waiting(&auth::database(), &member, auth::now_ms()).await?)
}
