use crate::api::load_dashboard;
use crate::components::empty_state::EmptyState;
use crate::components::me::MeResource;
use crate::components::state_badge::StateBadge;
use crate::error::AppError;
use handoff::dashboard::Beginnings;
use handoff::task::TaskLine;
use handoff::work::DueView;
use handoff::{Dashboard, Me, OwnerDashboard, ProviderDashboard, ProviderTaskLine};
use handoff::{LiveKind, Shortlist};
use leptos::either::{Either, EitherOf3, EitherOf5};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

lazy_page!(HomeRoute, HomePage);

/// What the front door shows: the landing to visitors, the dashboard of
/// their role to members. One resource decides, so the page renders in one
/// pass on the server.
#[derive(Clone, Debug, Serialize, Deserialize)]
enum Home {
    Visitor,
    /// An owner who must set up two-factor sign-in first sees only that.
    SetUpFirst(Me),
    Member(Me, Box<Dashboard>),
}

async fn load(me: MeResource) -> Result<Home, AppError> {
    match me.await? {
        Some(me) if me.two_factor_setup_needed => Ok(Home::SetUpFirst(me)),
        Some(me) => Ok(Home::Member(me, Box::new(load_dashboard().await?))),
        None => Ok(Home::Visitor),
    }
}

/// The front door: the landing for visitors, what needs a member today.
#[component]
pub fn HomePage() -> impl IntoView {
    let me = expect_context::<MeResource>();
    // Again when a task changes (a provider hands in, an owner reviews).
    let live = expect_context::<crate::components::live::Live>();
    let home = Resource::new(move || live.track(LiveKind::Task), move |_| load(me));
    view! {
        <Title text="" />
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(Home::Visitor) => EitherOf5::A(landing()),
                    Ok(Home::SetUpFirst(me)) => EitherOf5::E(view! {
                        <h1>{format!("Welcome, {}", me.display_name)}</h1>
                        {two_factor_alert(&me)}
                    }),
                    Ok(Home::Member(me, dashboard)) => match *dashboard {
                        Dashboard::Owner(d) => EitherOf5::B(owner_home(me, d)),
                        Dashboard::Provider(d) => EitherOf5::C(provider_home(me, d)),
                    },
                    Err(e) => EitherOf5::D(view! {
                        <h1>"Home"</h1>
                        <p class="error" role="alert">{e.to_string()}</p>
                    }),
                }
            })}
        </Transition>
    }
}

fn landing() -> impl IntoView {
    view! {
        <section class="hero">
            <h1>"Hand work to contractors without handing them your clients."</h1>
            <p class="lede">
                "Handoff is the portal between your business and the people you outsource to. "
                "Providers see a pseudonym and only the details you disclose for a task; "
                "tasks are judged by their outcome, not the hours spent."
            </p>
            <p class="actions">
                <a class="button" href="/signup">"Create a workspace"</a>
                <a class="button secondary" href="/login">"Sign in"</a>
            </p>
        </section>
        <ul class="features">
            <li class="card">
                <h2>"Clients stay yours"</h2>
                <p>"Providers see “Client 7QK-4M” and the fields you choose. Names, phone numbers and e-mails are masked in everything they read."</p>
            </li>
            <li class="card">
                <h2>"Work judged by outcome"</h2>
                <p>"Each task states the result you expect and how you will check it. Providers hand in against it; you accept or ask for changes."</p>
            </li>
            <li class="card">
                <h2>"A record of every look"</h2>
                <p>"Every disclosure, every look at disclosed data, every export and erasure is in an audit log nobody can edit."</p>
            </li>
        </ul>
    }
}

fn two_factor_alert(me: &Me) -> impl IntoView {
    me.two_factor_setup_needed.then(|| {
        view! {
            <p class="form-alert" role="alert">
                "Your workspace requires two-factor sign-in for owners. "
                <a href="/account/two-factor">"Set it up now"</a>
                " to continue."
            </p>
        }
    })
}

