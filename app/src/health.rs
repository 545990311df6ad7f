//! `/healthz` for load balancers: 200 when the database answers, 503 when
//! it does not. Plain text, no session, no detail (the `/status` page has
//! the detail, for owners).

use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;

pub async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match handoff_server::status::service_status(&state.db).await {
        Ok(_) => (StatusCode::OK, "ok\n"),
        Err(e) => {
            tracing::error!(error = %e.chain(), "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "unavailable\n")
        }
    }
}
