use crate::api::{load_my_tasks, load_tasks};
use crate::components::layout::MeResource;
use crate::error::AppError;
use handoff::{ProviderTaskLine, Role, TaskLine};
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

lazy_page!(TasksRoute, TasksPage);

/// What the list shows: the workspace's tasks for an owner, "My tasks" for
/// a provider. One resource decides, so the page renders in one pass on the
/// server (a resource made inside another's suspense can stall streaming).
#[derive(Clone, Debug, Serialize, Deserialize)]
enum TaskList {
    Owner(Vec<TaskLine>),
    Provider(Vec<ProviderTaskLine>),
    SignedOut,
}

async fn load(me: MeResource) -> Result<TaskList, AppError> {
    match me.await?.map(|m| m.role) {
        Some(Role::Owner) => Ok(TaskList::Owner(load_tasks().await?)),
        Some(Role::Provider) => Ok(TaskList::Provider(load_my_tasks().await?)),
        None => Ok(TaskList::SignedOut),
    }
}

#[component]
pub fn TasksPage() -> impl IntoView {
    let me = expect_context::<MeResource>();
    let tasks = Resource::new(|| (), move |_| load(me));
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading tasks…"</p> }>
            {move || Suspend::new(async move {
                match tasks.await {
                    Ok(TaskList::Owner(tasks)) => EitherOf4::A(owner_tasks(tasks)),
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

fn owner_tasks(tasks: Vec<TaskLine>) -> impl IntoView {
    let list = if tasks.is_empty() {
        Either::Left(view! {
            <section class="card"><p>"No tasks yet. Create one with “New task”."</p></section>
        })
    } else {
        Either::Right(view! {
            <section class="card">
                <div class="table-wrap">
                    <table>
                        <caption class="visually-hidden">"Tasks"</caption>
                        <thead><tr><th scope="col">"Task"</th><th scope="col">"State"</th><th scope="col">"Client"</th><th scope="col">"Provider"</th></tr></thead>
                        <tbody>
                            {tasks.into_iter().map(|t| view! {
                                <tr>
                                    <th scope="row"><a href=format!("/tasks/{}", t.task_id)>{t.title}</a></th>
                                    <td><span class=format!("state state-{}", t.state.as_str())>{t.state.to_string()}</span></td>
                                    <td class="alias">{t.client_alias.unwrap_or_default()}</td>
                                    <td>{t.assignee_name.unwrap_or_else(|| "—".into())}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        })
    };
    view! {
        <Title text="Tasks" />
        <div class="page-head">
            <h1>"Tasks"</h1>
            <a class="button" href="/tasks/new">"New task"</a>
        </div>
        {list}
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
                        <a href=format!("/tasks/{}", t.task_id)>{t.title}</a>
                        <p class="muted">
                            <span class=format!("state state-{}", t.state.as_str())>{t.state.to_string()}</span>
                            {t.client_alias.map(|a| view! { " · " <span class="alias">{a}</span> })}
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
