use crate::api::SignUp;
use crate::components::form::{error_of, Field, FormAlert, NewPasswordField};
use crate::components::zone_select::ZoneSelect;
use handoff::zones::COMMON_CURRENCIES;
use leptos::prelude::*;
use leptos_meta::Title;

lazy_page!(SignUpRoute, SignUpPage);

#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let errors = error_of(action.value());
    let pending = action.pending();
    let field_error = move |name: &'static str| move || errors.get().and_then(|e| e.field(name));

    view! {
        <Title text="Create a workspace" />
        <section class="card narrow auth">
            <h1>"Create a workspace"</h1>
            <p class="muted">"You become its first owner. Invite providers and co-owners once you are in."</p>
            <ActionForm action=action>
                <FormAlert errors />
                <fieldset>
                    <legend>"Your business"</legend>
                    <Field
                        label="Business name"
                        name="workspace_name"
                        hint="The name of your business. Your clients and the people you invite see it."
                        autocomplete="organization"
                        errors
                    />
                    <ZoneSelect errors prefer_browser=true />
                    <div class="field">
                        <label for="field-currency">"Currency"</label>
                        <select id="field-currency" name="currency">
                            {COMMON_CURRENCIES
                                .iter()
                                .map(|c| view! { <option value=*c>{*c}</option> })
                                .collect_view()}
                        </select>
                        <p class="field-error" aria-live="polite">{field_error("currency")}</p>
                    </div>
                </fieldset>
                <fieldset>
                    <legend>"You"</legend>
                    <Field
                        label="Your name"
                        name="display_name"
                        autocomplete="name"
                        hint="Your own name, as the providers and co-owners you invite will see it. Clients never see it: they see only your business name."
                        errors
                    />
                    <Field label="Email" name="email" kind="email" autocomplete="username" errors />
                    <NewPasswordField label="Password" name="password" errors />
                </fieldset>
                <button type="submit" class="button">"Create workspace"</button>
                <p class="progress" aria-live="polite">
                    {move || pending.get().then_some("Creating your workspace…")}
                </p>
            </ActionForm>
            <p class="muted">"Already have an account? " <a href="/login">"Sign in"</a></p>
        </section>
    }
}
