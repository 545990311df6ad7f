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

/// A labelled input. `name` is the server function's argument name and the
/// field name in `AppError::Invalid`.
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
    let id = format!("field-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let message = move || errors.get().and_then(|e| e.field(name));
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

/// The time-zone picker: the common zones, the server accepts any IANA zone.
#[component]
pub fn ZoneSelect(
    errors: FormResult,
    #[prop(default = "America/New_York")] selected: &'static str,
) -> impl IntoView {
    let message = move || errors.get().and_then(|e| e.field("time_zone"));
    view! {
        <div class="field" class:has-error=move || message().is_some()>
            <label for="field-time_zone">"Time zone"</label>
            <select
                id="field-time_zone"
                name="time_zone"
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby="field-time_zone-error"
            >
                {handoff::zones::COMMON_ZONES
                    .iter()
                    .map(|z| view! { <option value=*z selected=*z == selected>{z.replace('_', " ")}</option> })
                    .collect_view()}
            </select>
            <p class="field-error" id="field-time_zone-error" aria-live="polite">{message}</p>
        </div>
    }
}
