use crate::api::{load_relay_queue, DecideRelay};
use crate::components::empty_state::EmptyState;
use crate::components::form::{error_of, FormResult, SavedNotice};
use crate::components::live::refreshed;
use crate::components::me::MeResource;
use crate::components::thread::{flagged_text, when};
use crate::error::AppError;
use handoff::thread::RelayItem;
use handoff::LiveKind;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

lazy_page!(RelayRoute, RelayPage, owners);

const SAVED: &[(&str, &str)] = &[(
    "decided",
    "Done. The provider sees your decision on their task page.",
)];

/// Owners: the relay queue. A provider's message for a client waits here
/// until an owner approves it (as written or edited) or returns it.
#[component]
pub fn RelayPage() -> impl IntoView {
    let me = expect_context::<MeResource>();
    let query = use_query_map();
    // One action for every form on the page: an error from a form posted
    // without JavaScript comes back to the page by the function's name, so
    // field errors carry the request's id (`reason-12`) to show beside it.
    let decide = ServerAction::<DecideRelay>::new();
    let errors = error_of(decide.value());
    let queue = Resource::new(
        move || (query.with(|q| q.get("at")), decide.version().get()),
        move |_| async move {
            let zone = me.await?.map(|m| m.time_zone).unwrap_or_default();
            Ok::<_, AppError>((load_relay_queue().await?, zone))
        },
    );
    view! {
        <Title text="Relay queue" />
        <div class="page-head">
            <div>
                <h1>"Relay queue"</h1>
                <p class="subtitle">"Messages providers wrote for clients. Nothing reaches a client until an owner approves it; it is sent in your business's name."</p>
            </div>
        </div>
        <SavedNotice messages=SAVED />
        <div class="form-alert" role="alert">{move || errors.get().and_then(|e| general_error(&e)).map(|t| view! { <p>{t}</p> })}</div>
        <Transition fallback=|| view! { <p class="muted">"Loading the queue…"</p> }>
            {move || Suspend::new(async move {
                match queue.await {
                    Ok((items, zone)) => Either::Left(queue_view(items, zone, decide, errors)),
                    Err(e) => Either::Right(view! { <p class="error" role="alert">{e.to_string()}</p> }),
                }
            })}
        </Transition>
    }
}

/// The queue, kept current as providers write and other owners decide:
/// each request is keyed by its id and version, so a request being edited
/// here keeps what is typed in it while others come and go around it.
fn queue_view(
    items: Vec<RelayItem>,
    zone: String,
    decide: ServerAction<DecideRelay>,
    errors: FormResult,
) -> impl IntoView {
    let shown = refreshed(items, &[LiveKind::Relay], load_relay_queue);
    let empty = Memo::new(move |_| shown.get().is_empty());
    view! {
        <Show when=move || empty.get()>
            <EmptyState icon="check" heading="Nothing waits for approval" text="When a provider writes a message for a client, it waits here for you." level=2 />
        </Show>
        <ul class="relay-queue plain-list" aria-live="polite" aria-relevant="additions">
            <For
                each=move || shown.get()
                key=|item| (item.relay_id, item.version)
                children=move |item| relay_card(item, &zone, decide, errors)
            />
        </ul>
    }
}

/// What shows above the queue: a conflict in words that fit, anything
/// else that belongs to no field.
fn general_error(e: &AppError) -> Option<String> {
    match e {
        AppError::Conflict => Some(
            "Another owner decided this request meanwhile, so your decision was not applied. The queue below is as it is now."
                .into(),
        ),
        AppError::Invalid(_) => None,
        other => Some(other.to_string()),
    }
}

fn field_error(
    errors: FormResult,
    name: String,
) -> impl Fn() -> Option<String> + Clone + Send + Sync + 'static {
    move || errors.get().and_then(|e| e.field(&name))
}

