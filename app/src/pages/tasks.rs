use crate::api::{load_board, load_my_tasks};
use crate::components::empty_state::EmptyState;
use crate::components::filters::{filter_select, pager, url_encode};
use crate::components::me::MeResource;
use crate::components::state_badge::StateBadge;
use crate::components::work::due_badge;
use crate::error::AppError;
use handoff::task::{Board, BoardFilter, BoardLayout, TaskLine};
use handoff::TaskState;
use handoff::{ProviderTaskLine, Role};
use leptos::either::{Either, EitherOf3, EitherOf4};
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

async fn load(
    me: MeResource,
    filter: BoardFilter,
    layout: BoardLayout,
    page: u32,
) -> Result<TaskList, AppError> {
    match me.await?.map(|m| m.role) {
        Some(Role::Owner) => Ok(TaskList::Owner(load_board(filter, layout, page).await?)),
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
    let view_as = move || query.with(|q| BoardLayout::from_param(q.get("view").as_deref()));
    let tasks = Resource::new(
        move || (filter(), view_as(), page()),
        move |(f, l, p)| load(me, f, l, p),
    );
    view! {
            <Transition fallback=|| view! { <p class="muted">"Loading tasks…"</p> }>
                {move || Suspend::new(async move {
                    match tasks.await {
                        Ok(TaskList::Owner(board)) => EitherOf4::A(owner_tasks(board, filter(), view_as())),
                        Ok(TaskList::Provider(tasks)) => EitherOf4::B(my_tasks(tasks)),
    // Signed out: `SignInFirst` (in the layout) is sending the visitor to
                        // sign in; nothing of the page shows meanwhile.
                        Ok(TaskList::SignedOut) => EitherOf4::C(()),
                        Err(e) => EitherOf4::D(view! {
                            <h1>"Tasks"</h1>
                            <p class="error" role="alert">{e.to_string()}</p>
                        }),
                    }
                })}
            </Transition>
        }
}

/// The board's columns, in the order work flows; accepted and cancelled
/// tasks share "Done".
const COLUMNS: [(&str, &[TaskState]); 6] = [
    ("Draft", &[TaskState::Draft]),
    ("Assigned", &[TaskState::Assigned]),
    ("In progress", &[TaskState::InProgress]),
    ("Submitted", &[TaskState::Submitted]),
    ("Changes requested", &[TaskState::ChangesRequested]),
    ("Done", &[TaskState::Accepted, TaskState::Cancelled]),
];

/// The client as an owner reads it: the name, with the alias beside it, in
/// one box (a phone's stacked row is a grid: two boxes would put the alias
/// under the row's label, where a name breaks mid-word).
fn client_cell(name: Option<String>, alias: Option<String>) -> impl IntoView {
    match (name, alias) {
        (Some(name), Some(alias)) => EitherOf3::A(view! {
            <span class="client-who">
                <span class="client-name">{name}</span>" "<span class="alias">{alias}</span>
            </span>
        }),
        (None, Some(alias)) => EitherOf3::B(view! { <span class="alias">{alias}</span> }),
        _ => EitherOf3::C(view! { <span class="muted">"—"</span> }),
    }
}

fn board_list(tasks: Vec<TaskLine>) -> impl IntoView {
    view! {
        <div class="board-list">
            <table class="stack-table">
                <caption class="visually-hidden">"Tasks, open ones first, overdue at the top"</caption>
                <thead><tr><th scope="col">"Task"</th><th scope="col">"State"</th><th scope="col">"Due"</th><th scope="col">"Client"</th><th scope="col">"Provider"</th><th scope="col">"Outcome"</th></tr></thead>
                <tbody>
                    {tasks.into_iter().map(|t| view! {
                        <tr>
                            <th scope="row"><a href=format!("/tasks/{}", t.task_id)>{t.title}</a></th>
                            <td data-label="State"><StateBadge state=t.state /></td>
                            <td data-label="Due">{t.due.as_ref().map(due_badge)}</td>
                            <td data-label="Client">{client_cell(t.client_name, t.client_alias)}</td>
                            <td data-label="Provider">{t.assignee_name.unwrap_or_else(|| "—".into())}</td>
                            <td data-label="Outcome">{t.outcome_kind}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn board_columns(tasks: Vec<TaskLine>) -> impl IntoView {
    let columns = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, (name, states))| {
            let cards: Vec<TaskLine> = tasks
                .iter()
                .filter(|t| states.contains(&t.state))
                .cloned()
                .collect();
            let heading = format!("column-{i}");
            let labelled_by = heading.clone();
            let count = cards.len();
            view! {
                <section class="board-column" aria-labelledby=labelled_by>
                    <h2 id=heading>{*name}<span class="count">{count}</span></h2>
                    {if cards.is_empty() {
                        Either::Left(view! { <p class="muted column-empty">"Nothing here"</p> })
                    } else {
                        Either::Right(view! {
                            <ul class="column-cards">
                                {cards.into_iter().map(|t| view! {
                                    <li class="column-card">
                                        <a href=format!("/tasks/{}", t.task_id)>{t.title}</a>
                                        <p class="card-meta">{client_cell(t.client_name, t.client_alias)}</p>
                                        <p class="card-meta">
                                            {(states.len() > 1).then(|| view! { <StateBadge state=t.state />" " })}
                                            {t.due.as_ref().map(due_badge)}
                                            " "<span class="muted">{t.assignee_name.unwrap_or_else(|| "Not assigned".into())}</span>
                                        </p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        })
                    }}
                </section>
            }
        })
        .collect_view();
    view! {
        // Only the board scrolls sideways on a narrow screen; focusable so
        // a keyboard can scroll it too.
        <div class="board-columns" role="region" aria-label="Tasks by state" tabindex="0">
            {columns}
        </div>
    }
}

/// The owner board: open tasks first, overdue at the top.
fn owner_tasks(board: Board, filter: BoardFilter, view_as: BoardLayout) -> impl IntoView {
    let filtered = filter != BoardFilter::default();
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
    // The client box takes any part of a name or alias; the list offers each
    // client by name with the alias beside it.
    let client_options = board
        .clients
        .iter()
        .map(|c| view! { <option value=c.alias.clone() label=format!("{} ({})", c.name, c.alias)></option> })
        .collect_view();
    let view_param = view_as.param();
    let clear = format!("/tasks?view={view_param}");
    let list = if board.tasks.is_empty() {
        EitherOf3::A(if filtered {
            Either::Left(view! {
                <EmptyState level=2 heading="No tasks match."
                    text="Clear the filters to see every task."
                    href=clear.clone() action="Clear the filters" secondary=true />
            })
        } else {
            Either::Right(view! {
                <EmptyState icon="clipboard" level=2 heading="No tasks yet."
                    text="Create a task: say what you need done and how you will judge it, pick the client and a provider. The provider sees the client only by alias."
                    href="/tasks/new" action="Create a task" />
            })
        })
    } else if view_as == BoardLayout::Columns {
        EitherOf3::B(board_columns(board.tasks))
    } else {
        EitherOf3::C(board_list(board.tasks))
    };
    let switch_link = |to: BoardLayout, label: &'static str| {
        let href = format!("/tasks?{qs}&view={}", to.param());
        let current = (to == view_as).then_some("page");
        view! { <a class="view-option" href=href aria-current=current>{label}</a> }
    };
    let switch = view! {
        <nav class="view-switch" aria-label="Show the board as">
            {switch_link(BoardLayout::List, "List")}
            {switch_link(BoardLayout::Columns, "Columns")}
        </nav>
    };
    let page_link = move |p: u32| format!("/tasks?{qs}&view={view_param}&page={p}");
    view! {
        <Title text="Tasks" />
        <div class="page-head">
            <h1>"Tasks"</h1>
            <div class="head-actions">
                {switch}
                <a class="button" href="/tasks/new">"New task"</a>
            </div>
        </div>
        <section class="card board-card">
            <form method="get" action="/tasks" class="filters" aria-label="Filter the tasks">
                <input type="hidden" name="view" value=view_param />
                {filter_select("Provider", "provider_id", providers, &filter.provider_id, "Any provider")}
                <div class="field">
                    <label for="board-client_alias">"Client"</label>
                    <input id="board-client_alias" name="client_alias" list="board-clients" value=filter.client_alias.clone() placeholder="Name or alias" aria-describedby="board-client-hint" />
                    <datalist id="board-clients">{client_options}</datalist>
                    <p class="visually-hidden" id="board-client-hint">"Any part of the client's name or alias."</p>
                </div>
                <div class="field">
                    <label for="board-outcome_kind">"Outcome"</label>
                    <input id="board-outcome_kind" name="outcome_kind" value=filter.outcome_kind.clone() placeholder="intake booked" />
                </div>
                {filter_select("State", "state", states, &filter.state, "Any state")}
                <div class="actions">
                    <button type="submit" class="button secondary">"Filter"</button>
                    {filtered.then(|| view! { <a class="button secondary" href=clear.clone()>"Clear"</a> })}
                </div>
            </form>
            {list}
            {pager(board.page, board.has_more, page_link)}
        </section>
    }
}

/// A provider's tasks: open ones first by due time, then the closed ones
/// under "Done".
fn my_tasks(tasks: Vec<ProviderTaskLine>) -> impl IntoView {
    if tasks.is_empty() {
        return Either::Left(view! {
            <Title text="My tasks" />
            <h1>"My tasks"</h1>
            <section class="card">
                <EmptyState icon="check" level=2 heading="Nothing assigned to you yet."
                    text="New tasks appear here when an owner assigns them to you." />
            </section>
        });
    }
    let (mut open, done): (Vec<_>, Vec<_>) = tasks.into_iter().partition(|t| t.state.is_open());
    // Soonest due first; undated work after the dated.
    open.sort_by_key(|t| (t.due.is_none(), t.due.as_ref().map(|d| d.at_ms)));
    let open_list = if open.is_empty() {
        Either::Left(view! { <p class="muted">"No open tasks. Well done."</p> })
    } else {
        Either::Right(task_cards(open))
    };
    let done_section = (!done.is_empty()).then(|| {
        view! {
            <section class="done-tasks" aria-labelledby="done-heading">
                <h2 id="done-heading">"Done"</h2>
                {task_cards(done)}
            </section>
        }
    });
    Either::Right(view! {
        <Title text="My tasks" />
        <h1>"My tasks"</h1>
        <section class="open-tasks" aria-labelledby="open-heading">
            <h2 id="open-heading" class="visually-hidden">"Open"</h2>
            {open_list}
        </section>
        {done_section}
    })
}

fn task_cards(tasks: Vec<ProviderTaskLine>) -> impl IntoView {
    view! {
        <ul class="task-cards">
            {tasks.into_iter().map(|t| view! {
                <li class="card task-card">
                    <a href=format!("/tasks/{}", t.task_id)>{t.title.to_string()}</a>
                    <p class="card-meta">
                        <StateBadge state=t.state />
                        {t.due.as_ref().map(|d| view! { " " {due_badge(d)} })}
                        {t.client_alias.map(|a| view! { " " <span class="alias">{a.to_string()}</span> })}
                    </p>
                </li>
            }).collect_view()}
        </ul>
    }
}
