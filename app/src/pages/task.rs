use crate::api::{load_my_task, load_owner_task, CancelTask, SetDisclosures, UpdateTask};
use crate::components::form::{error_of, FormAlert, SavedNotice};
use crate::components::layout::MeResource;
use crate::components::state_badge::StateBadge;
use crate::components::task_fields::TaskFields;
use crate::components::work::{
    review_view, submission_view, terms_view, timeline_view, ProviderMoves, ReviewForm,
};
use crate::error::AppError;
use handoff::{OwnerTask, ProviderTask, Role};
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

lazy_page!(TaskRoute, TaskPage);

const SAVED: &[(&str, &str)] = &[
    ("start", "Started. The owner sees it is in progress."),
    ("resume", "Back in progress with the requested changes."),
    ("decline", "Declined. The task went back to the owner."),
    ("submit", "Submitted. The owner will review it."),
    (
        "accept",
        "Accepted. The task is done and its disclosures have ended.",
    ),
    (
        "request_changes",
        "Changes requested. The provider sees your feedback.",
    ),
    (
        "created",
        "Task created. Choose below what the provider may see of the client.",
    ),
    ("task", "Task saved."),
    ("disclosures", "Disclosures saved and logged."),
    ("cancelled", "Task cancelled. Its disclosures have ended."),
];

fn task_id() -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.with(|p| p.get("id").and_then(|id| id.parse().ok()).unwrap_or(0))
}

/// The task as the viewer may see it: the owner's editor or the
/// provider's redacted view. One resource decides, so the page renders in
/// one pass on the server.
#[derive(Clone, Debug, Serialize, Deserialize)]
enum TaskView {
    Owner(Box<OwnerTask>),
    Provider(Box<ProviderTask>),
    SignedOut,
}

async fn load(me: MeResource, id: i64) -> Result<TaskView, AppError> {
    match me.await?.map(|m| m.role) {
        Some(Role::Owner) => Ok(TaskView::Owner(Box::new(load_owner_task(id).await?))),
        Some(Role::Provider) => Ok(TaskView::Provider(Box::new(load_my_task(id).await?))),
        None => Ok(TaskView::SignedOut),
    }
}

#[component]
pub fn TaskPage() -> impl IntoView {
    let me = expect_context::<MeResource>();
    let id = task_id();
    let query = use_query_map();
    let task = Resource::new(
        move || (id(), query.with(|q| q.get("at"))),
        move |(id, _)| load(me, id),
    );
    let confirming_cancel = move || query.with(|q| q.get("cancel").is_some());
    view! {
        <p class="breadcrumb"><a href="/tasks">"Tasks"</a></p>
        <SavedNotice messages=SAVED />
        <Transition fallback=|| view! { <p class="muted">"Loading the task…"</p> }>
            {move || Suspend::new(async move {
                match task.await {
                    Ok(TaskView::Owner(task)) => EitherOf4::A(owner_task(*task, confirming_cancel())),
                    Ok(TaskView::Provider(task)) => EitherOf4::B(provider_task(*task)),
                    Ok(TaskView::SignedOut) => EitherOf4::C(view! {
                        <section class="card narrow">
                            <p>"Sign in to see this task."</p>
                            <p><a class="button" href="/login">"Sign in"</a></p>
                        </section>
                    }),
                    Err(e) => EitherOf4::D(view! { <p class="error" role="alert">{e.to_string()}</p> }),
                }
            })}
        </Transition>
    }
}

