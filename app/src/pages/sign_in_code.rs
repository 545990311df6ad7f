use crate::api::VerifySignInCode;
use crate::components::form::{error_of, Field, FormAlert};
use crate::pages::login::NextField;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

lazy_page!(SignInCodeRoute, SignInCodePage);

#[component]
pub fn SignInCodePage() -> impl IntoView {
    let action = ServerAction::<VerifySignInCode>::new();
    let errors = error_of(action.value());
    let next = use_query_map().with_untracked(|q| q.get("next"));
    view! {
        <Title text="Enter your code" />
        <section class="card narrow auth">
            <h1>"Enter your code"</h1>
            <p class="muted">"Open your authenticator app and enter the 6-digit code it shows for Handoff. Lost your phone? Enter one of your recovery codes instead."</p>
            <ActionForm action=action>
                <FormAlert errors />
                <NextField next />
                <Field label="Code" name="code" autocomplete="one-time-code" errors />
                <button type="submit" class="button">"Verify"</button>
            </ActionForm>
            <p class="muted">"Took too long? " <a href="/login">"Start signing in again"</a></p>
        </section>
    }
}
