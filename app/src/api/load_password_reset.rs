use crate::error::AppError;
use leptos::prelude::*;

/// Anyone holding a reset link: whether it still works. Reading it uses
/// nothing up (mail scanners open links).
#[server(endpoint = "load_password_reset")]
pub async fn load_password_reset(token: String) -> Result<bool, AppError> {
    use crate::auth;
    match handoff_server::reset::check(&auth::database(), &token, auth::now_ms()).await {
        Ok(()) => Ok(true),
        Err(handoff_server::Error::LinkNoLongerWorks) => Ok(false),
        Err(other) => Err(other.into()),
    }
}
