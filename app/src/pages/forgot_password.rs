use crate::api::RequestPasswordReset;
use crate::components::form::{error_of, Field, FormAlert};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

lazy_page!(ForgotPasswordRoute, ForgotPasswordPage);

/// "Forgot password?": asks for the address, and says the same afterwards
/// whether or not it has an account.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let errors = error_of(action.value());
    let pending = action.pending();
    // Without JavaScript the server's redirect says it (`?sent=1`).
    let query = use_query_map();
    let sent = move || {
        matches!(action.value().get(), Some(Ok(()))) || query.with(|q| q.get("sent").is_some())
    };

    view! {
        <Title text="Reset your password" />
        <section class="card narrow auth">
            <h1>"Reset your password"</h1>
            <Show
                when=sent
                fallback=move || view! {
                    <p class="muted">"Enter the e-mail address you sign in with. We send a link to choose a new password."</p>
                    <ActionForm action=action>
                        <FormAlert errors />
                        <Field label="Email" name="email" kind="email" autocomplete="username" errors />
                        <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                            "Send the link"
                        </button>
                        <p class="progress" aria-live="polite">
                            {move || pending.get().then_some("Sending…")}
                        </p>
                    </ActionForm>
                }
            >
                <div class="notice" role="status" data-reset-sent>
                    <p><strong>"Check your e-mail."</strong>" If an account uses this address, a link to choose a new password is on its way. It works for 30 minutes."</p>
                    <p>"Nothing arrived after a few minutes? Look in your spam folder, or ask for a new link."</p>
                </div>
                <p><a href="/forgot-password">"Ask for another link"</a></p>
            </Show>
            <p class="muted"><a href="/login">"Back to sign in"</a></p>
        </section>
    }
}
