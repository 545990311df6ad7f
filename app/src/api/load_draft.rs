use crate::error::AppError;
use handoff::draft::Draft;
use leptos::prelude::*;

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
