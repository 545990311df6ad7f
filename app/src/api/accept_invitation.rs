use crate::error::AppError;
use leptos::prelude::*;

/// Anyone holding a live link: joins the workspace and signs in.
#[server(endpoint = "accept_invitation")]
pub async fn accept_invitation(
    token: String,
    display_name: String,
    time_zone: String,
    password: String,
) -> Result<(), AppError> {
    use crate::auth;
    let session = handoff_server::team::accept(
        &auth::database(),
        &auth::hasher(),
        &token,
        handoff_server::team::Acceptance {
            display_name,
            time_zone,
            password,
        },
        auth::now_ms(),
    )
    .await?;
    auth::replace_session(&session).await?;
    leptos_axum::redirect("/");
    Ok(())
}
