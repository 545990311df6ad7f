//! The fields of a task, shared by the new-task and edit-task forms, with
//! the live preview of what the provider will read (R3): the same
//! redaction engine the server applies, run in the browser as you type.

use crate::components::form::{Field, FormResult, SelectField, TextArea};
use handoff::redaction::redact;
use handoff::{Choice, TaskInput};
use leptos::prelude::*;

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
        text.with(|t| redact(t, &hidden))
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
    }
}
