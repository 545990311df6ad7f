use crate::error::AppError;
use leptos::prelude::*;

/// Any member, for their own account. Ends every other session.
#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::auth;
    let actor = auth::actor_for_setup().await?;
    let session = handoff_server::accounts::change_password(
        &auth::database(),
        &auth::hasher(),
        &actor,
        &current_password,
        &new_password,
        auth::now_ms(),
    )
    .await?;
    auth::set_session_cookie(&session);
    leptos_axum::redirect("/account?changed=1");
    Ok(())
}
