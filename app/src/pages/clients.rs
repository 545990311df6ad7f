use crate::api::load_clients;
use crate::components::empty_state::EmptyState;
use crate::components::filters::{pager, url_encode};
use handoff::ClientPage;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

lazy_page!(ClientsRoute, ClientsPage, owners);

/// Owners: the client list, searched and paged through the URL (so it
/// works before hydration and a search can be bookmarked).
#[component]
pub fn ClientsPage() -> impl IntoView {
    let query = use_query_map();
    let search = move || query.with(|q| q.get("q").unwrap_or_default());
    let page = move || {
        query.with(|q| {
            q.get("page")
                .and_then(|p| p.parse::<u32>().ok())
                .unwrap_or(1)
        })
    };
    let clients = Resource::new(move || (search(), page()), |(s, p)| load_clients(s, p));

    view! {
        <Title text="Clients" />
        <div class="page-head">
            <h1>"Clients"</h1>
            <a class="button" href="/clients/new">"New client"</a>
        </div>
        <form method="get" action="/clients" class="search-form" role="search">
            <label for="client-search">"Search by name, e-mail or alias"</label>
            <p class="hint" id="client-search-hint">"Part of an alias works too: 9Y6 finds Client 9Y6-4M."</p>
            <div class="search-row">
                <input id="client-search" type="search" name="q" value=search aria-describedby="client-search-hint" />
                <button type="submit" class="button secondary">"Search"</button>
            </div>
        </form>
        <Transition fallback=|| view! { <p class="muted">"Loading clients…"</p> }>
            {move || Suspend::new(async move {
                match clients.await {
                    Ok(page) => Either::Left(client_table(page, search())),
                    Err(e) => Either::Right(view! { <p class="error" role="alert">{e.to_string()}</p> }),
                }
            })}
        </Transition>
    }
}

fn client_table(page: ClientPage, search: String) -> impl IntoView {
    if page.clients.is_empty() {
        let empty = if search.is_empty() {
            Either::Left(view! {
                <EmptyState icon="people" level=2 heading="Add your first client"
                    text="A client is someone your business serves. Their name and details stay with you: providers only ever see an alias such as “Client 7QK-4M”, and only what you disclose for a task."
                    href="/clients/new" action="Add your first client" />
            })
        } else {
            Either::Right(view! {
                <EmptyState level=2 heading="No client matches that search"
                    text="Try part of the name or e-mail, or part of the alias such as 7QK."
                    href="/clients" action="Show every client" secondary=true />
            })
        };
        return Either::Left(view! { <section class="card">{empty}</section> });
    }
    let link = move |p: u32| format!("/clients?q={}&page={p}", url_encode(&search));
    let rows = page
        .clients
        .into_iter()
        .map(|c| {
            let href = format!("/clients/{}", c.client_id);
            let name = if c.erased {
                "Erased client".to_string()
            } else {
                c.name
            };
            view! {
                <tr>
                    <th scope="row" data-label="Name"><a href=href>{name}</a></th>
                    <td class="alias" data-label="Alias">{c.alias}</td>
                    <td data-label="Email">{c.email.unwrap_or_default()}</td>
                    <td data-label="Phone">{c.phone.unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    Either::Right(view! {
        <section class="card">
            <div class="table-wrap">
                <table class="stack-table">
                    <caption class="visually-hidden">"Clients"</caption>
                    <thead><tr><th scope="col">"Name"</th><th scope="col">"Alias"</th><th scope="col">"Email"</th><th scope="col">"Phone"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {pager(page.page, page.has_more, link)}
        </section>
    })
}
