use crate::error::AppError;
use leptos::prelude::*;

/// Any member: ends all of their own sessions, on every device.
#[server(endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::auth;
    let actor = auth::actor_for_setup().await?;
    handoff_server::session::sign_out_everywhere(&auth::database(), &actor).await?;
    auth::clear_session_cookie();
    leptos_axum::redirect("/login");
    Ok(())
}
