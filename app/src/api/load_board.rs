use crate::error::AppError;
use handoff::task::{Board, BoardFilter, BoardLayout};
use leptos::prelude::*;

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
