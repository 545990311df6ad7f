use crate::api::{ChangePassword, SignOutEverywhere};
use crate::components::form::{error_of, Field, FormAlert, NewPasswordField};
use crate::components::layout::MeResource;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

lazy_page!(AccountRoute, AccountPage);

/// The member's own account: password and sessions.
#[component]
pub fn AccountPage() -> impl IntoView {
    let me = expect_context::<MeResource>();
    let change = ServerAction::<ChangePassword>::new();
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    let errors = error_of(change.value());
    let query = use_query_map();
    let changed = move || query.with(|q| q.get("changed").is_some());

    view! {
        <Title text="Your account" />
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match me.await.ok().flatten() {
                    None => Either::Left(view! {
                        <section class="card narrow">
                            <h1>"Your account"</h1>
                            <p>"Sign in to see your account."</p>
                            <p><a class="button" href="/login">"Sign in"</a></p>
                        </section>
                    }),
                    Some(me) => Either::Right(view! {
                        <h1>"Your account"</h1>
                        <section class="card narrow">
                            <dl class="facts">
                                <div><dt>"Name"</dt><dd>{me.display_name}</dd></div>
                                <div><dt>"Email"</dt><dd>{me.email}</dd></div>
                                <div><dt>"Role"</dt><dd>{me.role.to_string()}</dd></div>
                                <div><dt>"Time zone"</dt><dd>{me.time_zone}</dd></div>
                            </dl>
                        </section>
                        <section class="card narrow" aria-labelledby="two-factor-heading">
                            <h2 id="two-factor-heading">"Two-factor sign-in"</h2>
                            <p>"Ask for a code from your phone as well as your password."</p>
                            <p><a class="button secondary" href="/account/two-factor">"Two-factor sign-in settings"</a></p>
                        </section>
                        <section class="card narrow" aria-labelledby="password-heading">
                            <h2 id="password-heading">"Change password"</h2>
                            <p class="notice" role="status">
                                {move || changed().then_some("Password changed. Every other session of yours has ended.")}
                            </p>
                            <ActionForm action=change>
                                <FormAlert errors />
                                <Field label="Current password" name="current_password" kind="password" autocomplete="current-password" errors />
                                <NewPasswordField label="New password" name="new_password" errors />
                                <button type="submit" class="button">"Change password"</button>
                            </ActionForm>
                        </section>
                        <section class="card narrow" aria-labelledby="sessions-heading">
                            <h2 id="sessions-heading">"Sessions"</h2>
                            <p>"Lost a device, or signed in on a shared computer? End every session, this one included."</p>
                            <ActionForm action=everywhere>
                                <button type="submit" class="button secondary">"Sign out everywhere"</button>
                            </ActionForm>
                        </section>
                    }),
                }
            })}
        </Transition>
    }
}
