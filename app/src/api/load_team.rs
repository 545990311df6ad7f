use crate::error::AppError;
use handoff::{InvitationSummary, MemberSummary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamOverview {
    pub members: Vec<MemberSummary>,
    pub invitations: Vec<InvitationSummary>,
}

/// Owners: the workspace's members and invitations.
#[server(endpoint = "load_team")]
pub async fn load_team() -> Result<TeamOverview, AppError> {
    use crate::auth;
    let actor = auth::actor().await?;
    let db = auth::database();
    Ok(TeamOverview {
        members: handoff_server::team::members(&db, &actor).await?,
        invitations: handoff_server::team::invitations(&db, &actor, auth::now_ms()).await?,
    })
}
