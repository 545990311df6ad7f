//! The work loop: a provider's tasks, drafts, submissions, and the owner's review.
// A form posts its fields flat, so the server functions it names take them
// flat (the form's names are the arguments' names).
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use handoff::draft::Draft;
use handoff::draft::SaveOutcome;
use handoff::ProviderTask;
use handoff::ProviderTaskLine;
use leptos::prelude::*;

/// Providers: one of their tasks, with the client as alias plus what was
/// disclosed for it.
#[server(endpoint = "load_my_task")]
pub async fn load_my_task(task_id: i64) -> Result<ProviderTask, AppError> {
    use crate::auth;
    let provider = auth::provider().await?;
    Ok(
        handoff_server::task::provider_task(&auth::database(), &provider, task_id, auth::now_ms())
            .await?,
    )
}

/// Providers: the tasks assigned to them.
#[server(endpoint = "load_my_tasks")]
pub async fn load_my_tasks() -> Result<Vec<ProviderTaskLine>, AppError> {
    use crate::auth;
    let provider = auth::provider().await?;
    Ok(handoff_server::task::my_tasks(&auth::database(), &provider, auth::now_ms()).await?)
}

/// The task's provider hands in the work. `met` names the criteria ticked
/// (by index); it always carries one empty entry so that none can be sent.
/// The page's script sends an `idempotency_key` (a queued submission may be
/// sent twice when an answer is lost): then a replay answers as the first
/// request did, submits nothing, and the page moves on by itself; the plain
/// form (no key) is redirected.
#[server(endpoint = "submit_work")]
pub async fn submit_work(
    task_id: i64,
    version: i64,
    body: String,
    achieved: String,
    result_value: String,
    note: String,
    met: Vec<String>,
    idempotency_key: Option<String>,
) -> Result<(), AppError> {
    use crate::auth;
    let provider = auth::provider().await?;
    let input = handoff::submission::SubmissionInput {
        body,
        achieved,
        result_value,
        note,
        met: met.iter().filter_map(|m| m.parse().ok()).collect(),
    };
    let db = auth::database();
    // With a key (the page's script, an action queued offline that may be
    // sent twice) the page updates itself; the plain form is redirected.
    let key = idempotency_key.filter(|k| !k.is_empty());
    handoff_server::task::submit(
        &db,
        &provider,
        task_id,
        version,
        &input,
        key.as_deref(),
        auth::now_ms(),
    )
    .await?;
    if key.is_some() {
        return Ok(());
    }
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=submit&at={}",
        auth::now_ms()
    ));
    Ok(())
}

/// Owners: accept the submitted work or ask for changes, with a note per
/// criterion (in the task's order) and an optional process change.
#[server(endpoint = "review_work")]
pub async fn review_work(
    task_id: i64,
    version: i64,
    decision: Option<String>,
    feedback: Vec<String>,
    process_change: String,
) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    let decision = decision.unwrap_or_default();
    let input = handoff::submission::ReviewInput {
        decision: decision.clone(),
        // The first entry is the always-present empty one.
        feedback: feedback.into_iter().skip(1).collect(),
        process_change,
    };
    handoff_server::task::review(
        &auth::database(),
        &owner,
        task_id,
        version,
        &input,
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved={decision}&at={}",
        auth::now_ms()
    ));
    Ok(())
}

/// The task's provider: stores their draft on the server, based on the
/// version their text started from (0: none). A stale base answers
/// `Conflict` with the stored draft; nothing is overwritten.
#[server(endpoint = "save_draft")]
pub async fn save_draft(
    task_id: i64,
    kind: String,
    base_version: i64,
    body: String,
    achieved: String,
    result_value: String,
    note: String,
    met: Vec<String>,
) -> Result<SaveOutcome, AppError> {
    use crate::auth;
    use handoff::draft::{DraftContent, DraftKind};
    let provider = auth::provider().await?;
    let kind = DraftKind::parse(&kind).ok_or(AppError::NotFound)?;
    let content = DraftContent {
        body,
        achieved,
        result_value,
        note,
        met: met.iter().filter_map(|m| m.parse().ok()).collect(),
    };
    Ok(handoff_server::draft::save_draft(
        &auth::database(),
        &provider,
        task_id,
        kind,
        &content,
        base_version,
        auth::now_ms(),
    )
    .await?)
}

/// The task's provider: their draft stored on the server, if any (written
/// on another device, or before this browser's storage was cleared).
#[server(endpoint = "load_draft")]
pub async fn load_draft(task_id: i64, kind: String) -> Result<Option<Draft>, AppError> {
    use crate::auth;
    use handoff::draft::DraftKind;
    let provider = auth::provider().await?;
    let kind = DraftKind::parse(&kind).ok_or(AppError::NotFound)?;
    Ok(handoff_server::draft::load_draft(&auth::database(), &provider, task_id, kind).await?)
}
