use crate::api::{ChangePassword, SignOutEverywhere, UpdateProfile};
use crate::components::form::{error_of, Field, FormAlert, NewPasswordField, SavedNotice};
use crate::components::me::MeResource;
use crate::components::notifications::NotificationSettings;
use crate::components::zone_select::ZoneSelect;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

lazy_page!(AccountRoute, AccountPage);

/// The member's own account: name and time zone, password and sessions.
#[component]
pub fn AccountPage() -> impl IntoView {
    let me = expect_context::<MeResource>();
    let change = ServerAction::<ChangePassword>::new();
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    let errors = error_of(change.value());
    let profile = ServerAction::<UpdateProfile>::new();
    let profile_errors = error_of(profile.value());
    // The header shows the name from `me`; it is fetched per path, and the
    // save lands on the same path, so fetch it again after a good save.
    Effect::new(move |_| {
        if matches!(profile.value().get(), Some(Ok(()))) {
            me.refetch();
        }
    });
    let query = use_query_map();
    let changed = move || query.with(|q| q.get("changed").is_some());

    view! {
            <Title text="Your account" />
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match me.await.ok().flatten() {
    // Signed out: `SignInFirst` (in the layout) is sending the visitor to
                        // sign in; nothing of the page shows meanwhile.
                        None => Either::Left(()),
                        Some(me) => Either::Right(view! {
                            <h1>"Your account"</h1>
                            <section class="card narrow" aria-labelledby="profile-heading">
                                <h2 id="profile-heading">"Your details"</h2>
                                <SavedNotice messages=&[("profile", "Saved. Your name and time zone are updated everywhere.")] />
                                <dl class="facts">
                                    <div><dt>"Email"</dt><dd>{me.email}</dd></div>
                                    <div><dt>"Role"</dt><dd>{me.role.to_string()}</dd></div>
                                </dl>
                                <ActionForm action=profile>
                                    <FormAlert errors=profile_errors />
                                    <Field
                                        label="Your name"
                                        name="display_name"
                                        value=me.display_name
                                        autocomplete="name"
                                        hint="The owners and providers of your workspace see this name. Clients never do: they see only the business name."
                                        errors=profile_errors
                                    />
                                    <ZoneSelect errors=profile_errors selected=me.time_zone />
                                    <button type="submit" class="button">"Save details"</button>
                                </ActionForm>
                            </section>
                            <NotificationSettings />
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
