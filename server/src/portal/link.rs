//! A client's private link (owners' side): its state, making it (which
//! replaces any earlier one) and revoking it.

use super::session::end_sessions;
use crate::caller::Owner;
use crate::client_row;
use crate::error::{Error, Result};
use crate::mail::compose;
use crate::session::{new_token, token_hash};
use crate::Database;
use handoff::thread::{NewPortalLink, PortalLinkStatus};
use handoff::AuditAction;

use super::LINK_MS;

#[derive(sqlx::FromRow)]
struct LinkRow {
    created_at: i64,
    expires_at: i64,
    revoked_at: Option<i64>,
    last_opened_at: Option<i64>,
}

async fn live_client(
    conn: &mut sqlx::AnyConnection,
    owner: &Owner,
    client_id: i64,
) -> Result<client_row::Client> {
    let client = client_row::load(conn, owner.workspace_id(), client_id).await?;
    if client.row.erased_at.is_some() {
        return Err(Error::NotFound);
    }
    Ok(client)
}

/// Owners: the state of a client's link.
#[tracing::instrument(skip_all)]
pub async fn link_status(
    db: &Database,
    owner: &Owner,
    client_id: i64,
    now: i64,
) -> Result<PortalLinkStatus> {
    let mut conn = db.pool().acquire().await?;
    client_row::load(&mut conn, owner.workspace_id(), client_id).await?;
    let row: Option<LinkRow> = sqlx::query_as(
        "SELECT created_at, expires_at, revoked_at, last_opened_at FROM portal_links \
         WHERE client_id = $1 AND workspace_id = $2",
    )
    .bind(client_id)
    .bind(owner.workspace_id())
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match row {
        None => PortalLinkStatus::None,
        Some(r) => match r.revoked_at {
            Some(revoked_at) => PortalLinkStatus::Revoked {
                revoked_at,
                last_opened_at: r.last_opened_at,
            },
            None if now >= r.expires_at => PortalLinkStatus::Expired {
                expires_at: r.expires_at,
                last_opened_at: r.last_opened_at,
            },
            None => PortalLinkStatus::Live {
                created_at: r.created_at,
                expires_at: r.expires_at,
                last_opened_at: r.last_opened_at,
            },
        },
    })
}

/// Owners: makes the client's link, replacing any earlier one (which stops
/// working, with every portal session it opened). The token is returned
/// once; only its hash is kept.
#[tracing::instrument(skip(db), fields(member = owner.member_id()))]
pub async fn create_link(
    db: &Database,
    owner: &Owner,
    client_id: i64,
    now: i64,
) -> Result<NewPortalLink> {
    make_link(db, owner, client_id, false, now).await
}

/// Owners: makes the client's link as `create_link` does and e-mails it to
/// the client's address, from the business (signed with its name only).
#[tracing::instrument(skip(db), fields(member = owner.member_id()))]
pub async fn mail_link(
    db: &Database,
    owner: &Owner,
    client_id: i64,
    now: i64,
) -> Result<NewPortalLink> {
    make_link(db, owner, client_id, true, now).await
}

async fn make_link(
    db: &Database,
    owner: &Owner,
    client_id: i64,
    by_mail: bool,
    now: i64,
) -> Result<NewPortalLink> {
    let mut tx = db.write(owner, now).await?;
    let client = live_client(&mut tx, owner, client_id).await?;
    let token = new_token();
    let expires_at = now + LINK_MS;
    sqlx::query(
        "INSERT INTO portal_links (client_id, workspace_id, token_hash, created_by, created_at, \
         expires_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (client_id) DO UPDATE SET token_hash = excluded.token_hash, \
           created_by = excluded.created_by, created_at = excluded.created_at, \
           expires_at = excluded.expires_at, revoked_at = NULL, last_opened_at = NULL",
    )
    .bind(client_id)
    .bind(owner.workspace_id())
    .bind(token_hash(&token))
    .bind(owner.member_id())
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    end_sessions(&mut tx, client_id).await?;
    tx.audit(
        AuditAction::PortalLinkCreated,
        Some(client_id),
        None,
        "a new private link; any earlier one stopped working",
    );
    if by_mail {
        let Some(address) = client.row.email.filter(|e| !e.trim().is_empty()) else {
            return Err(Error::field(
                "email",
                "This client has no e-mail address. Add one to their record, or make the link and copy it.",
            ));
        };
        let business = crate::workspace::name(&mut tx, owner.workspace_id()).await?;
        let link = format!("{}/p/{token}", crate::mail::public_url());
        let language = crate::profile::business_language(&mut tx, owner.workspace_id()).await?;
        tx.mail(compose::portal_link(
            language,
            owner.workspace_id(),
            client_id,
            &business,
            &address,
            &link,
            &token_hash(&token),
        ));
        tx.audit(
            AuditAction::PortalLinkMailed,
            Some(client_id),
            None,
            "the new link sent to the client's e-mail address",
        );
    }
    tx.commit().await?;
    Ok(NewPortalLink { token, expires_at })
}

/// Owners: the client's link stops working, and every portal session it
/// opened ends.
#[tracing::instrument(skip(db), fields(member = owner.member_id()))]
pub async fn revoke_link(db: &Database, owner: &Owner, client_id: i64, now: i64) -> Result<()> {
    let mut tx = db.write(owner, now).await?;
    client_row::load(&mut tx, owner.workspace_id(), client_id).await?;
    let done = sqlx::query(
        "UPDATE portal_links SET revoked_at = $1 WHERE client_id = $2 AND workspace_id = $3 \
         AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(client_id)
    .bind(owner.workspace_id())
    .execute(&mut *tx)
    .await?;
    end_sessions(&mut tx, client_id).await?;
    if done.rows_affected() > 0 {
        tx.audit(
            AuditAction::PortalLinkRevoked,
            Some(client_id),
            None,
            "the private link stopped working",
        );
    }
    tx.commit().await?;
    Ok(())
}
