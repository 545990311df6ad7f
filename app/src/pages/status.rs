use crate::api::{check_status, CheckStatus};
use crate::error::AppError;
use handoff::ServiceStatus;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;

lazy_page!(StatusRoute, StatusPage);

/// Whether this deployment answers. Owners read it in plain words with the
/// operator's detail folded away; everyone else only up or down.
/// Load balancers use `/healthz` instead.
#[component]
pub fn StatusPage() -> impl IntoView {
    let status = Resource::new(|| (), |_| check_status());
    let check = ServerAction::<CheckStatus>::new();

    view! {
        <Title text="Service status" />
        <div class="page-head">
            <div>
                <h1>"Service status"</h1>
                <p class="subtitle">"Whether Handoff and its database answer right now."</p>
            </div>
        </div>
        <section class="card narrow status" aria-labelledby="status-heading">
            <h2 id="status-heading">"This deployment"</h2>
            <Transition fallback=|| view! { <p class="muted">"Checking the service…"</p> }>
                {move || Suspend::new(async move { status_details(status.await) })}
            </Transition>
            <ActionForm action=check attr:class="inline-form">
                <button type="submit" class="button secondary" disabled=move || check.pending().get()>
                    {move || if check.pending().get() { "Checking…" } else { "Check again" }}
                </button>
            </ActionForm>
            <p class="live" role="status" aria-live="polite">
                {move || check.value().get().map(|result| match result {
                    Ok(Some(s)) => format!("Checked just now: the database answered in {}.", s.round_trip_label()),
                    Ok(None) => "Checked just now: Handoff is up.".to_string(),
                    Err(e) => e.to_string(),
                })}
            </p>
        </section>
    }
}

/// Owners read plain words first; what an operator needs (engine, schema
/// version, round trip) waits behind a disclosure. Everyone else only sees
/// that Handoff is up.
fn status_details(result: Result<Option<ServiceStatus>, AppError>) -> impl IntoView {
    match result {
        Ok(Some(s)) => EitherOf3::A(view! {
            <p class="status-verdict" data-testid="verdict">
                <span class="status-dot" aria-hidden="true"></span>
                "Handoff is working normally."
            </p>
            <p>{plain_speed(s.round_trip_micros)}</p>
            <details class="operator-detail">
                <summary>"Details for your technical contact"</summary>
                <dl class="facts">
                    <div><dt>"Database"</dt><dd data-testid="database">{s.database.to_string()}</dd></div>
                    <div><dt>"Schema version"</dt><dd data-testid="schema">{s.schema_version}</dd></div>
                    <div><dt>"Round trip"</dt><dd>{s.round_trip_label()}</dd></div>
                </dl>
            </details>
        }),
        Ok(None) => EitherOf3::B(view! { <p data-testid="service-up">"Handoff is up."</p> }),
        Err(e) => EitherOf3::C(view! { <p class="error" role="alert">{e.to_string()}</p> }),
    }
}

/// The database's answer time as a person reads it: a page needs a few of
/// them, so a tenth of a second each is already felt.
fn plain_speed(micros: u64) -> &'static str {
    if micros < 100_000 {
        "Your data is stored and answers quickly."
    } else {
        "Your data is stored, but it answers slowly right now: pages may take a moment."
    }
}
