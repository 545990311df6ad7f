//! The fields of a task, shared by the new-task and edit-task forms, with
//! the live preview of what the provider will read (R3): asked of the
//! server as you type (a pause of a few hundred milliseconds), whose
//! provider lens makes it, so it is exactly what the provider gets and the
//! client's values never reach the browser.

use crate::api::preview_task;
use crate::components::form::{Field, FormResult, SelectField, TextArea};
use crate::components::preview_notes::{DisguiseNote, UnreachableNote};
use handoff::preview::PreviewText;
use handoff::work::{PriceKind, Priority};
use handoff::{Choice, TaskInput};
use leptos::prelude::*;

fn or(value: String, default: &str) -> String {
    if value.is_empty() {
        default.to_string()
    } else {
        value
    }
}

fn priorities() -> Vec<(String, String)> {
    Priority::ALL
        .iter()
        .map(|p| (p.as_str().to_string(), p.to_string()))
        .collect()
}

fn price_kinds() -> Vec<(String, String)> {
    PriceKind::ALL
        .iter()
        .map(|p| (p.as_str().to_string(), p.to_string()))
        .collect()
}

fn options(choices: Vec<Choice>) -> Vec<(String, String)> {
    choices
        .into_iter()
        .map(|c| (c.id.to_string(), c.label))
        .collect()
}

/// The texts of the form the provider will read, in the order they see them.
const PROVIDER_TEXTS: [(&str, &str); 5] = [
    ("title", "Title"),
    ("instructions", "Instructions"),
    ("outcome_kind", "Expected outcome"),
    ("outcome_target", "Target"),
    ("criteria", "Acceptance criteria"),
];

/// How long typing must pause before the preview is asked again.
const PAUSE_MS: u64 = 300;

