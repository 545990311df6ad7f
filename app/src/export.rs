//! Downloads that are files rather than pages: the audit log as CSV. Same
//! door as the server functions (`auth::owner_from_headers`), one use case.
//! The export records an audit event, so it is a POST (a form on the audit
//! page), never a GET.

use crate::auth::{now_ms, owner_from_headers};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;
use handoff::AuditFilter;

pub async fn audit_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(filter): Form<AuditFilter>,
) -> Response {
    let result = async {
        let owner = owner_from_headers(&state.db, state.cookies, &headers).await?;
        Ok::<_, AppError>(
            handoff_server::audit::export_csv(&state.db, &owner, &filter, now_ms()).await?,
        )
    }
    .await;
    match result {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"handoff-audit-log.csv\"",
                ),
            ],
            csv,
        )
            .into_response(),
        Err(e) => {
            // The one mapping every answer uses (422 for input to correct).
            let status =
                StatusCode::from_u16(e.status()).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            let message = match &e {
                AppError::Invalid(fields) => fields
                    .iter()
                    .map(|f| f.message.clone())
                    .collect::<Vec<_>>()
                    .join(" "),
                other => other.to_string(),
            };
            (
                status,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                message,
            )
                .into_response()
        }
    }
}
