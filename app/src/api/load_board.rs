use crate::error::AppError;
use handoff::task::{Board, BoardFilter};
use leptos::prelude::*;

/// Owners: the task board, filtered and paged.
#[server(endpoint = "load_board")]
pub async fn load_board(filter: BoardFilter, page: u32) -> Result<Board, AppError> {
    use crate::auth;
    let actor = auth::actor().await?;
    Ok(
        handoff_server::tasks::board(&auth::database(), &actor, &filter, page, auth::now_ms())
            .await?,
    )
}
