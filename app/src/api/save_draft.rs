use crate::error::AppError;
use handoff::draft::SaveOutcome;
use leptos::prelude::*;

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
