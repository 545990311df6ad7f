//! Form pieces shared by every page: a labelled field whose error sits
//! beside it and is announced, and a form-level alert.

use crate::error::AppError;
use leptos::prelude::*;

/// The latest result of a form's action, as an error if it was one.
pub type FormResult = Signal<Option<AppError>>;

pub fn error_of<T, S>(value: S) -> FormResult
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || value.get().and_then(|r| r.err()))
}

/// The field a form control's `name` stands for: `title` for `title`, and
/// for a server function that takes its form as one struct, `title` for
/// `task[title]`. It names the control's id and its error in
/// `AppError::Invalid`.
pub fn field_key(name: &str) -> &str {
    name.strip_suffix(']')
        .and_then(|n| n.split_once('['))
        .map_or(name, |(_, key)| key)
}

/// A labelled input. `name` is the server function's argument name (or
/// `struct[field]`); its field is named in `AppError::Invalid`.
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(default = true)] required: bool,
    errors: FormResult,
) -> impl IntoView {
    let key = field_key(name);
    let id = format!("field-{key}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let message = move || errors.get().and_then(|e| e.field(key));
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if !hint.is_empty() {
                ids.push(hint_id.clone());
            }
            if message().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:has-error=move || message().is_some()>
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            <input
                id=id.clone()
                name=name
                type=kind
                value=value
                required=required
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described_by
            />
            <p class="field-error" id=error_id.clone() aria-live="polite">{message}</p>
        </div>
    }
}

/// A field for choosing a password, with the rule it must meet.
#[component]
pub fn NewPasswordField(
    label: &'static str,
    name: &'static str,
    errors: FormResult,
) -> impl IntoView {
    view! {
        <Field
            label
            name
            kind="password"
            autocomplete="new-password"
            hint="8 to 128 characters. Very common passwords are refused."
            errors
        />
    }
}

/// The form-level message: shown for errors that belong to no single field.
#[component]
pub fn FormAlert(errors: FormResult) -> impl IntoView {
    view! {
        <div class="form-alert" role="alert">
            {move || errors.get().map(|e| view! { <p>{e.to_string()}</p> })}
        </div>
    }
}

/// The `aria-describedby` of a field: its hint and, when shown, its error.
fn describe(
    hint_id: Option<String>,
    error_id: String,
    message: impl Fn() -> Option<String> + Send + Sync + 'static,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let ids: Vec<String> = hint_id
            .iter()
            .cloned()
            .chain(message().map(|_| error_id.clone()))
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A labelled multi-line field. `on_input` lets a page follow what is typed
/// (the live redaction preview).
#[component]
pub fn TextArea(
    label: &'static str,
    name: &'static str,
    #[prop(optional)] hint: &'static str,
    #[prop(optional, into)] value: String,
    #[prop(default = 6)] rows: u32,
    #[prop(optional)] on_input: Option<Callback<String>>,
    /// The element id when two forms of a page share a field name.
    #[prop(optional)]
    id: &'static str,
    errors: FormResult,
) -> impl IntoView {
    let key = field_key(name);
    let id = if id.is_empty() {
        format!("field-{key}")
    } else {
        id.to_string()
    };
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let message = move || errors.get().and_then(|e| e.field(key));
    let described_by = describe(
        (!hint.is_empty()).then(|| hint_id.clone()),
        error_id.clone(),
        message,
    );
    view! {
        <div class="field" class:has-error=move || message().is_some()>
            <label for=id.clone()>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="hint" id=hint_id.clone()>{hint}</p> })}
            <textarea
                id=id.clone()
                name=name
                rows=rows
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described_by
                on:input=move |ev| {
                    if let Some(cb) = on_input {
                        cb.run(event_target_value(&ev));
                    }
                }
            >
                {value}
            </textarea>
            <p class="field-error" id=error_id.clone() aria-live="polite">{message}</p>
        </div>
    }
}

/// A labelled select over (value, label) pairs; `empty` is the label of a
/// first option with an empty value, if the choice is optional.
#[component]
pub fn SelectField(
    label: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    /// The label of a first, empty option (the choice is optional).
    #[prop(optional)]
    empty: &'static str,
    /// A line under the label that says what the choice does.
    #[prop(optional, into)]
    hint: String,
    /// The empty option may not be sent (the browser asks for a choice).
    #[prop(optional)]
    required: bool,
    errors: FormResult,
) -> impl IntoView {
    let key = field_key(name);
    let id = format!("field-{key}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = move || errors.get().and_then(|e| e.field(key));
    let has_hint = !hint.is_empty();
    let described_by = describe(has_hint.then(|| hint_id.clone()), error_id.clone(), message);
    let none_selected = selected.is_empty();
    view! {
        <div class="field" class:has-error=move || message().is_some()>
            <label for=id.clone()>{label}</label>
            {has_hint.then(|| view! { <p class="hint" id=hint_id.clone()>{hint.clone()}</p> })}
            <select
                id=id.clone()
                name=name
                required=required
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described_by
            >
                {(!empty.is_empty()).then(|| view! { <option value="" selected=none_selected>{empty}</option> })}
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! { <option value=value selected=is_selected>{text}</option> }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" id=error_id.clone() aria-live="polite">{message}</p>
        </div>
    }
}

/// A short confirmation after a save, from the `saved` query parameter the
/// server's redirect adds (so it shows with JavaScript off too).
#[component]
pub fn SavedNotice(messages: &'static [(&'static str, &'static str)]) -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let text = move || {
        query.with(|q| {
            let saved = q.get("saved")?;
            messages
                .iter()
                .find(|(key, _)| *key == saved)
                .map(|(_, text)| *text)
        })
    };
    view! {
        <div role="status" aria-live="polite">
            {move || text().map(|t| view! { <p class="notice">{t}</p> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::field_key;

    #[test]
    fn a_control_in_a_struct_names_its_field() {
        assert_eq!(field_key("title"), "title");
        assert_eq!(field_key("task[title]"), "title");
        assert_eq!(field_key("task[due_next_morning]"), "due_next_morning");
        assert_eq!(field_key("texts[0]"), "0");
        assert_eq!(field_key("odd]"), "odd]");
    }
}