fn provider_task(task: ProviderTask) -> impl IntoView {
    let work = task.work;
    let criteria: Vec<String> = work.terms.criteria.iter().map(|c| c.to_string()).collect();
    let moves = (!work.moves.is_empty()).then(|| {
        view! { <ProviderMoves task_id=task.task_id version=task.version moves=work.moves.clone() criteria /> }
    });
    let review = work.review.map(review_view);
    let submission = work.submission.map(submission_view);
    let terms = terms_view(work.terms);
    let timeline = timeline_view(work.timeline);
    let client = task.client.map(|c| {
        let nothing = c.disclosed.is_empty();
        view! {
            <section class="card narrow" aria-labelledby="client-heading">
                <h2 id="client-heading">"Client"</h2>
                <p class="alias badge">{c.alias.to_string()}</p>
                {if nothing {
                    Either::Left(view! { <p class="muted">"No details of this client were shared for this task."</p> })
                } else {
                    Either::Right(view! {
                        <dl class="facts">
                            {c.disclosed.into_iter().map(|d| view! { <div><dt>{d.label.to_string()}</dt><dd>{d.value.to_string()}</dd></div> }).collect_view()}
                        </dl>
                    })
                }}
            </section>
        }
    });
    view! {
        <Title text=task.title.to_string() />
        <div class="page-head">
            <h1>{task.title.to_string()}</h1>
            <StateBadge state=task.state />
        </div>
        {review}
        {moves}
        {client}
        <section class="card narrow" aria-labelledby="instructions-heading">
            <h2 id="instructions-heading">"Instructions"</h2>
            <div class="prose" inner_html=task.instructions_html.to_string()></div>
        </section>
        {terms}
        {submission}
        {timeline}
    }
}

fn owner_task(task: OwnerTask, confirming_cancel: bool) -> impl IntoView {
    let update = ServerAction::<UpdateTask>::new();
    let errors = error_of(update.value());
    let open = task.state.is_open();
    let who = match (&task.client_alias, &task.client_name) {
        (Some(alias), Some(name)) => format!("For {name} ({alias})"),
        (Some(alias), None) => format!("For {alias} (erased)"),
        _ => "No client".to_string(),
    };
    let assignee = task
        .assignee_name
        .clone()
        .unwrap_or_else(|| "not assigned".into());
    let id = task.task_id;
    let title = task.input.title.clone();
    let disclosures = (open && task.client_alias.is_some()).then(|| disclosure_section(&task));
    let edit = open.then(|| view! {
        <section class="card" aria-labelledby="edit-heading">
            <h2 id="edit-heading">"Edit task"</h2>
            <ActionForm action=update>
                <FormAlert errors />
                <input type="hidden" name="task_id" value=id />
                <input type="hidden" name="version" value=task.version />
                <TaskFields
                    value=task.input.clone()
                    clients=task.clients.clone()
                    providers=task.providers.clone()
                    preview=task.preview.clone()
                    task_id=id
                    errors
                />
                <p class="hint">"Changing the provider or the client ends this task's disclosures."</p>
                <button type="submit" class="button" disabled=move || update.pending().get()>
                    {move || if update.pending().get() { "Saving…" } else { "Save task" }}
                </button>
            </ActionForm>
        </section>
    });
    let cancel = open.then(|| cancel_section(id, task.version, confirming_cancel));
    let work = task.work.clone();
    let review_form = (task.state == handoff::TaskState::Submitted).then(|| {
        view! { <ReviewForm task_id=id version=task.version criteria=work.terms.criteria.clone() /> }
    });
    let submission = work.submission.map(submission_view);
    let review = work.review.map(review_view);
    let terms = terms_view(work.terms);
    let timeline = timeline_view(work.timeline);
    view! {
        <Title text=title.clone() />
        <div class="page-head">
            <h1>{title}</h1>
            <StateBadge state=task.state />
        </div>
        <p class="muted">{who}" · Provider: "{assignee}</p>
        {(!open).then(|| view! { <section class="card narrow"><p>"This task is over. Its disclosures have ended; the provider keeps it in their history under the client's alias only."</p></section> })}
        {submission}
        {review_form}
        {review}
        {terms}
        {disclosures}
        {edit}
        {timeline}
        {cancel}
    }
}

