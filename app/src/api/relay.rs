//! Relay requests: a provider asks, an owner decides.

use crate::error::AppError;
use handoff::thread::RelayItem;
use leptos::prelude::*;

/// The task's provider: a message for the client, which reaches them only
/// once an owner approved it. With an `idempotency_key` (the page's script,
/// a request queued offline) a replay asks nothing more and the page
/// updates itself; the plain form (no key) is redirected.
#[server(endpoint = "request_relay")]
pub async fn request_relay(
    task_id: i64,
    relay_body: String,
    idempotency_key: Option<String>,
) -> Result<(), AppError> {
    use crate::auth;
    let provider = auth::provider().await?;
    let db = auth::database();
    let rename = |e| AppError::from(e).rename("body", "relay_body");
    // With a key (the page's script, an action queued offline that may be
    // sent twice) the page updates itself; the plain form is redirected.
    let key = idempotency_key.filter(|k| !k.is_empty());
    handoff_server::relay::request(
        &db,
        &provider,
        task_id,
        &relay_body,
        key.as_deref(),
        auth::now_ms(),
    )
    .await
    .map_err(rename)?;
    if key.is_some() {
        return Ok(());
    }
    leptos_axum::redirect(&format!(
        "/tasks/{task_id}?saved=relay&at={}#relays",
        auth::now_ms()
    ));
    Ok(())
}

/// Owners: approve a relay request as written (`approve`), send an edited
/// text (`edit`, with `text`) or return it (`return`, with `reason`).
/// Flagged text needs `acknowledge_flags`.
#[server(endpoint = "decide_relay")]
pub async fn decide_relay(
    relay_id: i64,
    version: i64,
    decision: String,
    #[server(default)] text: String,
    #[server(default)] reason: String,
    #[server(default)] acknowledge_flags: Option<String>,
) -> Result<(), AppError> {
    use crate::auth;
    use handoff::thread::RelayDecision;
    let owner = auth::owner().await?;
    let acknowledge_flags = acknowledge_flags.is_some();
    let decision = match decision.as_str() {
        "approve" => RelayDecision::Approve { acknowledge_flags },
        "edit" => RelayDecision::Edit {
            text,
            acknowledge_flags,
        },
        "return" => RelayDecision::Return { reason },
        _ => {
            return Err(AppError::Invalid(vec![handoff::FieldError::new(
                "decision",
                "Choose approve, edit or return.",
            )]))
        }
    };
    handoff_server::relay::decide(
        &auth::database(),
        &owner,
        relay_id,
        version,
        &decision,
        auth::now_ms(),
    )
    .await
    .map_err(|e| {
        // The queue shows many requests: each field error names its own.
        ["acknowledge_flags", "text", "reason", "relay"]
            .iter()
            .fold(AppError::from(e), |e, field| {
                e.rename(field, &format!("{field}-{relay_id}"))
            })
    })?;
    leptos_axum::redirect(&format!("/relay?saved=decided&at={}", auth::now_ms()));
    Ok(())
}

/// Owners: the relay requests waiting for a decision.
#[server(endpoint = "load_relay_queue")]
pub async fn load_relay_queue() -> Result<Vec<RelayItem>, AppError> {
    use crate::auth;
    let owner = auth::owner().await?;
    Ok(handoff_server::relay::queue(&auth::database(), &owner).await?)
}
