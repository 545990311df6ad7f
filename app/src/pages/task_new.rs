use crate::api::{load_task_choices, CreateTask};
use crate::components::form::{error_of, FormAlert};
use crate::components::task_fields::TaskFields;
use handoff::TaskInput;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

lazy_page!(NewTaskRoute, NewTaskPage, owners);

/// Owners: a new task, optionally for the client named in `?client=`.
#[component]
pub fn NewTaskPage() -> impl IntoView {
    let query = use_query_map();
    let client = move || query.with(|q| q.get("client").unwrap_or_default());
    let choices = Resource::new(|| (), |_| load_task_choices());
    let create = ServerAction::<CreateTask>::new();
    let errors = error_of(create.value());
    view! {
        <Title text="New task" />
        <p class="breadcrumb"><a href="/tasks">"Tasks"</a></p>
        <h1>"New task"</h1>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Ok(choices) => Either::Left(view! {
                        <section class="card">
                            <ActionForm action=create>
                                <FormAlert errors />
                                <TaskFields
                                    value=TaskInput { client_id: client(), ..TaskInput::default() }
                                    clients=choices.clients
                                    providers=choices.providers
                                    errors
                                />
                                <p class="hint">"After saving you choose which of the client's fields the provider may see."</p>
                                <button type="submit" class="button" disabled=move || create.pending().get()>
                                    {move || if create.pending().get() { "Saving…" } else { "Create task" }}
                                </button>
                            </ActionForm>
                        </section>
                    }),
                    Err(e) => Either::Right(view! { <p class="error" role="alert">{e.to_string()}</p> }),
                }
            })}
        </Transition>
    }
}
