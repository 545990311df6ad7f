use crate::api::{
    load_my_task, load_owner_task, load_provider_thread, load_team_thread, CancelTask,
    SetDisclosures, UpdateTask,
};
use crate::components::confirm::Confirm;
use crate::components::form::{error_of, FormAlert, SavedNotice};
use crate::components::me::MeResource;
use crate::components::state_badge::StateBadge;
use crate::components::task_fields::TaskFields;
use crate::components::team_thread::{owner_team_thread, portal_toggle, provider_team_thread};
use crate::components::thread::read_up_to;
use crate::components::work::{
    review_view, submission_view, terms_view, timeline_view, ProviderMoves, ReviewForm, SubmitDraft,
};
use crate::error::AppError;
use handoff::thread::{OwnerThread, ProviderThread};
use handoff::{OwnerTask, ProviderTask, Role};
use leptos::either::{Either, EitherOf3, EitherOf4};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

mod disclosure;

use disclosure::disclosure_section;

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
    ("message", "Message sent."),
    (
        "relay",
        "Sent for approval. An owner reads it before the client does.",
    ),
    ("portal", "Saved. The client's portal shows what you chose."),
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
    Owner(Box<OwnerTask>, Box<OwnerThread>, String),
    Provider(Box<ProviderTask>, Box<ProviderThread>, String),
    SignedOut,
}

/// The task, its team thread, and the viewer's zone for the thread's
/// times. Opening the page reads the thread: its newest message is marked
/// read (on the server, so without JavaScript too).
async fn load(me: MeResource, id: i64) -> Result<TaskView, AppError> {
    let Some(me) = me.await? else {
        return Ok(TaskView::SignedOut);
    };
    let view = match me.role {
        Role::Owner => {
            let task = load_owner_task(id).await?;
            let thread = load_team_thread(id).await?;
            read_up_to(
                Some(id),
                None,
                thread.messages.last().map(|m| m.message_id),
                thread.last_read_id,
            )
            .await?;
            TaskView::Owner(Box::new(task), Box::new(thread), me.time_zone)
        }
        Role::Provider => {
            let task = load_my_task(id).await?;
            let thread = load_provider_thread(id).await?;
            read_up_to(
                Some(id),
                None,
                thread.messages.last().map(|m| m.message_id),
                thread.last_read_id,
            )
            .await?;
            TaskView::Provider(Box::new(task), Box::new(thread), me.time_zone)
        }
    };
    Ok(view)
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
    let editing = move || query.with(|q| q.get("edit").is_some());
    view! {
            <p class="breadcrumb"><a href="/tasks">"Tasks"</a></p>
            <SavedNotice messages=SAVED />
            <Transition fallback=|| view! { <p class="muted">"Loading the task…"</p> }>
                {move || Suspend::new(async move {
                    match task.await {
                        Ok(TaskView::Owner(task, thread, zone)) => EitherOf4::A(owner_task(*task, *thread, zone, confirming_cancel(), editing())),
                        Ok(TaskView::Provider(task, thread, zone)) => EitherOf4::B(provider_task(*task, *thread, zone)),
    // Signed out: `SignInFirst` (in the layout) is sending the visitor to
                        // sign in; nothing of the page shows meanwhile.
                        Ok(TaskView::SignedOut) => EitherOf4::C(()),
                        Err(e) => EitherOf4::D(view! { <p class="error" role="alert">{e.to_string()}</p> }),
                    }
                })}
            </Transition>
        }
}

