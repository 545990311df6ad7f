//! Owners: whether Handoff's mail reaches people, and what did not.

use crate::api::{load_mail, RetryMail};
use crate::components::form::{error_of, FormAlert};
use crate::error::AppError;
use handoff::{MailOverview, MailState};
use leptos::either::Either;
use leptos::prelude::*;

/// The workspace's mail on the team page: delivered or written to a
/// folder, how much went out, and each message that failed with its reason
/// (a dead one can be sent again).
#[component]
pub fn MailCard() -> impl IntoView {
    let retry = ServerAction::<RetryMail>::new();
    let errors = error_of(retry.value());
    let mail = Resource::new(move || retry.version().get(), |_| load_mail());
    view! {
        <section class="card" id="mail" aria-labelledby="mail-heading">
            <h2 id="mail-heading">"Mail"</h2>
            <FormAlert errors />
            <Transition fallback=|| view! { <p class="muted">"Loading the mail…"</p> }>
                {move || Suspend::new(async move {
                    match mail.await {
                        Ok(overview) => Either::Left(mail_view(overview, retry)),
                        // Who may not see the team sees why once, in the page's
                        // own alert; this card says nothing more then.
                        Err(AppError::Unauthenticated | AppError::Forbidden | AppError::TwoFactorSetupRequired) => {
                            Either::Right(None)
                        }
                        Err(e) => Either::Right(Some(view! { <p class="error" role="alert">{e.to_string()}</p> })),
                    }
                })}
            </Transition>
        </section>
    }
}

fn mail_view(overview: MailOverview, retry: ServerAction<RetryMail>) -> impl IntoView {
    let delivery = match overview.not_delivered_to {
        Some(folder) => Either::Left(view! {
            <div class="notice warning" role="status" data-mail-delivery="folder">
                <p><strong>"Mail is not being delivered."</strong>" Handoff has no mail server yet, so invitations and reset links are written to files in "<code>{folder}</code>" instead of reaching anyone."</p>
                <p>"Whoever runs Handoff sets HANDOFF_SMTP_URL (see the README); what is waiting goes out then."</p>
            </div>
        }),
        None => Either::Right(view! {
            <p data-mail-delivery="smtp">"Mail goes out through your mail server."</p>
        }),
    };
    let counts = format!(
        "Sent in the last 7 days: {}. Waiting to go out: {}.",
        overview.sent_last_week, overview.waiting
    );
    let none_failed = overview.problems.is_empty();
    let rows = overview
        .problems
        .into_iter()
        .map(|p| {
            let state = match (p.state, &p.next_attempt) {
                (MailState::Dead, _) => "Not sent: given up".to_string(),
                (_, Some(next)) => format!("Trying again {next}"),
                _ => "Waiting".to_string(),
            };
            let again = (p.state == MailState::Dead).then(|| {
                view! {
                    <ActionForm action=retry attr:class="inline-form">
                        <input type="hidden" name="mail_id" value=p.mail_id />
                        <button type="submit" class="button secondary small">"Send again"</button>
                    </ActionForm>
                }
            });
            view! {
                <tr>
                    <td class="nowrap" data-label="Written">{p.written}</td>
                    <td data-label="Kind">{p.kind.said()}</td>
                    <td data-label="To">{p.recipient}</td>
                    <td data-label="State">{state}</td>
                    <td data-label="Reason">{p.reason}</td>
                    <td data-label="">{again}</td>
                </tr>
            }
        })
        .collect_view();
    let table = (!none_failed).then(|| view! {
        <div class="table-wrap">
            <table class="stack-table">
                <caption>"Mail that could not be sent"</caption>
                <thead><tr><th scope="col">"Written"</th><th scope="col">"Kind"</th><th scope="col">"To"</th><th scope="col">"State"</th><th scope="col">"Reason"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    });
    view! {
        {delivery}
        <p>{counts}</p>
        {none_failed.then(|| view! { <p class="muted">"Nothing failed: every message went out or is on its way."</p> })}
        {table}
    }
}
