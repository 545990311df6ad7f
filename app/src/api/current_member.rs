use crate::error::AppError;
use handoff::Me;
use leptos::prelude::*;

/// Anyone: the signed-in member's own details, or `None`.
#[server(endpoint = "current_member")]
pub async fn current_member() -> Result<Option<Me>, AppError> {
    use crate::auth;
    match auth::optional_actor().await? {
        Some(actor) => Ok(Some(
            handoff_server::accounts::me(&auth::database(), &actor).await?,
        )),
        None => Ok(None),
    }
}