fn provider_task(task: ProviderTask, thread: ProviderThread, zone: String) -> impl IntoView {
    let work = task.work;
    let criteria: Vec<String> = work.terms.criteria.iter().map(|c| c.to_string()).collect();
    // Back in progress after a review: the next round starts from the last.
    let draft = (task.state == handoff::TaskState::InProgress)
        .then(|| work.submission.as_ref().map(SubmitDraft::from_submission))
        .flatten();
    let moves = (!work.moves.is_empty()).then(|| {
        view! { <ProviderMoves task_id=task.task_id version=task.version moves=work.moves.clone() criteria draft=draft.unwrap_or_default() /> }
    });
    let review = work.review.map(review_view);
    let submission = work.submission.map(submission_view);
    let terms = terms_view(work.terms, ());
    let timeline = timeline_view(work.timeline);
    let client = task.client.map(|c| {
        let nothing = c.disclosed.is_empty();
        view! {
            <section class="card" aria-labelledby="client-heading">
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
            <div class="title-line">
                <h1>{task.title.to_string()}</h1>
                <StateBadge state=task.state />
            </div>
        </div>
        <div class="task-layout">
            <div class="task-main">
                <section class="card" aria-labelledby="instructions-heading">
                    <h2 id="instructions-heading">"Instructions"</h2>
                    <div class="prose" inner_html=task.instructions_html.to_string()></div>
                </section>
                {terms}
                {review}
                {moves}
                {submission}
                {provider_team_thread(thread, zone)}
            </div>
            <div class="task-side">
                {client}
                {timeline}
            </div>
        </div>
    }
}

fn owner_task(
    task: OwnerTask,
    thread: OwnerThread,
    zone: String,
    confirming_cancel: bool,
    editing: bool,
) -> impl IntoView {
    let open = task.state.is_open();
    let id = task.task_id;
    let title = task.input.title.clone();
    let client = match (&task.client_alias, &task.client_name) {
        (Some(alias), Some(name)) => EitherOf3::A(view! {
            <span class="client-name">{name.clone()}</span>" "
            <span class="alias badge" title="What the provider sees">{alias.clone()}</span>
        }),
        (Some(alias), None) => EitherOf3::B(view! {
            <span class="alias badge">{alias.clone()}</span>" "<span class="muted">"(erased)"</span>
        }),
        _ => EitherOf3::C(view! { <span class="muted">"No client"</span> }),
    };
    let assignee = match task.assignee_name.clone() {
        Some(name) => Either::Left(view! { <span>{name}</span> }),
        None => Either::Right(view! { <span class="muted">"Not assigned (draft)"</span> }),
    };
    let people = view! {
        <div><dt>"Client"</dt><dd>{client}</dd></div>
        <div><dt>"Provider"</dt><dd>{assignee}</dd></div>
    };
    let work = task.work.clone();
    let submitted = task.state == handoff::TaskState::Submitted;
    // The next thing the owner does comes straight after the task: review a
    // submission, or read what was asked of the provider.
    let next = if submitted {
        let criteria = work.terms.criteria.clone();
        Either::Left(view! {
            <div class="next-action" aria-label="Review the submission" role="group">
                {work.submission.clone().map(submission_view)}
                <ReviewForm task_id=id version=task.version criteria />
            </div>
        })
    } else {
        Either::Right(view! {
            {work.review.clone().map(review_view)}
            {work.submission.clone().map(submission_view)}
        })
    };
    let terms = terms_view(work.terms, people);
    let timeline = timeline_view(work.timeline);
    let disclosures = (open && task.client_alias.is_some()).then(|| disclosure_section(&task));
    let edit = open.then(|| edit_section(&task, editing));
    let cancel = open.then(|| cancel_confirm(id, task.version, confirming_cancel));
    let portal = task
        .client_alias
        .is_some()
        .then(|| portal_toggle(id, task.show_in_portal));
    let team = owner_team_thread(thread, id, zone);
    view! {
        <Title text=title.clone() />
        <div class="page-head task-head">
            <div class="title-line">
                <h1>{title}</h1>
                <StateBadge state=task.state />
            </div>
            <div class="head-actions">{cancel}</div>
        </div>
        {(!open).then(|| view! { <p class="notice-quiet">"This task is over. Its disclosures have ended; the provider keeps it in their history under the client's alias only."</p> })}
        <div class="task-layout">
            <div class="task-main">
                {terms}
                {next}
                {team}
                {edit}
            </div>
            <div class="task-side">
                {disclosures}
                {portal}
                {timeline}
            </div>
        </div>
    }
}

/// The editor, folded away behind "Edit task" until asked for (`?edit`, or
/// an error from the last save, which must be seen beside its field).
fn edit_section(task: &OwnerTask, editing: bool) -> impl IntoView {
    let update = ServerAction::<UpdateTask>::new();
    let errors = error_of(update.value());
    let (id, version) = (task.task_id, task.version);
    let (input, clients, providers, preview) = (
        task.input.clone(),
        task.clients.clone(),
        task.providers.clone(),
        task.preview.clone(),
    );
    let open = move || editing || errors.get().is_some();
    // After a save the page is rendered again into the same elements, which
    // would keep the editor as the person left it: fold it away.
    let details = NodeRef::<leptos::html::Details>::new();
    Effect::new(move |_| {
        if matches!(update.value().get(), Some(Ok(()))) {
            if let Some(d) = details.get_untracked() {
                d.set_open(false);
            }
        }
    });
    view! {
        <details class="card editor" id="edit-task" open=open node_ref=details>
            <summary><span class="editor-summary">"Edit task"</span></summary>
            <ActionForm action=update>
                <FormAlert errors />
                <input type="hidden" name="task_id" value=id />
                <input type="hidden" name="version" value=version />
                <TaskFields
                    value=input
                    clients
                    providers
                    preview
                    task_id=id
                    errors
                />
                <p class="hint">"Changing the provider or the client ends this task's disclosures."</p>
                <button type="submit" class="button" disabled=move || update.pending().get()>
                    {move || if update.pending().get() { "Saving…" } else { "Save task" }}
                </button>
            </ActionForm>
        </details>
    }
}

fn cancel_confirm(id: i64, version: i64, confirming: bool) -> impl IntoView {
    let cancel = ServerAction::<CancelTask>::new();
    let errors = error_of(cancel.value());
    let open = confirming || errors.get_untracked().is_some();
    view! {
        <Confirm
            id="cancel-task"
            label="Cancel task…"
            question="Cancel this task?"
            keep="Keep it"
            back=format!("/tasks/{id}")
            open
        >
            <FormAlert errors />
            <p>"Cancelling ends the task and its disclosures. It cannot be reopened."</p>
            <ActionForm action=cancel attr:class="inline-form">
                <input type="hidden" name="task_id" value=id />
                <input type="hidden" name="version" value=version />
                <button type="submit" class="button danger">"Yes, cancel this task"</button>
            </ActionForm>
        </Confirm>
    }
}
