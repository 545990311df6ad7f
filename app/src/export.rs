//! Downloads that are files rather than pages: the audit log as CSV. Same
//! door as the server functions (`auth::Signed`), one use case.
//! The export records an audit event, so it is a POST (a form on the audit
//! page), never a GET.

use crate::auth::{now_ms, Signed};
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Form;
use handoff::AuditFilter;
use handoff_server::Owner;

pub async fn audit_csv(
    State(state): State<AppState>,
    Signed(owner): Signed<Owner>,
    Form(filter): Form<AuditFilter>,
) -> Result<Response, AppError> {
    let csv = handoff_server::audit::export_csv(&state.db, &owner, &filter, now_ms()).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"handoff-audit-log.csv\"",
            ),
        ],
        csv,
    )
        .into_response())
}
