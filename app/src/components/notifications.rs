//! A member's e-mail notifications on their account page: for each kind,
//! right away, in the daily digest, or off; and the hour of the digest in
//! their own time zone. One form, one save (works without JavaScript).

use crate::api::{load_notifications, SaveNotifications, SendDigestNow};
use crate::components::form::{error_of, FormAlert, SavedNotice, SelectField};
use handoff::{digest_hour_said, Language, NotifyChoice, NotifySetting};
use leptos::either::Either;
use leptos::prelude::*;

/// One kind's row: its words and a select of the three choices.
#[component]
fn ChoiceRow(setting: NotifySetting) -> impl IntoView {
    let kind = setting.kind.as_str();
    let id = format!("notify-{kind}");
    view! {
        <li data-notify=kind>
            <label for=id.clone()>{setting.kind.said()}</label>
            <input type="hidden" name="kinds[]" value=kind />
            <select id=id name="choices[]">
                {NotifyChoice::ALL
                    .iter()
                    .map(|c| {
                        view! {
                            <option value=c.as_str() selected=*c == setting.choice>{c.said()}</option>
                        }
                    })
                    .collect_view()}
            </select>
        </li>
    }
}

/// What waits for the next digest, and a button to have it now.
#[component]
fn DigestWaiting(
    waiting: u32,
    next: String,
    send_now: ServerAction<SendDigestNow>,
) -> impl IntoView {
    (waiting > 0).then(|| {
        let said = match waiting {
            1 => "1 update waits".to_string(),
            n => format!("{n} updates wait"),
        };
        view! {
            <div class="digest-waiting" data-digest-waiting=waiting>
                <p>{format!("{said} for your next digest, {next}.")}</p>
                <ActionForm action=send_now attr:class="inline-form">
                    <button type="submit" class="button secondary" disabled=move || send_now.pending().get()>
                        {move || if send_now.pending().get() { "Sending…" } else { "Send my digest now" }}
                    </button>
                </ActionForm>
            </div>
        }
    })
}

#[component]
pub fn NotificationSettings() -> impl IntoView {
    let save = ServerAction::<SaveNotifications>::new();
    let send_now = ServerAction::<SendDigestNow>::new();
    let errors = error_of(save.value());
    let settings = Resource::new(
        move || (save.version().get(), send_now.version().get()),
        |_| load_notifications(),
    );
    view! {
        <section class="card narrow" aria-labelledby="notifications-heading">
            <h2 id="notifications-heading">"E-mail notifications"</h2>
            <p class="hint">
                "Handoff e-mails you when something waits for you: right away, or gathered in one message a day. Invitations and password resets always come."
            </p>
            <SavedNotice messages=&[
                ("notifications", "Saved. Your notifications follow these settings from now on."),
                ("digest", "Your digest is on its way to your inbox."),
                ("digest-empty", "Nothing waited for your digest: there was nothing to send."),
            ] />
            <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Ok(s) => Either::Left(view! {
                            <ActionForm action=save>
                                <FormAlert errors />
                                <ul class="plain-list notify-list">
                                    {s.kinds.into_iter().map(|setting| view! { <ChoiceRow setting /> }).collect_view()}
                                </ul>
                                <SelectField
                                    label="Daily digest at"
                                    name="digest_hour"
                                    options=(0..24u8).map(|h| (h.to_string(), digest_hour_said(h))).collect()
                                    selected=s.digest_hour.to_string()
                                    hint=format!("In your time zone, {}. The digest comes only on days with something in it.", s.time_zone)
                                    errors
                                />
                                <SelectField
                                    label="Language of your e-mails"
                                    name="language"
                                    options=Language::ALL.iter().map(|l| (l.code().to_string(), l.said().to_string())).collect()
                                    selected=s.language.code().to_string()
                                    errors
                                />
                                <button type="submit" class="button" disabled=move || save.pending().get()>
                                    {move || if save.pending().get() { "Saving…" } else { "Save notifications" }}
                                </button>
                            </ActionForm>
                            <DigestWaiting waiting=s.digest_waiting next=s.next_digest send_now />
                        }),
                        Err(e) => Either::Right(view! { <p class="error" role="alert">{e.to_string()}</p> }),
                    }
                })}
            </Transition>
        </section>
    }
}
