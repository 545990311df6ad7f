use crate::api::{load_my_tasks, load_tasks};
use crate::components::layout::MeResource;
use handoff::Role;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;

lazy_page!(TasksRoute, TasksPage);

/// Owners see the workspace's tasks; a provider sees "My tasks".
#[component]
pub fn TasksPage() -> impl IntoView {
    let me = expect_context::<MeResource>();
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading tasks…"</p> }>
            {move || Suspend::new(async move {
                match me.await.ok().flatten().map(|m| m.role) {
                    Some(Role::Owner) => EitherOf3::A(view! { <OwnerTasks /> }),
                    Some(Role::Provider) => EitherOf3::B(view! { <MyTasks /> }),
                    None => EitherOf3::C(view! {
                        <section class="card narrow">
                            <h1>"Tasks"</h1>
                            <p>"Sign in to see your tasks."</p>
                            <p><a class="button" href="/login">"Sign in"</a></p>
                        </section>
                    }),
                }
            })}
        </Transition>
    }
}

#[component]
fn OwnerTasks() -> impl IntoView {
    let tasks = Resource::new(|| (), |_| load_tasks());
    view! {
        <Title text="Tasks" />
        <div class="page-head">
            <h1>"Tasks"</h1>
            <a class="button" href="/tasks/new">"New task"</a>
        </div>
        <Transition fallback=|| view! { <p class="muted">"Loading tasks…"</p> }>
            {move || Suspend::new(async move {
                match tasks.await {
                    Ok(tasks) if tasks.is_empty() => EitherOf3::A(view! {
                        <section class="card"><p>"No tasks yet. Create one with “New task”."</p></section>
                    }),
                    Ok(tasks) => EitherOf3::B(view! {
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
                    }),
                    Err(e) => EitherOf3::C(view! { <p class="error" role="alert">{e.to_string()}</p> }),
                }
            })}
        </Transition>
    }
}

#[component]
fn MyTasks() -> impl IntoView {
    let tasks = Resource::new(|| (), |_| load_my_tasks());
    view! {
        <Title text="My tasks" />
        <h1>"My tasks"</h1>
        <Transition fallback=|| view! { <p class="muted">"Loading your tasks…"</p> }>
            {move || Suspend::new(async move {
                match tasks.await {
                    Ok(tasks) if tasks.is_empty() => EitherOf3::A(view! {
                        <section class="card"><p>"Nothing assigned to you yet. New tasks appear here when an owner assigns them."</p></section>
                    }),
                    Ok(tasks) => EitherOf3::B(view! {
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
                    }),
                    Err(e) => EitherOf3::C(view! { <p class="error" role="alert">{e.to_string()}</p> }),
                }
            })}
        </Transition>
    }
}
