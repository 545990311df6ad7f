use crate::api::{load_client, EraseClient, RemoveClientField, SaveClientField, UpdateClient};
use crate::components::client_fields::ClientFields;
use crate::components::client_thread::{
    load_conversation, ClientThread, Conversation, ForwardTarget, PortalLinkCard, Previewing,
};
use crate::components::confirm::Confirm;
use crate::components::form::{error_of, FormAlert, SavedNotice};
use crate::components::me::MeResource;
use handoff::{ClientRecord, CustomField, FieldKind};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

lazy_page!(ClientRoute, ClientPage, owners);

const SAVED: &[(&str, &str)] = &[
    (
        "created",
        "Client created. Add custom fields below, or give them a task.",
    ),
    ("record", "Saved."),
    (
        "mailed",
        "A new link is on its way to the client's e-mail address; the old one stopped working.",
    ),
    ("field", "Field saved."),
    (
        "removed",
        "Field removed. Any task that disclosed it no longer does.",
    ),
    ("message", "Sent. The client reads it in their portal."),
    (
        "forwarded",
        "Forwarded. The provider reads it in the task's team thread.",
    ),
    (
        "link",
        "Link created. Copy it below and send it to the client.",
    ),
    ("revoked", "Link revoked. It no longer opens the portal."),
    (
        "erased",
        "The client was erased. Their alias stays so your history still reads.",
    ),
];

