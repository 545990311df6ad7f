use crate::api::{check_status, CheckStatus};
use crate::components::layout::MeResource;
use crate::error::AppError;
use handoff::{Me, Role, ServiceStatus};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos_meta::Title;

/// The front door: what Handoff is, and whether this deployment is healthy.
#[component]
pub fn HomePage() -> impl IntoView {
    let me = expect_context::<MeResource>();
    let status = Resource::new(|| (), |_| check_status());
    let check = ServerAction::<CheckStatus>::new();

    view! {
        <crate::components::layout::PageReady />
        <Title text="" />
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await.ok().flatten() {
                    Some(me) => Either::Left(welcome(me)),
                    None => Either::Right(landing()),
                }
            })}
        </Transition>

        <section class="card status" aria-labelledby="status-heading">
            <h2 id="status-heading">"Service status"</h2>
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

/// Owners see the detail; everyone else only that Handoff is up.
fn status_details(result: Result<Option<ServiceStatus>, AppError>) -> impl IntoView {
    match result {
        Ok(Some(s)) => EitherOf3::A(view! {
            <dl class="facts">
                <div><dt>"Database"</dt><dd data-testid="database">{s.database.to_string()}</dd></div>
                <div><dt>"Schema version"</dt><dd data-testid="schema">{s.schema_version}</dd></div>
                <div><dt>"Round trip"</dt><dd>{s.round_trip_label()}</dd></div>
            </dl>
        }),
        Ok(None) => EitherOf3::B(view! { <p data-testid="service-up">"Handoff is up."</p> }),
        Err(e) => EitherOf3::C(view! { <p class="error" role="alert">{e.to_string()}</p> }),
    }
}

fn landing() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>"Hand work to contractors without handing them your clients."</h1>
            <p class="lede">
                "Handoff is the portal between your business and the people you outsource to. "
                "Providers see a pseudonym and only what you disclose; every word to a client goes through you; "
                "tasks are judged by their outcome, not the hours spent."
            </p>
            <p class="actions">
                <a class="button" href="/signup">"Create a workspace"</a>
                <a class="button secondary" href="/login">"Sign in"</a>
            </p>
        </section>
    }
}

fn welcome(me: Me) -> impl IntoView {
    let what_next = match me.role {
        Role::Owner => "Your console gathers clients, tasks, the relay queue, reviews and check-ins as they arrive.",
        Role::Provider => "Your tasks, their playbooks and your scorecard appear here as owners hand work to you.",
    };
    view! {
        <section class="hero">
            <h1>{format!("Welcome, {}", me.display_name)}</h1>
            <p class="lede">
                {format!("You are signed in to {} as {}.", me.workspace_name, me.role.noun())}
            </p>
            <p>{what_next}</p>
            {me.two_factor_setup_needed.then(|| view! {
                <p class="form-alert" role="alert">
                    "Your workspace requires two-factor sign-in for owners. "
                    <a href="/account/two-factor">"Set it up now"</a>
                    " to continue."
                </p>
            })}
        </section>
    }
}