fn relay_card(
    item: RelayItem,
    zone: &str,
    decide: ServerAction<DecideRelay>,
    errors: FormResult,
) -> impl IntoView {
    let id = item.relay_id;
    let flagged = !item.flags.is_empty();
    let client = match &item.client_name {
        Some(name) => format!("{name} ({})", item.client_alias),
        None => format!("{} (erased)", item.client_alias),
    };
    let ack_error = field_error(errors, format!("acknowledge_flags-{id}"));
    let text_error = field_error(errors, format!("text-{id}"));
    let reason_error = field_error(errors, format!("reason-{id}"));
    let other_error = field_error(errors, format!("relay-{id}"));
    let heading = format!("relay-{id}-heading");
    let hidden = move || {
        view! {
            <input type="hidden" name="relay_id" value=id />
            <input type="hidden" name="version" value=item.version />
        }
    };
    let ack = move |suffix: &'static str| {
        let ack_error = ack_error.clone();
        flagged.then(|| {
            let box_id = format!("ack-{id}-{suffix}");
            let has_error = ack_error.clone();
            view! {
                <div class="field check" class:has-error=move || has_error().is_some()>
                    <input type="checkbox" id=box_id.clone() name="acknowledge_flags" value="yes" />
                    <label for=box_id>"I have read the flagged passages and want to send them"</label>
                    <p class="field-error" aria-live="polite">{ack_error}</p>
                </div>
            }
        })
    };
    let notice = flagged.then(|| {
        view! {
            <p class="flag-notice">
                <strong>"Flagged. "</strong>
                "The marked passages look like the provider offering their own contact details, inviting the client off the platform or asking to be paid directly. Edit them out, return the message, or confirm you want them sent."
            </p>
        }
    });
    let (edit_open, text_has_error) = (text_error.clone(), text_error.clone());
    let edit_open = move || edit_open().is_some();
    let (return_open, reason_has_error) = (reason_error.clone(), reason_error.clone());
    let return_open = move || return_open().is_some();
    let (ack_approve, ack_edit) = (ack("approve"), ack("edit"));
    let labelled_by = heading.clone();
    view! {
        <li class="card relay-item" aria-labelledby=labelled_by data-relay=id>
            <h2 class="relay-heading" id=heading>
                <a href=format!("/tasks/{}", item.task_id)>{item.task_title.clone()}</a>
            </h2>
            <dl class="facts relay-facts">
                <div><dt>"Client"</dt><dd>{client}</dd></div>
                <div><dt>"From"</dt><dd>{item.provider_name.clone()}</dd></div>
                <div><dt>"Written"</dt><dd>{when(zone, item.at)}</dd></div>
            </dl>
            {notice}
            <blockquote class="relay-quote">{flagged_text(item.pieces.clone())}</blockquote>
            <details class="relay-client-view">
                <summary>"What the client will read"</summary>
                <div class="prose relay-client-text" inner_html=item.client_view.as_str().to_string()></div>
            </details>
            <p class="field-error" aria-live="polite">{other_error}</p>
            <div class="relay-actions">
                <ActionForm action=decide attr:class="relay-approve">
                    {hidden()}
                    <input type="hidden" name="decision" value="approve" />
                    {ack_approve}
                    <button type="submit" class="button">"Approve and send"</button>
                </ActionForm>
                <details class="relay-edit" open=edit_open>
                    <summary class="button secondary">"Edit then approve…"</summary>
                    <ActionForm action=decide>
                        {hidden()}
                        <input type="hidden" name="decision" value="edit" />
                        <div class="field" class:has-error=move || text_has_error().is_some()>
                            <label for=format!("text-{id}")>"What the client will read"</label>
                            <textarea id=format!("text-{id}") name="text" rows=5>{item.body.clone()}</textarea>
                            <p class="field-error" aria-live="polite">{text_error}</p>
                        </div>
                        {ack_edit}
                        <button type="submit" class="button">"Send edited"</button>
                    </ActionForm>
                </details>
                <details class="relay-return" open=return_open>
                    <summary class="button secondary">"Return…"</summary>
                    <ActionForm action=decide>
                        {hidden()}
                        <input type="hidden" name="decision" value="return" />
                        <div class="field" class:has-error=move || reason_has_error().is_some()>
                            <label for=format!("reason-{id}")>"Why it goes back (the provider reads this)"</label>
                            <textarea id=format!("reason-{id}") name="reason" rows=3></textarea>
                            <p class="field-error" aria-live="polite">{reason_error}</p>
                        </div>
                        <button type="submit" class="button danger">"Return to the provider"</button>
                    </ActionForm>
                </details>
            </div>
        </li>
    }
}
