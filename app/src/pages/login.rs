use crate::api::SignIn;
use crate::components::form::{error_of, Field, FormAlert};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let errors = error_of(action.value());
    let pending = action.pending();
    let next = use_query_map().with_untracked(|q| q.get("next"));
    let after_reset = use_query_map().with_untracked(|q| q.get("reset").is_some());

    view! {
        <crate::components::layout::PageReady />
        <Title text="Sign in" />
        // Sent without the browser build (plain_page.rs): device.js shows the
        // progress and keeps the e-mail across a refused attempt.
        <section class="card narrow auth" data-plain-form="Signing in…">
            <h1>"Sign in"</h1>
            {after_reset.then(|| view! {
                <p class="notice" role="status">"Your new password is saved and every device was signed out. Sign in with it."</p>
            })}
            <ActionForm action=action>
                <FormAlert errors />
                <NextField next />
                <Field label="Email" name="email" kind="email" autocomplete="username" errors />
                <Field
                    label="Password"
                    name="password"
                    kind="password"
                    autocomplete="current-password"
                    errors
                />
                <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                    "Sign in"
                </button>
                <p class="forgot"><a href="/forgot-password">"Forgot password?"</a></p>
                <p class="progress" aria-live="polite">
                    {move || pending.get().then_some("Signing in…")}
                </p>
            </ActionForm>
            <p class="muted">
                "New to Handoff? " <a href="/signup">"Create a workspace"</a>
                ". Providers and co-owners join through the invitation link an owner sends them."
            </p>
        </section>
    }
}

/// The page a signed-out member meant to open, carried through the sign-in
/// forms (the server checks it is a path on this site before following it).
#[component]
pub fn NextField(next: Option<String>) -> impl IntoView {
    next.map(|next| view! { <input type="hidden" name="next" value=next /> })
}
