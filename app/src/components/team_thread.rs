//! A task's team thread on its page: the owners' side (messages, a compose
//! box, the task's relay requests, whether the task shows in the client's
//! portal) and the provider's (messages, a compose box, a message for the
//! client and what became of each).

use crate::api::{
    load_provider_thread, load_team_thread, PostMessage, ProviderPost, RequestRelay, ShowInPortal,
};
use crate::components::draft_sync::{DraftSync, Sends};
use crate::components::form::{error_of, FormAlert, TextArea};
use crate::components::live::refreshed;
use crate::components::thread::{
    emptied_after_send, flagged_text, newest, no_messages, owner_messages, provider_messages,
    read_up_to, relay_state_words, when,
};
use handoff::thread::{OwnerThread, ProviderRelay, ProviderThread, RelayItem, RelayState};
use handoff::LiveKind;
use leptos::either::Either;
use leptos::prelude::*;

/// Owners: the conversation with the task's provider.
pub fn owner_team_thread(thread: OwnerThread, task_id: i64, zone: String) -> impl IntoView {
    let post = ServerAction::<PostMessage>::new();
    let errors = error_of(post.value());
    let compose = emptied_after_send(move || matches!(post.value().get(), Some(Ok(()))));
    let provider = thread
        .provider_name
        .clone()
        .unwrap_or_else(|| "the provider".into());
    let shown = refreshed(
        thread,
        &[LiveKind::Thread, LiveKind::Relay],
        move || async move {
            let thread = load_team_thread(task_id).await?;
            read_up_to(
                Some(task_id),
                None,
                newest(&thread.messages, |m| m.message_id),
                thread.last_read_id,
            )
            .await?;
            Ok(thread)
        },
    );
    let list = {
        let zone = zone.clone();
        move || {
            let thread = shown.get();
            if thread.messages.is_empty() {
                Either::Left(no_messages(
                    "No messages yet. Write to the provider here; they read it on their task page.",
                ))
            } else {
                Either::Right(owner_messages(
                    thread.messages,
                    zone.clone(),
                    thread.last_read_id,
                    |_| None::<()>,
                ))
            }
        }
    };
    let relays = move || {
        let relays = shown.get().relays;
        (!relays.is_empty()).then(|| owner_relays(relays, zone.clone()))
    };
    view! {
        <section class="card thread" id="thread" aria-labelledby="thread-heading">
            <h2 id="thread-heading">"Team thread"</h2>
            <p class="hint">{format!("Between the owners and {provider}. The client never reads this thread.")}</p>
            <div aria-live="polite" aria-relevant="additions">{list}</div>
            <ActionForm action=post node_ref=compose attr:class="compose">
                <FormAlert errors />
                <input type="hidden" name="task_id" value=task_id />
                <TextArea label="Message to the provider" name="body" id="field-team-body" rows=3 hint="Markdown works: **bold**, lists, links." errors />
                <button type="submit" class="button" disabled=move || post.pending().get()>
                    {move || if post.pending().get() { "Sending…" } else { "Send" }}
                </button>
            </ActionForm>
        </section>
        {relays}
    }
}

