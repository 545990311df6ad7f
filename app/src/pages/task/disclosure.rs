//! The owner's choice of what a task's provider may see (R1), field by
//! field, with the confirmation health and payment data need.

use super::*;

pub(super) fn disclosure_section(task: &OwnerTask) -> impl IntoView {
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