fn disclosure_section(task: &OwnerTask) -> impl IntoView {
    let set = ServerAction::<SetDisclosures>::new();
    let errors = error_of(set.value());
    let sensitive = task
        .disclosure_options
        .iter()
        .any(|o| o.kind.needs_confirmation());
    let confirm_error = move || errors.get().and_then(|e| e.field("confirm_sensitive"));
    let fields_error = move || errors.get().and_then(|e| e.field("fields"));
    let options = task
        .disclosure_options
        .iter()
        .map(|o| {
            let id = format!("disclose-{}", o.key.replace(':', "-"));
            let note = if o.kind.needs_confirmation() {
                format!("{}, needs confirmation", o.kind)
            } else {
                o.kind.to_string()
            };
            let warning = o.holds_contact_details.then(|| view! {
                <span class="field-warning">" Holds contact details: the provider will see them masked."</span>
            });
            view! {
                <li class="check">
                    <input type="checkbox" id=id.clone() name="fields[]" value=o.key.clone() checked=o.disclosed />
                    <label for=id>{o.label.clone()}<span class="muted">{format!(" ({note})")}</span>{warning}</label>
                </li>
            }
        })
        .collect_view();
    let empty = task.disclosure_options.is_empty();
    let task_id = task.task_id;
    let alias = task.client_alias.clone();
    view! {
        <section class="card narrow" aria-labelledby="disclose-heading">
            <h2 id="disclose-heading">"What the provider may see"</h2>
            <p class="hint">"The provider sees the client as "<strong>{alias}</strong>" plus the fields you tick. Contact details (email, phone, address and contact fields) are never offered. Every change is logged."</p>
            {if empty {
                Either::Left(view! { <p class="muted">"This client has no fields that could be disclosed."</p> })
            } else {
                Either::Right(view! {
                    <ActionForm action=set>
                        <FormAlert errors />
                        <input type="hidden" name="task_id" value=task_id />
                        <input type="hidden" name="fields[]" value="" />
                        <fieldset>
                            <legend>"Disclose for this task"</legend>
                            <ul class="checks">{options}</ul>
                            <p class="field-error" aria-live="polite">{fields_error}</p>
                        </fieldset>
                        {sensitive.then(|| view! {
                            <div class="field check" class:has-error=move || confirm_error().is_some()>
                                <input type="checkbox" id="confirm-sensitive" name="confirm_sensitive" value="yes" aria-describedby="confirm-sensitive-error" />
                                <label for="confirm-sensitive">"I confirm the provider needs the health or payment information I ticked to do this task."</label>
                                <p class="field-error" id="confirm-sensitive-error" aria-live="polite">{confirm_error}</p>
                            </div>
                        })}
                        <button type="submit" class="button" disabled=move || set.pending().get()>
                            {move || if set.pending().get() { "Saving…" } else { "Save disclosures" }}
                        </button>
                    </ActionForm>
                })
            }}
        </section>
    }
}

fn cancel_section(id: i64, version: i64, confirming: bool) -> impl IntoView {
    let cancel = ServerAction::<CancelTask>::new();
    let errors = error_of(cancel.value());
    view! {
        <section class="card narrow" aria-labelledby="cancel-heading">
            <h2 id="cancel-heading">"Cancel task"</h2>
            <FormAlert errors />
            {if confirming {
                Either::Left(view! {
                    <p>"Cancelling ends the task and its disclosures. It cannot be reopened."</p>
                    <div class="actions">
                        <ActionForm action=cancel attr:class="inline-form">
                            <input type="hidden" name="task_id" value=id />
                            <input type="hidden" name="version" value=version />
                            <button type="submit" class="button danger">"Yes, cancel this task"</button>
                        </ActionForm>
                        <a class="button secondary" href=format!("/tasks/{id}")>"Keep it"</a>
                    </div>
                })
            } else {
                Either::Right(view! { <a class="button secondary" href=format!("/tasks/{id}?cancel=1")>"Cancel task…"</a> })
            }}
        </section>
    }
}
