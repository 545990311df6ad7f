use crate::error::AppError;
use leptos::prelude::*;

/// Any member, for their own account: display name and time zone.
#[server(endpoint = "update_profile")]
pub async fn update_profile(display_name: String, time_zone: String) -> Result<(), AppError> {
    use crate::auth;
    let actor = auth::actor().await?;
    handoff_server::profile::update(
        &auth::database(),
        &actor,
        &handoff_server::profile::Profile {
            display_name,
            time_zone,
        },
        auth::now_ms(),
    )
    .await?;
    leptos_axum::redirect("/account?saved=profile");
    Ok(())
}