fn owner_relays(relays: Vec<RelayItem>, zone: String) -> impl IntoView {
    let items = relays
        .into_iter()
        .map(|r| {
            let words = relay_state_words(r.state, r.edited);
            let pending = r.state == RelayState::Pending;
            view! {
                <li class="relay-line">
                    <span class=format!("relay-state relay-{}", r.state.as_str())>{words}</span>
                    " "<time class="message-time">{when(&zone, r.at)}</time>
                    {flagged_text(r.pieces)}
                    {r.sent_body.filter(|_| r.edited).map(|s| view! { <p class="muted">"Sent instead: "{s}</p> })}
                    {r.reason.map(|s| view! { <p class="muted">"Reason: "{s}</p> })}
                    {pending.then(|| view! { <p><a href="/relay">"Decide in the relay queue"</a></p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="task-relays-heading">
            <h2 id="task-relays-heading">"Messages for the client"</h2>
            <ul class="plain-list relay-list">{items}</ul>
        </section>
    }
}

/// Owners: whether this task's status shows in the client's portal.
pub fn portal_toggle(task_id: i64, shown: bool) -> impl IntoView {
    let toggle = ServerAction::<ShowInPortal>::new();
    let errors = error_of(toggle.value());
    let (text, button, value) = if shown {
        (
            "The client sees this task's title and status (never who works on it) in their portal.",
            "Hide from the client's portal",
            "no",
        )
    } else {
        (
            "The client does not see this task in their portal.",
            "Show in the client's portal",
            "yes",
        )
    };
    view! {
        <section class="card" aria-labelledby="portal-toggle-heading">
            <h2 id="portal-toggle-heading">"Client portal"</h2>
            <p class="hint" data-portal-shown=shown.to_string()>{text}</p>
            <ActionForm action=toggle>
                <FormAlert errors />
                <input type="hidden" name="task_id" value=task_id />
                <input type="hidden" name="show" value=value />
                <button type="submit" class="button secondary">{button}</button>
            </ActionForm>
        </section>
    }
}

/// The provider: the conversation with the owners, and messages for the
/// client that an owner approves first.
pub fn provider_team_thread(thread: ProviderThread, zone: String) -> impl IntoView {
    let post = ServerAction::<ProviderPost>::new();
    let errors = error_of(post.value());
    let form = emptied_after_send(move || matches!(post.value().get(), Some(Ok(()))));
    let task_id = thread.task_id;
    let can_write = thread.can_write;
    let can_relay = thread.can_relay;
    let shown = refreshed(thread, &[LiveKind::Thread], move || async move {
        let thread = load_provider_thread(task_id).await?;
        let newest = newest(&thread.messages, |m| m.message_id);
        read_up_to(Some(task_id), None, newest, thread.last_read_id).await?;
        Ok(thread)
    });
    let list = {
        let zone = zone.clone();
        move || {
            let thread = shown.get();
            if thread.messages.is_empty() {
                Either::Left(no_messages(
                    "No messages yet. Ask the owners here if anything is unclear.",
                ))
            } else {
                Either::Right(provider_messages(
                    thread.messages,
                    zone.clone(),
                    thread.last_read_id,
                ))
            }
        }
    };
    let sending = RwSignal::new(false);
    let busy = move || post.pending().get() || sending.get();
    // Kept as a draft and sent through the outbox (R6); without
    // JavaScript the plain form posts.
    let compose = can_write.then(|| {
        view! {
            <DraftSync task_id sends=Sends::TeamMessage(post) sending>
            <ActionForm action=post node_ref=form attr:class="compose">
                <FormAlert errors />
                <input type="hidden" name="task_id" value=task_id />
                <TextArea label="Message to the owners" name="body" id="field-team-body" rows=3 errors />
                <button type="submit" class="button" disabled=busy>
                    {move || if busy() { "Sending…" } else { "Send" }}
                </button>
            </ActionForm>
            </DraftSync>
        }
    });
    let relays = move || shown.get().relays;
    let relay = (can_relay || !relays().is_empty())
        .then(|| provider_relays(task_id, can_relay, Signal::derive(relays), zone));
    view! {
        <section class="card thread" id="thread" aria-labelledby="thread-heading">
            <h2 id="thread-heading">"Team thread"</h2>
            <p class="hint">"Between you and the owners. The client never reads this thread."</p>
            <div aria-live="polite" aria-relevant="additions">{list}</div>
            {compose}
        </section>
        {relay}
    }
}

fn provider_relays(
    task_id: i64,
    can_relay: bool,
    relays: Signal<Vec<ProviderRelay>>,
    zone: String,
) -> impl IntoView {
    let request = ServerAction::<RequestRelay>::new();
    let errors = error_of(request.value());
    let form = emptied_after_send(move || matches!(request.value().get(), Some(Ok(()))));
    let sending = RwSignal::new(false);
    let busy = move || request.pending().get() || sending.get();
    let compose = can_relay.then(|| {
        view! {
            <DraftSync task_id sends=Sends::RelayRequest(request) sending>
            <ActionForm action=request node_ref=form attr:class="compose">
                <FormAlert errors />
                <input type="hidden" name="task_id" value=task_id />
                <TextArea
                    label="Message for the client"
                    name="relay_body"
                    rows=3
                    hint="An owner reads it first and sends it to the client in the business's name, or returns it to you with a reason. Keep contact details and payment outside of it."
                    errors
                />
                <button type="submit" class="button secondary" disabled=busy>
                    {move || if busy() { "Sending…" } else { "Send for approval" }}
                </button>
            </ActionForm>
            </DraftSync>
        }
    });
    let items = move || {
        relays
        .get()
        .into_iter()
        .map(|r| {
            let words = relay_state_words(r.state, r.edited);
            view! {
                <li class="relay-line">
                    <span class=format!("relay-state relay-{}", r.state.as_str())>{words}</span>
                    " "<time class="message-time">{when(&zone, r.at)}</time>
                    <p class="relay-text">{r.body.to_string()}</p>
                    {r.sent.filter(|_| r.edited).map(|s| view! { <p class="relay-sent"><strong>"What the client got: "</strong>{s.to_string()}</p> })}
                    {r.reason.map(|s| view! { <p class="relay-reason"><strong>"Why it came back: "</strong>{s.to_string()}</p> })}
                </li>
            }
        })
        .collect_view()
    };
    view! {
        <section class="card" id="relays" aria-labelledby="relays-heading">
            <h2 id="relays-heading">"Messages for the client"</h2>
            {compose}
            <ul class="plain-list relay-list">{items}</ul>
        </section>
    }
}
