//! The pieces every thread shares: a message's time in the viewer's zone,
//! the message lists of each audience, a relay request's text with its
//! flagged passages marked, and the copy button of a new link.

use crate::api::mark_read;
use crate::error::AppError;
use handoff::solicitation::{Piece, SolicitationKind};
use handoff::thread::{OwnerMessage, ProviderMessage, RelayState, Side};
use leptos::either::Either;
use leptos::html::Form;
use leptos::prelude::*;

/// `Mon 23 Nov 2026, 14:05` in the zone named. The server formats with the
/// time-zone database; the browser (pages rendered after a navigation)
/// with `Intl`, in the same shape.
#[cfg(feature = "ssr")]
pub fn when(zone: &str, at: i64) -> String {
    handoff_server::task::due::format_short(zone, at)
}

#[cfg(all(feature = "hydrate", not(feature = "ssr")))]
pub fn when(zone: &str, at: i64) -> String {
    use js_sys::{Array, Date, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;
    let options = Object::new();
    for (key, value) in [
        ("weekday", "short"),
        ("day", "numeric"),
        ("month", "short"),
        ("year", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("hourCycle", "h23"),
        ("timeZone", zone),
    ] {
        let _ = Reflect::set(&options, &key.into(), &value.into());
    }
    let format = Intl::DateTimeFormat::new(&Array::of1(&"en-GB".into()), &options);
    let date = Date::new(&JsValue::from_f64(at as f64));
    format
        .format()
        .call1(&JsValue::NULL, &date)
        .ok()
        .and_then(|v| v.as_string())
        .map(|s| s.replacen(',', "", 1))
        .unwrap_or_default()
}

#[cfg(not(any(feature = "ssr", feature = "hydrate")))]
pub fn when(_zone: &str, _at: i64) -> String {
    String::new()
}

fn time_view(zone: &str, at: i64) -> impl IntoView {
    view! { <time class="message-time">{when(zone, at)}</time> }
}

/// What a flag's kind is called beside the passage.
pub fn flag_label(kind: SolicitationKind) -> &'static str {
    match kind {
        SolicitationKind::OffPlatform => "Flagged: invites the client off the platform",
        SolicitationKind::DirectPayment => "Flagged: asks to be paid directly",
        SolicitationKind::ContactOffer => "Flagged: offers the provider's own contact details",
        SolicitationKind::Disguise => "Flagged: may be passing a contact detail in disguise",
    }
}

/// A provider's text with each flagged passage in a `<mark>`, announced
/// with why it is flagged.
pub fn flagged_text(pieces: Vec<Piece>) -> impl IntoView {
    view! {
        <p class="relay-text">
            {pieces
                .into_iter()
                .map(|p| match p.flag {
                    Some(kind) => Either::Left(view! {
                        <mark class="flag" data-flag=format!("{kind:?}") title=flag_label(kind)>
                            <span class="visually-hidden">{format!("[{}: ", flag_label(kind))}</span>
                            {p.text}
                            <span class="visually-hidden">"]"</span>
                        </mark>
                    }),
                    None => Either::Right(view! { <span>{p.text}</span> }),
                })
                .collect_view()}
        </p>
    }
}

/// An empty thread: what it is for.
pub fn no_messages(text: &'static str) -> impl IntoView {
    view! { <p class="muted thread-empty">{text}</p> }
}

/// Owners' view of a thread's messages. `forward` adds, under each of a
/// client's messages, the control that forwards it.
pub fn owner_messages<F, V>(
    messages: Vec<OwnerMessage>,
    zone: String,
    last_read_id: i64,
    forward: F,
) -> impl IntoView
where
    F: Fn(&OwnerMessage) -> Option<V>,
    V: IntoView,
{
    let items = messages
        .into_iter()
        .map(|m| {
            let extra = forward(&m);
            let unread = m.message_id > last_read_id;
            let side = m.side.as_str();
            let note = match (m.forwarded_from.is_some(), m.relay_id.is_some(), m.side) {
                (true, _, _) => Some("Forwarded from the client"),
                (_, true, _) => Some("Relayed to the client"),
                (_, _, Side::Provider) if !m.flags.is_empty() => Some("Flagged"),
                _ => None,
            };
            view! {
                <li class=format!("message from-{side}") class:unread=unread id=format!("message-{}", m.message_id)>
                    <div class="message-meta">
                        <span class="message-author">{m.author}</span>
                        {note.map(|n| view! { <span class="message-note">{n}</span> })}
                        {time_view(&zone, m.at)}
                        {unread.then(|| view! { <span class="badge new-badge">"New"</span> })}
                    </div>
                    <div class="prose message-body" inner_html=m.body_html></div>
                    {extra}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="messages">{items}</ol> }
}

/// A provider's view of a team thread.
pub fn provider_messages(
    messages: Vec<ProviderMessage>,
    zone: String,
    last_read_id: i64,
) -> impl IntoView {
    let items = messages
        .into_iter()
        .map(|m| {
            let unread = m.from_owners && m.message_id > last_read_id;
            let side = if m.from_owners { "owners" } else { "provider" };
            view! {
                <li class=format!("message from-{side}") class:unread=unread>
                    <div class="message-meta">
                        <span class="message-author">{m.author.to_string()}</span>
                        {m.forwarded.then(|| view! { <span class="message-note">"From the client, forwarded by an owner"</span> })}
                        {time_view(&zone, m.at)}
                        {unread.then(|| view! { <span class="badge new-badge">"New"</span> })}
                    </div>
                    <div class="prose message-body" inner_html=m.body_html.to_string()></div>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="messages">{items}</ol> }
}

/// The newest message's id, if any.
pub fn newest<M>(messages: &[M], id: impl Fn(&M) -> i64) -> Option<i64> {
    messages.last().map(id)
}

/// Marks a thread read up to its newest message (the reader has it on
/// screen): a task's team thread, or a client's thread.
pub async fn read_up_to(
    task_id: Option<i64>,
    client_id: Option<i64>,
    newest: Option<i64>,
    last_read: i64,
) -> Result<(), AppError> {
    match newest {
        Some(newest) if newest > last_read => mark_read(task_id, client_id, newest).await,
        _ => Ok(()),
    }
}

/// A relay request's state in words.
pub fn relay_state_words(state: RelayState, edited: bool) -> &'static str {
    match (state, edited) {
        (RelayState::Pending, _) => "Waiting for an owner",
        (RelayState::Approved, false) => "Sent as written",
        (RelayState::Approved, true) => "Sent edited",
        (RelayState::Returned, _) => "Returned",
    }
}

/// A compose form's node: emptied once its message was sent. With
/// JavaScript the page re-renders in place after a post, which would keep
/// what was typed in the box (and send it again on the next click).
pub fn emptied_after_send(sent: impl Fn() -> bool + Send + Sync + 'static) -> NodeRef<Form> {
    let form = NodeRef::<Form>::new();
    Effect::new(move |_| {
        if sent() {
            if let Some(form) = form.get_untracked() {
                form.reset();
            }
        }
    });
    form
}

/// A new link, shown once, with a Copy button once the page is live.
#[component]
pub fn NewLink(link: String, label: &'static str) -> impl IntoView {
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let copied = RwSignal::new(None::<bool>);
    let text = link.clone();
    let copy = move |_| copied.set(Some(crate::components::clipboard::copy(&text)));
    view! {
        <div class="new-link">
            <input class="link-box" readonly value=link aria-label=label />
            {move || live.get().then(|| view! {
                <button type="button" class="button secondary small" on:click=copy.clone()>"Copy"</button>
            })}
            <p class="muted" role="status" aria-live="polite">
                {move || copied.get().map(|ok| if ok { "Copied." } else { "This browser would not copy. Select the link and copy it." })}
            </p>
        </div>
    }
}
