//! The built-in fields of a client record, shared by the new-client and
//! edit-client forms.

use crate::components::form::{Field, FormResult, TextArea};
use handoff::ClientInput;
use leptos::prelude::*;

#[component]
pub fn ClientFields(value: ClientInput, errors: FormResult) -> impl IntoView {
    view! {
        <Field label="Name" name="name" autocomplete="off" value=value.name errors />
        <div class="field-row">
            <Field label="Email" name="email" kind="email" autocomplete="off" required=false value=value.email errors />
            <Field label="Phone" name="phone" kind="tel" autocomplete="off" required=false value=value.phone errors />
        </div>
        <TextArea label="Postal address" name="address" rows=3 value=value.address errors />
        <Field label="Date of birth" name="date_of_birth" kind="date" required=false value=value.date_of_birth
            hint="Pick the date, or leave it empty if you don't need it." errors />
        <TextArea label="Notes" name="notes" rows=4 value=value.notes
            hint="Only owners see notes, unless you disclose them for a task." errors />
        <p class="hint">"Email, phone and postal address are contact details: Handoff never shows them to providers."</p>
    }
}
