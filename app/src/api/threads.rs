//! Team and client threads: messages, read marks, forwarding a client's words.

use crate::error::AppError;
use handoff::thread::ForwardPreview;
use handoff::thread::OwnerThread;
use handoff::thread::ProviderThread;
use leptos::prelude::*;

/// Owners: a message in a task's team thread (`task_id`) or a client's
/// thread (`client_id`); back to the page it was written on.
#[server(endpoint = "post_message")]
pub async fn post_message(
    #[server(default)] task_id: Option<i64>,
    #[server(default)] client_id: Option<i64>,
    body: String,
) -> Result<(), AppError> {
    use crate::auth;
    use handoff::thread::ThreadRef;
    let owner = auth::owner().await?;
    let (thread, page) = match (task_id, client_id) {
        (Some(task_id), None) => (ThreadRef::Team { task_id }, format!("/tasks/{task_id}")),
        (None, Some(client_id)) => (
            ThreadRef::Client { client_id },
            format!("/clients/{client_id}"),
        ),
        _ => return Err(AppError::NotFound),
    };
    handoff_server::thread::post(&auth::database(), &owner, thread, &body, auth::now_ms()).await?;
    leptos_axum::redirect(&format!(
        "{page}?saved=message&at={}#thread",
        auth::now_ms()
    ));
    Ok(())
}

/// The task's provider: a message to the owners in the team thread. The
/// page's script sends an `idempotency_key` (a message queued offline may
/// be sent twice when an answer is lost): a replay posts nothing, and the
/// page updates itself; the plain form (no key) is redirected.
#[server(endpoint = "provider_post")]
pub async fn provider_post(
    task_id: i64,
    body: String,
    idempotency_key: Option<String>,
) -> Result<(), AppError> {
    use crate::auth;
    let provider = auth::provider().await?;
    let db = auth::database();
    // With a key (the page's script, an action queued offline that may be
    // sent twice) the page updates itself; the plain form is redirected.
    let key = idempotency_key.filter(|k| !k.is_empty());
    handoff_server::thread::provider_post(
        &db,
        &provider,
        task_id,
        &body,
        key.as_deref(),
        auth::now_ms(),
    )
    .await?;
    if key.is_some() {
        return Ok(());
    }
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=message&at={}#thread",
        auth::now_ms()
    ));
    Ok(())
}

/// Owners: a task's team thread, with its relay requests.
#[server(endpoint = "load_team_thread")]
pub async fn load_team_thread(task_id: i64) -> Result<OwnerThread, AppError> {
    use crate::auth;
    use handoff::thread::ThreadRef;
    let owner = auth::owner().await?;
    let thread = ThreadRef::Team { task_id };
    Ok(handoff_server::thread::owner_thread(&auth::database(), &owner, thread).await?)
}

/// Owners: the conversation with a client (through their portal).
#[server(endpoint = "load_client_thread")]
pub async fn load_client_thread(client_id: i64) -> Result<OwnerThread, AppError> {
    use crate::auth;
    use handoff::thread::ThreadRef;
    let owner = auth::owner().await?;
    let thread = ThreadRef::Client { client_id };
    Ok(handoff_server::thread::owner_thread(&auth::database(), &owner, thread).await?)
}

/// The task's provider: its team thread and their relay requests, through
/// the provider lens.
#[server(endpoint = "load_provider_thread")]
pub async fn load_provider_thread(task_id: i64) -> Result<ProviderThread, AppError> {
    use crate::auth;
    let provider = auth::provider().await?;
    Ok(handoff_server::thread::provider_thread(
        &auth::database(),
        &provider,
        task_id,
        auth::now_ms(),
    )
    .await?)
}

/// Members: a thread read up to a message (the page that shows it calls
/// this as it opens). `task_id` for a team thread, `client_id` for a
/// client thread (owners).
#[server(endpoint = "mark_read")]
pub async fn mark_read(
    #[server(default)] task_id: Option<i64>,
    #[server(default)] client_id: Option<i64>,
    up_to: i64,
) -> Result<(), AppError> {
    use crate::auth;
    use handoff::thread::ThreadRef;
    let member = auth::member().await?;
    let thread = match (task_id, client_id) {
        (Some(task_id), None) => ThreadRef::Team { task_id },
        (None, Some(client_id)) => ThreadRef::Client { client_id },
        _ => return Err(AppError::NotFound),
    };
    Ok(handoff_server::thread::mark_read(&auth::database(), &member, thread, up_to).await?)
}

/// Owners: forwards a client's message (or `part` of it) to the team thread
/// of a task about that client, through the provider lens.
#[server(endpoint = "forward_message")]
pub async fn forward_message(
    client_id: i64,
    message_id: i64,
    task_id: i64,
    #[server(default)] part: String,
) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let part = Some(part.trim()).filter(|p| !p.is_empty());
    handoff_server::thread::forward(
        &auth::database(),
        &owner,
        message_id,
        task_id,
        part,
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/clients/{client_id}?saved=forwarded&at={}#thread",
        auth::now_ms()
    ));
    Ok(())
}

/// Owners: exactly what the task's provider will read if this client
/// message (or `part` of it) is forwarded, and what in it looks like a
/// contact detail in disguise.
#[server(endpoint = "preview_forward")]
pub async fn preview_forward(
    message_id: i64,
    task_id: i64,
    #[server(default)] part: String,
) -> Result<ForwardPreview, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let part = Some(part.trim()).filter(|p| !p.is_empty());
    Ok(handoff_server::thread::preview_forward(
        &auth::database(),
        &owner,
        message_id,
        task_id,
        part,
    )
    .await?)
}
