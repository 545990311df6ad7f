use crate::error::AppError;
use leptos::prelude::*;

/// Anyone: opens a new workspace with its first owner.
#[server(endpoint = "sign_up")]
pub async fn sign_up(
    workspace_name: String,
    time_zone: String,
    currency: String,
    display_name: String,
    email: String,
    password: String,
) -> Result<(), AppError> {
    use crate::auth;
    let session = handoff_server::accounts::sign_up(
        &auth::database(),
        &auth::hasher(),
        handoff_server::accounts::SignUp {
            workspace_name,
            time_zone,
            currency,
            display_name,
            email,
            password,
        },
        &auth::client_address(),
        auth::now_ms(),
    )
    .await?;
    auth::replace_session(&session).await?;
    leptos_axum::redirect("/");
    Ok(())
}