/// Owners: one client's record, custom fields, tasks, and erasure.
#[component]
pub fn ClientPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let id = move || {
        params.with(|p| {
            p.get("id")
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    };
    let record = Resource::new(
        move || (id(), query.with(|q| q.get("at"))),
        |(id, _)| load_client(id),
    );
    // Made here, not inside the `<Transition>`: see `Conversation`.
    let me = expect_context::<MeResource>();
    let conversation = Resource::new(
        move || query.with(|q| (id(), q.get("at"), Previewing::from_query(q))),
        move |(id, _, previewing)| load_conversation(id, me, previewing),
    );
    let confirming_erase = move || query.with(|q| q.get("erase").is_some());
    let confirming_revoke = move || query.with(|q| q.get("revoke").is_some());

    view! {
        <Title text="Client" />
        <p class="breadcrumb"><a href="/clients">"Clients"</a></p>
        <SavedNotice messages=SAVED />
        <Transition fallback=|| view! { <p class="muted">"Loading the client…"</p> }>
            {move || Suspend::new(async move {
                let record = record.await;
                // An erased client has no conversation left to show.
                let conversation = match &record {
                    Ok(r) if !r.erased => Some(conversation.await),
                    _ => None,
                };
                match record.and_then(|r| Ok((r, conversation.transpose()?))) {
                    Ok((record, conversation)) => Either::Left(client_view(
                        record,
                        conversation,
                        confirming_erase(),
                        confirming_revoke(),
                    )),
                    Err(e) => Either::Right(view! { <p class="error" role="alert">{e.to_string()}</p> }),
                }
            })}
        </Transition>
    }
}

fn client_view(
    record: ClientRecord,
    conversation: Option<Conversation>,
    confirming_erase: bool,
    confirming_revoke: bool,
) -> impl IntoView {
    let update = ServerAction::<UpdateClient>::new();
    let errors = error_of(update.value());
    let id = record.client_id;
    let heading = if record.erased {
        "Erased client".to_string()
    } else {
        record.input.name.clone()
    };
    let tasks = record
        .tasks
        .iter()
        .map(|t| {
            view! {
                <li><a href=format!("/tasks/{}", t.task_id)>{t.title.clone()}</a>
                " — "{t.state.to_string()}{t.assignee_name.clone().map(|n| format!(", {n}"))}</li>
            }
        })
        .collect_view();
    let has_tasks = !record.tasks.is_empty();
    let body = if record.erased {
        Either::Left(view! {
            <section class="card narrow">
                <p>"This client's personal data was erased everywhere Handoff held it. The alias remains so tasks and the audit log still read."</p>
            </section>
        })
    } else {
        Either::Right(view! {
            <section class="card narrow" aria-labelledby="record-heading">
                <h2 id="record-heading">"Record"</h2>
                <ActionForm action=update>
                    <FormAlert errors />
                    <input type="hidden" name="client_id" value=id />
                    <ClientFields value=record.input.clone() errors />
                    <button type="submit" class="button" disabled=move || update.pending().get()>
                        {move || if update.pending().get() { "Saving…" } else { "Save client" }}
                    </button>
                </ActionForm>
            </section>
            <section class="card narrow" aria-labelledby="custom-heading">
                <h2 id="custom-heading">"Custom fields"</h2>
                <p class="hint">"Mark what each field holds. Contact fields are never shown to providers; health and payment fields need your confirmation each time you disclose them."</p>
                {record.custom.iter().cloned().map(|f| view! { <CustomFieldForm client_id=id field=Some(f) /> }).collect_view()}
                <h3 class="add-field">"Add a field"</h3>
                <CustomFieldForm client_id=id field=None />
            </section>
        })
    };
    let erase = (!record.erased).then(|| erase_section(id, &record.alias, confirming_erase));
    let targets: Vec<ForwardTarget> = record
        .tasks
        .iter()
        .filter(|t| t.state.is_open())
        .map(|t| ForwardTarget {
            task_id: t.task_id,
            title: t.title.clone(),
        })
        .collect();
    let portal = conversation.map(|conversation| {
        view! {
            <ClientThread client_id=id targets conversation=conversation.clone() />
            <PortalLinkCard client_id=id conversation confirming=confirming_revoke />
        }
    });
    view! {
        <div class="page-head">
            <h1>{heading}</h1>
            <span class="alias badge" title="What providers see">{record.alias.clone()}</span>
        </div>
        {portal}
        {body}
        <section class="card narrow" aria-labelledby="tasks-heading">
            <h2 id="tasks-heading">"Tasks"</h2>
            {if has_tasks { Either::Left(view! { <ul class="plain-list">{tasks}</ul> }) } else { Either::Right(view! { <p class="muted">"No tasks for this client yet."</p> }) }}
            {(!record.erased).then(|| view! { <p><a class="button secondary" href=format!("/tasks/new?client={id}")>"New task for this client"</a></p> })}
        </section>
        {erase}
    }
}

fn erase_section(id: i64, alias: &str, confirming: bool) -> impl IntoView {
    let erase = ServerAction::<EraseClient>::new();
    let errors = error_of(erase.value());
    let open = confirming || errors.get_untracked().is_some();
    view! {
        <section class="card narrow" aria-labelledby="erase-heading">
            <h2 id="erase-heading">"Erase"</h2>
            <p>"When a client asks to be forgotten, erase their personal data. Their alias keeps your task history readable."</p>
            <Confirm
                id="erase-client"
                label="Erase client…"
                question=format!("Erase this client's personal data? They stay as {alias}.")
                keep="Cancel"
                back=format!("/clients/{id}")
                open
            >
                <FormAlert errors />
                <p>"This cannot be undone. Every field, every disclosure and any copy of their details in task text is removed."</p>
                <ActionForm action=erase attr:class="inline-form">
                    <input type="hidden" name="client_id" value=id />
                    <button type="submit" class="button danger">"Yes, erase their personal data"</button>
                </ActionForm>
            </Confirm>
        </section>
    }
}

/// One custom field's form (or, with `field` None, the form that adds one).
/// Each has its own action, so an error shows beside the field it is about.
#[component]
fn CustomFieldForm(client_id: i64, field: Option<CustomField>) -> impl IntoView {
    let save = ServerAction::<SaveClientField>::new();
    let remove = ServerAction::<RemoveClientField>::new();
    let errors = error_of(save.value());
    let remove_errors = error_of(remove.value());
    let prefix = field
        .as_ref()
        .map(|f| format!("custom-{}", f.field_id))
        .unwrap_or_else(|| "custom-new".into());
    let (field_id, label, value, kind) = match &field {
        Some(f) => (
            f.field_id.to_string(),
            f.label.clone(),
            f.value.clone(),
            f.kind,
        ),
        None => (
            String::new(),
            String::new(),
            String::new(),
            FieldKind::General,
        ),
    };
    let message = move |name: &'static str| move || errors.get().and_then(|e| e.field(name));
    let input_id = move |name: &str| format!("{prefix}-{name}");
    let remove_form = field.as_ref().map(|f| {
        let aria = format!("Remove the field {}", f.label);
        let id = f.field_id;
        view! {
            <ActionForm action=remove attr:class="inline-form">
                <input type="hidden" name="client_id" value=client_id />
                <input type="hidden" name="field_id" value=id />
                <button type="submit" class="button secondary small" aria-label=aria>"Remove"</button>
            </ActionForm>
        }
    });
    let is_new = field.is_none();
    // The page re-renders in place after a save, which keeps what was typed
    // in the inputs: empty the add-a-field form once its field is saved.
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if is_new && matches!(save.value().get(), Some(Ok(()))) {
            if let Some(form) = form.get() {
                form.reset();
            }
        }
    });
    view! {
        <div class="custom-field">
            <ActionForm action=save node_ref=form attr:class="custom-field-form">
                <FormAlert errors />
                <input type="hidden" name="client_id" value=client_id />
                <input type="hidden" name="field_id" value=field_id />
                <div class="field-row three">
                    <div class="field" class:has-error=move || message("label")().is_some()>
                        <label for=input_id("label")>"Field name"</label>
                        <input id=input_id("label") name="label" value=label aria-describedby=input_id("label-error") />
                        <p class="field-error" id=input_id("label-error") aria-live="polite">{message("label")}</p>
                    </div>
                    <div class="field" class:has-error=move || message("value")().is_some()>
                        <label for=input_id("value")>"Value"</label>
                        <input id=input_id("value") name="value" value=value aria-describedby=input_id("value-error") />
                        <p class="field-error" id=input_id("value-error") aria-live="polite">{message("value")}</p>
                    </div>
                    <div class="field" class:has-error=move || message("kind")().is_some()>
                        <label for=input_id("kind")>"Kind"</label>
                        <select id=input_id("kind") name="kind" aria-describedby=input_id("kind-error")>
                            {FieldKind::ALL.into_iter().map(|k| view! { <option value=k.as_str() selected=k == kind>{k.to_string()}</option> }).collect_view()}
                        </select>
                        <p class="field-error" id=input_id("kind-error") aria-live="polite">{message("kind")}</p>
                    </div>
                </div>
                <button type="submit" class="button secondary small">{if is_new { "Add field" } else { "Save field" }}</button>
            </ActionForm>
            {remove_form}
            <FormAlert errors=remove_errors />
        </div>
    }
}