/// `Mon 24 Nov 2026, 17:00`: the zone is said once, in the page's subtitle.
fn due_text(due: &DueView) -> String {
    due.local
        .rsplit_once(" (")
        .map(|(at, _)| at.to_string())
        .unwrap_or_else(|| due.local.clone())
}

fn due_view(due: Option<DueView>) -> impl IntoView {
    due.map(|d| {
        view! {
            <span class="line-due">
                <span class="due" class:overdue=d.overdue>{d.relative.clone()}</span>
                " "
                <time class="muted">{due_text(&d)}</time>
            </span>
        }
    })
}

fn owner_line(line: TaskLine) -> impl IntoView {
    let client = match (line.client_name, line.client_alias) {
        (Some(name), Some(alias)) => EitherOf3::A(view! {
            <span class="line-client">{name}" "<span class="alias muted">{alias}</span></span>
        }),
        (None, Some(alias)) => {
            EitherOf3::B(view! { <span class="line-client alias">{alias}</span> })
        }
        _ => EitherOf3::C(()),
    };
    view! {
        <li class="line">
            <div class="line-main">
                <a href=format!("/tasks/{}", line.task_id)>{line.title}</a>
                <StateBadge state=line.state />
            </div>
            <div class="line-meta">
                {client}
                <span class="line-provider">{line.assignee_name.unwrap_or_else(|| "Unassigned".into())}</span>
                {due_view(line.due)}
            </div>
        </li>
    }
}

/// One list of the dashboard: heading with its count, the first lines,
/// "see all" when there are more, or a one-line empty state.
fn owner_list(
    id: &'static str,
    heading: &'static str,
    list: Shortlist<TaskLine>,
    see_all: &'static str,
    empty: &'static str,
) -> impl IntoView {
    let total = list.total;
    let body = if list.lines.is_empty() {
        Either::Left(view! { <p class="list-empty">{empty}</p> })
    } else {
        Either::Right(view! {
            <ul class="lines">{list.lines.into_iter().map(owner_line).collect_view()}</ul>
            <p class="see-all"><a href=see_all>{format!("See all {total}")}<span class="visually-hidden">{format!(" {}", heading.to_lowercase())}</span></a></p>
        })
    };
    view! {
        <section class="card dash-card" aria-labelledby=id>
            <h2 id=id>{heading}" "<span class="count-pill">{total}</span></h2>
            {body}
        </section>
    }
}

/// What a new workspace does first, in order; done steps are ticked.
fn getting_started(b: Beginnings) -> impl IntoView {
    let step = |done: bool, title: &'static str, href: &'static str, action: &'static str| {
        view! {
            <li class:done=done>
                <span class="step-mark" aria-hidden="true">{if done { "✓" } else { "" }}</span>
                <span class="step-title">{title}{done.then(|| view! { <span class="visually-hidden">" (done)"</span> })}</span>
                {(!done).then(|| view! { <a class="button small" href=href>{action}</a> })}
            </li>
        }
    };
    let first = if !b.clients {
        (
            "Add your first client",
            "Clients stay yours: providers only ever see an alias and what you disclose.",
            "/clients/new",
            "Add your first client",
        )
    } else if !b.providers {
        (
            "Invite a provider",
            "Invite the people you hand work to; they join with their own password.",
            "/team#invite-heading",
            "Invite a provider",
        )
    } else {
        (
            "Create a task",
            "Say what you expect done, for which client, by when.",
            "/tasks/new",
            "Create a task",
        )
    };
    view! {
        <section class="card get-started" aria-labelledby="start-heading">
            <EmptyState icon="clipboard" heading=first.0 text=first.1 href=first.2 action=first.3 level=2 />
            <h3 id="start-heading" class="visually-hidden">"Getting started"</h3>
            <ol class="steps">
                {step(b.clients, "Add a client", "/clients/new", "Add a client")}
                {step(b.providers, "Invite a provider", "/team#invite-heading", "Invite")}
                {step(b.tasks, "Create a task", "/tasks/new", "Create a task")}
            </ol>
        </section>
    }
}