#[component]
pub fn TaskFields(
    value: TaskInput,
    clients: Vec<Choice>,
    providers: Vec<Choice>,
    /// The preview of the saved task, one per text of `PROVIDER_TEXTS`, so
    /// the page shows it before (and without) JavaScript.
    #[prop(optional)]
    preview: Vec<PreviewText>,
    /// The task being edited, if it exists yet.
    #[prop(optional)]
    task_id: Option<i64>,
    errors: FormResult,
) -> impl IntoView {
    let texts = RwSignal::new([
        value.title.clone(),
        value.instructions.clone(),
        value.outcome_kind.clone(),
        value.outcome_target.clone(),
        value.criteria.clone(),
    ]);
    let client = RwSignal::new(value.client_id.clone());
    // The server's answer for each text that is not empty, with its label.
    let first: Vec<(&'static str, PreviewText)> = texts.with_untracked(|t| {
        PROVIDER_TEXTS
            .iter()
            .zip(t.iter())
            .zip(preview)
            .filter(|((_, text), _)| !text.trim().is_empty())
            .map(|(((_, label), _), p)| (*label, p))
            .collect()
    });
    let shown: RwSignal<Vec<(&'static str, PreviewText)>> = RwSignal::new(first);
    // Answers come back in any order: only the newest question's is shown.
    let asked = StoredValue::new(0u64);
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let refresh = move |pause_ms: u64| {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        // The form may be gone by the time the pause ends or the answer
        // comes (saved, navigated away, re-rendered by a live update):
        // then nothing is asked and the answer is dropped, never a panic.
        let ask = move || {
            let Some(generation) = asked.try_get_value().map(|g| g + 1) else {
                return;
            };
            asked.set_value(generation);
            let Some((labels, list)) = texts.try_with_untracked(|t| {
                PROVIDER_TEXTS
                    .iter()
                    .zip(t.iter())
                    .filter(|(_, text)| !text.trim().is_empty())
                    .map(|((_, label), text)| (*label, text.clone()))
                    .unzip::<_, _, Vec<&'static str>, Vec<String>>()
            }) else {
                return;
            };
            let client_id = client
                .try_with_untracked(|c| c.trim().parse::<i64>().ok())
                .flatten();
            leptos::task::spawn_local(async move {
                if let Ok(previews) = preview_task(task_id, client_id, list).await {
                    if asked.try_get_value() == Some(generation) {
                        _ = shown.try_set(labels.into_iter().zip(previews).collect());
                    }
                }
            });
        };
        let handle = set_timeout_with_handle(ask, std::time::Duration::from_millis(pause_ms));
        timer.set_value(handle.ok());
    };
    on_cleanup(move || {
        if let Some(Some(t)) = timer.try_get_value() {
            t.clear();
        }
    });
    // Price and bonus only mean something for some ways of paying; they hide
    // live once the page runs (before that, and without JavaScript, their
    // hints say so and the server ignores them).
    // No quiet default: a new task's owner chooses how it is paid.
    let price_kind = RwSignal::new(value.price_kind.clone());
    // Asked only once the server finds the due time has passed.
    let passed_due = move || errors.get().and_then(|e| e.field("due_passed_ok"));
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let hide_price = move || live.get() && matches!(price_kind.get().as_str(), "" | "retainer");
    let hide_bonus = move || live.get() && price_kind.get() != PriceKind::Bonus.as_str();
    // Once in the browser: the preview of the form as it starts.
    Effect::new(move |done: Option<()>| {
        if done.is_none() {
            refresh(0);
        }
    });
    let preview = Memo::new(move |_| {
        shown.with(|s| {
            s.iter()
                .map(|(label, p)| {
                    (
                        *label,
                        p.seen.clone(),
                        p.hidden,
                        p.parts.clone(),
                        (p.disguises.clone(), p.unreachable.clone()),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    // One listener for the whole form: every text the provider will read,
    // and the client whose values the lens hides.
    let on_input = move |ev: leptos::ev::Event| {
        use leptos::wasm_bindgen::JsCast;
        let name = ev
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::Element>().ok())
            .and_then(|el| el.get_attribute("name"))
            .unwrap_or_default();
        let name = crate::components::form::field_key(&name);
        let value = event_target_value(&ev);
        if name == "price_kind" {
            price_kind.set(value);
        } else if name == "client_id" {
            client.set(value);
            refresh(0);
        } else if let Some(i) = PROVIDER_TEXTS.iter().position(|(n, _)| *n == name) {
            texts.update(|t| t[i] = value);
            refresh(PAUSE_MS);
        }
    };
    view! {
        <div class="task-fields" on:input=on_input on:change=on_input>
        <Field label="Title" name="task[title]" value=value.title errors />
        <TextArea
            label="Instructions"
            name="task[instructions]"
            rows=10
            value=value.instructions
            hint="Markdown. State the outcome you expect and how you will judge it. Contact details and client names are hidden from the provider."
            errors
        />
        <div class="field-row">
            <SelectField label="Client" name="task[client_id]" options=options(clients) selected=value.client_id empty="No client" errors />
            <SelectField label="Provider" name="task[assignee_id]" options=options(providers) selected=value.assignee_id empty="Not assigned yet (draft)" errors />
        </div>
        <fieldset class="terms">
            <legend>"Outcome and terms"</legend>
            <div class="field-row">
                <Field label="Expected outcome" name="task[outcome_kind]" value=value.outcome_kind required=false
                    hint="What counts as done, e.g. \"intake booked\". Needed before you assign." errors />
                <Field label="Target" name="task[outcome_target]" value=value.outcome_target required=false
                    hint="How much, e.g. \"1 call in the calendar\"." errors />
            </div>
            <TextArea label="Acceptance criteria" name="task[criteria]" rows=4 value=value.criteria
                hint="One per line. The provider ticks each when they submit; you give feedback on each." errors />
            <div class="field-row">
                <SelectField label="Priority" name="task[priority]" options=priorities() selected=or(value.priority, "normal") errors />
                <Field label="Due" name="task[due]" kind="datetime-local" value=value.due required=false
                    hint="In your time zone. Leave empty for no due time." errors />
            </div>
            <div class="field check">
                <input type="checkbox" id="field-due_next_morning" name="task[due_next_morning]" value="yes" />
                <label for="field-due_next_morning">"Due by the provider's next morning (09:00 their time): an overnight handoff"</label>
            </div>
            {move || passed_due().map(|message| view! {
                <div class="field check has-error">
                    <input type="checkbox" id="field-due_passed_ok" name="task[due_passed_ok]" value="yes"
                        aria-describedby="field-due_passed_ok-error" />
                    <label for="field-due_passed_ok">"Keep this due time although it has passed"</label>
                    <p class="field-error" id="field-due_passed_ok-error">{message}</p>
                </div>
            })}
            <div class="field-row three">
                <SelectField label="Paid as" name="task[price_kind]" options=price_kinds() selected=value.price_kind empty="Choose how the provider is paid" required=true errors />
                <div class="pay-field" hidden=hide_price>
                    <Field label="Price" name="task[price]" value=value.price required=false
                        hint="Not for a retainer. E.g. 120.00" errors />
                </div>
                <div class="pay-field" hidden=hide_bonus>
                    <Field label="Outcome bonus" name="task[bonus]" value=value.bonus required=false
                        hint="Price plus bonus only: paid if achieved" errors />
                </div>
            </div>
            <p class="hint">"No hours are tracked: the provider is paid for the outcome."</p>
        </fieldset>
        <section class="preview" aria-labelledby="preview-heading">
            <h3 id="preview-heading">"What the provider will see"</h3>
            <p class="hint" aria-live="polite">
                {move || match preview.with(|p| p.iter().map(|(_, _, n, _, _)| n).sum::<usize>()) {
                    0 => "Nothing will be hidden.".to_string(),
                    1 => "1 detail will be hidden.".to_string(),
                    n => format!("{n} details will be hidden."),
                }}
                // Which: a first name the owner wrote ("for Elena") is one of them.
                {move || {
                    let mut named: Vec<String> = Vec::new();
                    preview.with(|p| {
                        for part in p.iter().flat_map(|(_, _, _, parts, _)| parts) {
                            if !named.contains(part) {
                                named.push(part.clone());
                            }
                        }
                    });
                    (!named.is_empty()).then(|| {
                        let quoted: Vec<String> = named.iter().map(|n| format!("“{n}”")).collect();
                        format!(" Hidden from the provider: {}.", quoted.join(", "))
                    })
                }}
            </p>
            {move || {
                let passages: Vec<String> = preview
                    .with(|p| p.iter().flat_map(|(.., (d, _))| d.clone()).collect());
                let sentences: Vec<String> = preview
                    .with(|p| p.iter().flat_map(|(.., (_, u))| u.clone()).collect());
                view! {
                    <DisguiseNote passages />
                    <UnreachableNote sentences />
                }
            }}
            <dl class="preview-texts">
                {move || preview.get().into_iter().map(|(label, text, _, _, _)| view! {
                    <dt>{label}</dt>
                    <dd><pre class="preview-text">{text}</pre></dd>
                }).collect_view()}
            </dl>
        </section>
        </div>
    }
    // Type-erased: the form's view type nested inside the task page's is
    // deeper than the compiler's query limit in the browser's release build.
    .into_any()
}
