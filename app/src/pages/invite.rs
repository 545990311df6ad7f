use crate::api::{load_invitation, AcceptInvitation};
use crate::components::form::{error_of, Field, FormAlert, NewPasswordField};
use crate::components::me::MeResource;
use crate::components::zone_select::ZoneSelect;
use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

lazy_page!(InviteRoute, InvitePage);

#[component]
pub fn InvitePage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let preview = Resource::new(token, load_invitation);
    let accept = ServerAction::<AcceptInvitation>::new();
    let errors = error_of(accept.value());
    let me = expect_context::<MeResource>();

    view! {
        <Title text="Join a workspace" />
        <Transition fallback=|| view! { <p class="muted">"Checking your invitation…"</p> }>
            {move || Suspend::new(async move {
                match preview.await {
                    Ok(Some(invitation)) => Either::Left(view! {
                        <section class="card narrow auth">
                            <h1>{format!("Join {}", invitation.workspace_name)}</h1>
                            <p class="muted">
                                {format!("You are invited as {}. Choose how your team will see you and a password.", invitation.role.noun())}
                            </p>
                            <ActionForm action=accept>
                                <FormAlert errors />
                                <input type="hidden" name="token" value=token() />
                                <div class="field">
                                    <label for="field-invited-email">"Email"</label>
                                    <input id="field-invited-email" type="email" value=invitation.email readonly autocomplete="username" />
                                </div>
                                <Field label="Your name" name="display_name" autocomplete="name" errors />
                                <ZoneSelect errors prefer_browser=true />
                                <NewPasswordField label="Password" name="password" errors />
                                <button type="submit" class="button">"Join workspace"</button>
                            </ActionForm>
                        </section>
                    }),
                    // Signed in (Back after joining, most often): nothing is
                    // wrong, and "Sign in" would only confuse.
                    _ => match me.await {
                        Ok(Some(me)) => Either::Right(Either::Left(view! {
                            <section class="card narrow">
                                <h1>"You have joined — open Handoff"</h1>
                                <p>{format!(
                                    "You are signed in to {} as {}. This invitation link has done its work and cannot be used again.",
                                    me.workspace_name, me.display_name,
                                )}</p>
                                <p><a class="button" href="/">"Open Handoff"</a></p>
                            </section>
                        })),
                        _ => Either::Right(Either::Right(view! {
                            <section class="card narrow">
                                <h1>"This invitation link no longer works"</h1>
                                <p>"It may have been used already, revoked, or it expired after 7 days. Ask the owner who sent it for a new link."</p>
                                <p><a href="/login">"Sign in"</a>" if you already joined."</p>
                            </section>
                        })),
                    },
                }
            })}
        </Transition>
    }
}
