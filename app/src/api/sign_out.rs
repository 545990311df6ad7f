use crate::error::AppError;
use leptos::prelude::*;

/// Any member: ends this session. Without a session it only clears the cookie.
#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::auth;
    if let Some(actor) = auth::optional_actor().await? {
        handoff_server::session::sign_out(&auth::database(), &actor).await?;
    }
    auth::clear_session_cookie();
    leptos_axum::redirect("/login");
    Ok(())
}
