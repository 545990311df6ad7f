use crate::api::{load_password_reset, ResetPassword};
use crate::components::form::{error_of, FormAlert, NewPasswordField};
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

lazy_page!(ResetPasswordRoute, ResetPasswordPage);

/// The page a reset e-mail links to. Opening it uses nothing up (mail
/// scanners open links); sending its form does.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let works = Resource::new(token, load_password_reset);
    let action = ServerAction::<ResetPassword>::new();
    let errors = error_of(action.value());
    let pending = action.pending();

    view! {
        <Title text="Choose a new password" />
        <Transition fallback=|| view! { <p class="muted">"Checking your link…"</p> }>
            {move || Suspend::new(async move {
                match works.await {
                    Ok(true) => Either::Left(view! {
                        <section class="card narrow auth">
                            <h1>"Choose a new password"</h1>
                            <p class="muted">"Once it is saved, every device signed in to your account is signed out, and you sign in with the new password."</p>
                            <ActionForm action=action>
                                <FormAlert errors />
                                <input type="hidden" name="token" value=token() />
                                <NewPasswordField label="New password" name="new_password" errors />
                                <button type="submit" class="button" aria-disabled=move || pending.get().then_some("true")>
                                    "Save the new password"
                                </button>
                                <p class="progress" aria-live="polite">
                                    {move || pending.get().then_some("Saving…")}
                                </p>
                            </ActionForm>
                        </section>
                    }),
                    _ => Either::Right(view! {
                        <section class="card narrow">
                            <h1>"This reset link no longer works"</h1>
                            <p>"It was used already, a newer password replaced it, or its 30 minutes are over."</p>
                            <p><a class="button" href="/forgot-password">"Ask for a new link"</a></p>
                        </section>
                    }),
                }
            })}
        </Transition>
    }
}