fn owner_home(me: Me, d: OwnerDashboard) -> impl IntoView {
    let started = d.beginnings.clients && d.beginnings.providers && d.beginnings.tasks;
    view! {
        <div class="page-head">
            <div>
                <h1>{format!("Welcome, {}", me.display_name)}</h1>
                <p class="subtitle">{format!("What needs you today at {}. Times are in your zone, {}.", me.workspace_name, me.time_zone.replace('_', " "))}</p>
            </div>
            <a class="button" href="/tasks/new">"New task"</a>
        </div>
        {two_factor_alert(&me)}
        {(!started).then(|| getting_started(d.beginnings))}
        <div class="dash-grid">
            {owner_list("review-heading", "To review", d.to_review, "/tasks?state=submitted", "Nothing to review. Work your providers hand in appears here.")}
            {owner_list("overdue-heading", "Overdue", d.overdue, "/tasks", "Nothing overdue.")}
            {owner_list("soon-heading", "Due in the next 7 days", d.due_soon, "/tasks", "Nothing due in the next 7 days.")}
            {owner_list("drafts-heading", "Unassigned drafts", d.unassigned, "/tasks?state=draft", "No drafts waiting for a provider.")}
        </div>
    }
}

fn provider_line(line: ProviderTaskLine) -> impl IntoView {
    view! {
        <li class="line">
            <div class="line-main">
                <a href=format!("/tasks/{}", line.task_id)>{line.title.as_str().to_string()}</a>
                <StateBadge state=line.state />
            </div>
            <div class="line-meta">
                {line.client_alias.map(|a| view! { <span class="alias">{a.to_string()}</span> })}
                {(!line.outcome_kind.is_empty()).then(|| view! { <span>{format!("Outcome: {}", line.outcome_kind.as_str())}</span> })}
                {due_view(line.due)}
            </div>
        </li>
    }
}

fn provider_home(me: Me, d: ProviderDashboard) -> impl IntoView {
    let changes = (!d.changes_requested.lines.is_empty()).then(|| {
        let total = d.changes_requested.total;
        view! {
            <section class="card dash-card attention" aria-labelledby="changes-heading">
                <h2 id="changes-heading">"Changes requested "<span class="count-pill urgent">{total}</span></h2>
                <ul class="lines">{d.changes_requested.lines.into_iter().map(provider_line).collect_view()}</ul>
            </section>
        }
    });
    let total = d.next.total;
    let next = if d.next.lines.is_empty() {
        EitherOf3::A(view! {
            <EmptyState icon="check" heading="Nothing to do right now" text="New tasks appear here when an owner assigns them to you." />
        })
    } else if total as usize > d.next.lines.len() {
        EitherOf3::B(view! {
            <ul class="lines">{d.next.lines.into_iter().map(provider_line).collect_view()}</ul>
            <p class="see-all"><a href="/tasks">{format!("See all {total} in My tasks")}</a></p>
        })
    } else {
        EitherOf3::C(view! {
            <ul class="lines">{d.next.lines.into_iter().map(provider_line).collect_view()}</ul>
        })
    };
    let waiting = d.waiting_for_review;
    view! {
        <div class="page-head">
            <div>
                <h1>{format!("Welcome, {}", me.display_name)}</h1>
                <p class="subtitle">{format!("Your next tasks at {}. Times are in your zone, {}.", me.workspace_name, me.time_zone.replace('_', " "))}</p>
            </div>
            <a class="button secondary" href="/tasks">"My tasks"</a>
        </div>
        {two_factor_alert(&me)}
        {changes}
        <section class="card dash-card" aria-labelledby="next-heading">
            <h2 id="next-heading">"Next up "<span class="count-pill">{total}</span></h2>
            {next}
        </section>
        {(waiting > 0).then(|| view! {
            <p class="muted">{format!("{waiting} handed in and waiting for the owner's review.")}</p>
        })}
    }
}
