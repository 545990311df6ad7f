use crate::api::load_audit;
use crate::components::empty_state::EmptyState;
use crate::components::filters::{filter_select, pager, url_encode};
use crate::error::AppError;
use handoff::{AuditAction, AuditFilter, AuditPage, FieldError};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

lazy_page!(AuditRoute, AuditLogPage, owners);

fn query_string(f: &AuditFilter) -> String {
    [
        ("member_id", &f.member_id),
        ("client_id", &f.client_id),
        ("action", &f.action),
        ("from", &f.from),
        ("to", &f.to),
    ]
    .iter()
    .map(|(k, v)| format!("{k}={}", url_encode(v)))
    .collect::<Vec<_>>()
    .join("&")
}

/// Owners: the audit log, filtered through the URL, exported as CSV.
#[component]
pub fn AuditLogPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        query.with(|q| AuditFilter {
            member_id: q.get("member_id").unwrap_or_default(),
            client_id: q.get("client_id").unwrap_or_default(),
            action: q.get("action").unwrap_or_default(),
            from: q.get("from").unwrap_or_default(),
            to: q.get("to").unwrap_or_default(),
        })
    };
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1u32));
    let events = Resource::new(move || (filter(), page()), |(f, p)| load_audit(f, p));

    view! {
        <Title text="Audit log" />
        <h1>"Audit log"</h1>
        <p class="muted">"Every sign-in, disclosure change, look at disclosed data, export and erasure. Nothing here can be changed or removed."</p>
        <Transition fallback=|| view! { <p class="muted">"Loading the audit log…"</p> }>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(log) => Either::Left(audit_view(log, filter())),
                    Err(AppError::Invalid(fields)) => {
                        Either::Right(Either::Left(dates_to_correct(filter(), fields)))
                    }
                    Err(e) => Either::Right(Either::Right(view! {
                        <p class="error" role="alert">{e.to_string()}</p>
                        <p><a href="/audit">"Clear the filters"</a></p>
                    })),
                }
            })}
        </Transition>
    }
}

/// The dates of a filter the server could not use, with its reasons beside
/// them; the other filters go along unchanged.
fn dates_to_correct(filter: AuditFilter, fields: Vec<FieldError>) -> impl IntoView {
    let message = |name: &str| {
        fields
            .iter()
            .find(|f| f.field == name)
            .map(|f| f.message.clone())
    };
    let date = move |id: &'static str, name: &'static str, label: &'static str, value: String| {
        let error = message(name);
        let error_id = format!("{id}-error");
        view! {
            <div class="field" class:has-error=error.is_some()>
                <label for=id>{label}</label>
                <input id=id type="date" name=name value=value
                    aria-invalid=error.is_some().then_some("true")
                    aria-describedby=error.is_some().then(|| error_id.clone()) />
                <p class="field-error" id=error_id>{error.clone()}</p>
            </div>
        }
    };
    view! {
        <section class="card">
            <p class="error" role="alert">"These dates cannot be used as a filter: see the message beside them."</p>
            <form method="get" action="/audit" class="filters" aria-label="Filter the audit log">
                <input type="hidden" name="member_id" value=filter.member_id.clone() />
                <input type="hidden" name="client_id" value=filter.client_id.clone() />
                <input type="hidden" name="action" value=filter.action.clone() />
                {date("filter-from", "from", "From", filter.from.clone())}
                {date("filter-to", "to", "To", filter.to.clone())}
                <div class="actions">
                    <button type="submit" class="button secondary">"Filter"</button>
                    <a href="/audit">"Clear the filters"</a>
                </div>
            </form>
        </section>
    }
}

fn audit_view(log: AuditPage, filter: AuditFilter) -> impl IntoView {
    let qs = query_string(&filter);
    let members = log
        .members
        .iter()
        .map(|c| (c.id.to_string(), c.label.clone()))
        .collect();
    let clients = log
        .clients
        .iter()
        .map(|c| (c.id.to_string(), c.label.clone()))
        .collect();
    let actions = AuditAction::ALL
        .iter()
        .map(|a| (a.as_str().to_string(), a.to_string()))
        .collect();
    let page_link = {
        let qs = qs.clone();
        move |p: u32| format!("/audit?{qs}&page={p}")
    };
    let filtered = qs != query_string(&AuditFilter::default());
    let empty = log.events.is_empty().then(|| {
        if filtered {
            Either::Left(view! {
                <EmptyState level=2 heading="No events match these filters"
                    text="Every event is kept; these filters leave none of them."
                    href="/audit" action="Clear the filters" secondary=true />
            })
        } else {
            Either::Right(view! {
                <EmptyState icon="clock" level=2 heading="Nothing recorded yet"
                    text="Sign-ins, disclosures and exports appear here as they happen. Start by adding a client and giving a provider a task." />
            })
        }
    });
    let has_events = !log.events.is_empty();
    let rows = log
        .events
        .into_iter()
        .map(|e| {
            let client = e.client_alias.map(|alias| {
                view! {
                    <span>
                        <span class="alias">{alias}</span>
                        {e.client_name.map(|name| view! { <span class="client-name">{name}</span> })}
                    </span>
                }
            });
            view! {
                <tr>
                    <td class="nowrap" data-label="When">{e.when}</td>
                    <td data-label="Member">{e.member_name.unwrap_or_else(|| "—".into())}</td>
                    <td data-label="Action">{e.action.to_string()}</td>
                    <td class="audit-client" data-label="Client">{client}</td>
                    <td data-label="Task">{e.task_id.map(|t| view! { <a href=format!("/tasks/{t}")>{format!("#{t}")}</a> })}</td>
                    <td data-label="Detail">{e.detail}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="card">
            <form method="get" action="/audit" class="filters" aria-label="Filter the audit log">
                {filter_select("Member", "member_id", members, &filter.member_id, "Anyone")}
                {filter_select("Client", "client_id", clients, &filter.client_id, "Any client")}
                {filter_select("Action", "action", actions, &filter.action, "Any action")}
                <div class="field">
                    <label for="filter-from">"From"</label>
                    <input id="filter-from" type="date" name="from" value=filter.from.clone() />
                </div>
                <div class="field">
                    <label for="filter-to">"To"</label>
                    <input id="filter-to" type="date" name="to" value=filter.to.clone() />
                </div>
                <div class="actions">
                    <button type="submit" class="button secondary">"Filter"</button>
                </div>
            </form>
            // The export records an audit event: a POST, never a link.
            <form method="post" action="/audit/export.csv" class="inline-form" aria-label="Export the audit log">
                <input type="hidden" name="member_id" value=filter.member_id.clone() />
                <input type="hidden" name="client_id" value=filter.client_id.clone() />
                <input type="hidden" name="action" value=filter.action.clone() />
                <input type="hidden" name="from" value=filter.from.clone() />
                <input type="hidden" name="to" value=filter.to.clone() />
                <button type="submit" class="button secondary">"Export CSV"</button>
            </form>
            <p class="hint">{format!("Times in {}.", log.time_zone)}</p>
            {empty}
            {has_events.then(|| view! {
                <div class="table-wrap">
                    <table class="stack-table">
                        <caption class="visually-hidden">"Audit events"</caption>
                        <thead><tr><th scope="col">"When"</th><th scope="col">"Member"</th><th scope="col">"Action"</th><th scope="col">"Client"</th><th scope="col">"Task"</th><th scope="col">"Detail"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })}
            {pager(log.page, log.has_more, page_link)}
        </section>
    }
}
