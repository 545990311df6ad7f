//! The fields of a task, shared by the new-task and edit-task forms, with
//! the live preview of what the provider will read (R3): the same
//! redaction engine the server applies, run in the browser as you type.

use crate::components::form::{Field, FormResult, SelectField, TextArea};
use handoff::redaction::{redact, Secrets};
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

#[component]
pub fn TaskFields(
    value: TaskInput,
    clients: Vec<Choice>,
    providers: Vec<Choice>,
    /// The client's values this task's provider may not see (owners only).
    undisclosed: Vec<String>,
    errors: FormResult,
) -> impl IntoView {
    let text = RwSignal::new(value.instructions.clone());
    let preview = Memo::new(move |_| {
        let hidden: Vec<&str> = undisclosed.iter().map(String::as_str).collect();
        text.with(|t| redact(t, &Secrets::others(&hidden)))
    });
    view! {
        <Field label="Title" name="title" value=value.title errors />
        <TextArea
            label="Instructions"
            name="instructions"
            rows=10
            value=value.instructions
            hint="Markdown. State the outcome you expect and how you will judge it. Contact details are hidden from the provider."
            on_input=Callback::new(move |t| text.set(t))
            errors
        />
        <section class="preview" aria-labelledby="preview-heading">
            <h3 id="preview-heading">"What the provider will see"</h3>
            <p class="hint" aria-live="polite">
                {move || match preview.with(|p| p.hidden.len()) {
                    0 => "Nothing will be hidden.".to_string(),
                    1 => "1 detail will be hidden.".to_string(),
                    n => format!("{n} details will be hidden."),
                }}
            </p>
            <pre class="preview-text">{move || preview.with(|p| p.text.clone())}</pre>
        </section>
        <div class="field-row">
            <SelectField label="Client" name="client_id" options=options(clients) selected=value.client_id empty="No client" errors />
            <SelectField label="Provider" name="assignee_id" options=options(providers) selected=value.assignee_id empty="Not assigned yet (draft)" errors />
        </div>
        <fieldset class="terms">
            <legend>"Outcome and terms"</legend>
            <div class="field-row">
                <Field label="Expected outcome" name="outcome_kind" value=value.outcome_kind required=false
                    hint="What counts as done, e.g. \"intake booked\". Needed before you assign." errors />
                <Field label="Target" name="outcome_target" value=value.outcome_target required=false
                    hint="How much, e.g. \"1 call in the calendar\"." errors />
            </div>
            <TextArea label="Acceptance criteria" name="criteria" rows=4 value=value.criteria
                hint="One per line. The provider ticks each when they submit; you give feedback on each." errors />
            <div class="field-row">
                <SelectField label="Priority" name="priority" options=priorities() selected=or(value.priority, "normal") errors />
                <Field label="Due" name="due" kind="datetime-local" value=value.due required=false
                    hint="In your time zone. Leave empty for no due time." errors />
            </div>
            <div class="field check">
                <input type="checkbox" id="field-due_next_morning" name="due_next_morning" value="yes" />
                <label for="field-due_next_morning">"Due by the provider's next morning (09:00 their time): an overnight handoff"</label>
            </div>
            <div class="field-row three">
                <SelectField label="Paid as" name="price_kind" options=price_kinds() selected=or(value.price_kind, "retainer") errors />
                <Field label="Price" name="price" value=value.price required=false hint="Fixed price, e.g. 120.00" errors />
                <Field label="Outcome bonus" name="bonus" value=value.bonus required=false hint="Paid if achieved" errors />
            </div>
            <p class="hint">"No hours are tracked: the provider is paid for the outcome."</p>
        </fieldset>
    }
}
