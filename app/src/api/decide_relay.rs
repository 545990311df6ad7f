use crate::error::AppError;
use leptos::prelude::*;

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
