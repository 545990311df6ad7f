//! A member's e-mail notifications on their account page: each kind with
//! its state and one button to switch it (works without JavaScript).

use crate::api::{load_notifications, SetNotification};
use crate::components::form::{error_of, FormAlert, SavedNotice};
use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn NotificationSettings() -> impl IntoView {
    let set = ServerAction::<SetNotification>::new();
    let errors = error_of(set.value());
    let settings = Resource::new(move || set.version().get(), |_| load_notifications());
    view! {
        <section class="card narrow" aria-labelledby="notifications-heading">
            <h2 id="notifications-heading">"E-mail notifications"</h2>
            <p class="hint">"Handoff e-mails you when something waits for you. Invitations and password resets always come."</p>
            <SavedNotice messages=&[("notifications", "Saved.")] />
            <FormAlert errors />
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(list) => Either::Left(view! {
                            <ul class="plain-list notify-list">
                                {list.into_iter().map(|s| {
                                    let (state, button, next) = if s.on {
                                        ("On", "Turn off", "0")
                                    } else {
                                        ("Off", "Turn on", "1")
                                    };
                                    let label = s.kind.said();
                                    view! {
                                        <li data-notify=s.kind.as_str()>
                                            <span>{label}</span>
                                            <span class="notify-state">{state}</span>
                                            <ActionForm action=set attr:class="inline-form">
                                                <input type="hidden" name="kind" value=s.kind.as_str() />
                                                <input type="hidden" name="on" value=next />
                                                <button type="submit" class="button secondary small" aria-label=format!("{button}: {label}")>{button}</button>
                                            </ActionForm>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }),
                        Err(e) => Either::Right(view! { <p class="error" role="alert">{e.to_string()}</p> }),
                    }
                })}
            </Transition>
        </section>
    }
}
