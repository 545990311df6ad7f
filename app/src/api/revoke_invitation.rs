use crate::error::AppError;
use leptos::prelude::*;

/// Owners: revokes a waiting invitation of their own workspace.
#[server(endpoint = "revoke_invitation")]
pub async fn revoke_invitation(invitation_id: i64) -> Result<(), AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    handoff_server::team::revoke_invitation(
        &auth::database(),
        &owner,
        invitation_id,
        auth::now_ms(),
    )
    .await?;
    Ok(())
}
