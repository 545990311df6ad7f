use crate::api::{load_board, load_my_tasks};
use crate::components::filters::{filter_select, pager, url_encode};
use crate::components::layout::MeResource;
use crate::components::state_badge::StateBadge;
use crate::components::work::due_badge;
use crate::error::AppError;
use handoff::task::{Board, BoardFilter};
use handoff::TaskState;
use handoff::{ProviderTaskLine, Role};
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

lazy_page!(TasksRoute, TasksPage);

/// What the list shows: the workspace's tasks for an owner, "My tasks" for
/// a provider. One resource decides, so the page renders in one pass on the
/// server (a resource made inside another's suspense can stall streaming).
#[derive(Clone, Debug, Serialize, Deserialize)]
enum TaskList {
    Owner(Board),
    Provider(Vec<ProviderTaskLine>),
    SignedOut,
}

async fn load(me: MeResource, filter: BoardFilter, page: u32) -> Result<TaskList, AppError> {
    match me.await?.map(|m| m.role) {
        Some(Role::Owner) => Ok(TaskList::Owner(load_board(filter, page).await?)),
        Some(Role::Provider) => Ok(TaskList::Provider(load_my_tasks().await?)),
        None => Ok(TaskList::SignedOut),
    }
}

#[component]
pub fn TasksPage() -> impl IntoView {
    let me = expect_context::<MeResource>();
    let query = use_query_map();
    let filter = move || {
        query.with(|q| BoardFilter {
            provider_id: q.get("provider_id").unwrap_or_default(),
            client_alias: q.get("client_alias").unwrap_or_default(),
            outcome_kind: q.get("outcome_kind").unwrap_or_default(),
            state: q.get("state").unwrap_or_default(),
        })
    };
    let page = move || query.with(|q| q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1u32));
    let tasks = Resource::new(move || (filter(), page()), move |(f, p)| load(me, f, p));
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading tasks…"</p> }>
            {move || Suspend::new(async move {
                match tasks.await {
                    Ok(TaskList::Owner(board)) => EitherOf4::A(owner_tasks(board, filter())),
                    Ok(TaskList::Provider(tasks)) => EitherOf4::B(my_tasks(tasks)),
                    Ok(TaskList::SignedOut) => EitherOf4::C(view! {
                        <section class="card narrow">
                            <h1>"Tasks"</h1>
                            <p>"Sign in to see your tasks."</p>
                            <p><a class="button" href="/login">"Sign in"</a></p>
                        </section>
                    }),
                    Err(e) => EitherOf4::D(view! {
                        <h1>"Tasks"</h1>
                        <p class="error" role="alert">{e.to_string()}</p>
                    }),
                }
            })}
        </Transition>
    }
}

/// The owner board: open tasks first, overdue at the top.
fn owner_tasks(board: Board, filter: BoardFilter) -> impl IntoView {
    let qs = format!(
        "provider_id={}&client_alias={}&outcome_kind={}&state={}",
        url_encode(&filter.provider_id),
        url_encode(&filter.client_alias),
        url_encode(&filter.outcome_kind),
        url_encode(&filter.state)
    );
    let providers = board
        .providers
        .iter()
        .map(|c| (c.id.to_string(), c.label.clone()))
        .collect();
    let states = TaskState::ALL
        .iter()
        .map(|s| (s.as_str().to_string(), s.to_string()))
        .collect();
    let list = if board.tasks.is_empty() {
        Either::Left(view! {
            <p>"No tasks match. Clear the filters, or create one with “New task”."</p>
        })
    } else {
        Either::Right(view! {
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">"Tasks, open ones first, overdue at the top"</caption>
                    <thead><tr><th scope="col">"Task"</th><th scope="col">"State"</th><th scope="col">"Due"</th><th scope="col">"Client"</th><th scope="col">"Provider"</th><th scope="col">"Outcome"</th></tr></thead>
                    <tbody>
                        {board.tasks.into_iter().map(|t| view! {
                            <tr>
                                <th scope="row"><a href=format!("/tasks/{}", t.task_id)>{t.title}</a></th>
                                <td><StateBadge state=t.state /></td>
                                <td>{t.due.as_ref().map(due_badge)}</td>
                                <td class="alias">{t.client_alias.unwrap_or_default()}</td>
                                <td>{t.assignee_name.unwrap_or_else(|| "—".into())}</td>
                                <td>{t.outcome_kind}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        })
    };
    let page_link = move |p: u32| format!("/tasks?{qs}&page={p}");
    view! {
        <Title text="Tasks" />
        <div class="page-head">
            <h1>"Tasks"</h1>
            <a class="button" href="/tasks/new">"New task"</a>
        </div>
        <section class="card">
            <form method="get" action="/tasks" class="filters" aria-label="Filter the tasks">
                {filter_select("Provider", "provider_id", providers, &filter.provider_id, "Any provider")}
                <div class="field">
                    <label for="board-client_alias">"Client alias"</label>
                    <input id="board-client_alias" name="client_alias" value=filter.client_alias.clone() placeholder="7QK-4M" />
                </div>
                <div class="field">
                    <label for="board-outcome_kind">"Outcome"</label>
                    <input id="board-outcome_kind" name="outcome_kind" value=filter.outcome_kind.clone() placeholder="intake booked" />
                </div>
                {filter_select("State", "state", states, &filter.state, "Any state")}
                <div class="actions">
                    <button type="submit" class="button secondary">"Filter"</button>
                    <a class="button secondary" href="/tasks">"Clear"</a>
                </div>
            </form>
            {list}
            {pager(board.page, board.has_more, page_link)}
        </section>
    }
}

fn my_tasks(tasks: Vec<ProviderTaskLine>) -> impl IntoView {
    let list = if tasks.is_empty() {
        Either::Left(view! {
            <section class="card"><p>"Nothing assigned to you yet. New tasks appear here when an owner assigns them."</p></section>
        })
    } else {
        Either::Right(view! {
            <ul class="task-cards">
                {tasks.into_iter().map(|t| view! {
                    <li class="card task-card">
                        <a href=format!("/tasks/{}", t.task_id)>{t.title.to_string()}</a>
                        <p class="muted">
                            <StateBadge state=t.state />
                            {t.due.as_ref().map(|d| view! { " · " {due_badge(d)} })}
                            {t.client_alias.map(|a| view! { " · " <span class="alias">{a.to_string()}</span> })}
                        </p>
                    </li>
                }).collect_view()}
            </ul>
        })
    };
    view! {
        <Title text="My tasks" />
        <h1>"My tasks"</h1>
        {list}
    }
}
