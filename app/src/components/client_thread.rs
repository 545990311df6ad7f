//! The owner's side of a client: the conversation with them (through their
//! portal), forwarding a client's words to a task's provider after seeing
//! exactly what the provider will read, and the client's private link.

use crate::api::{
    load_client_thread, load_portal_link, preview_forward, CreatePortalLink, ForwardMessage,
    PortalLinkView, PostMessage, RevokePortalLink,
};
use crate::components::confirm::Confirm;
use crate::components::form::{error_of, FormAlert, TextArea};
use crate::components::live::refreshed;
use crate::components::me::MeResource;
use crate::components::preview_notes::DisguiseNote;
use crate::components::thread::{
    emptied_after_send, newest, no_messages, owner_messages, read_up_to, when, NewLink,
};
use crate::error::AppError;
use handoff::thread::{ForwardPreview, OwnerMessage, OwnerThread, PortalLinkStatus, Side};
use handoff::LiveKind;
use leptos::either::{Either, EitherOf4};
use leptos::prelude::*;

/// A task the client's messages may be forwarded to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForwardTarget {
    pub task_id: i64,
    pub title: String,
}

/// The forward being previewed (`?forward=<message>&task=<task>&part=`):
/// a GET form, so the preview needs no JavaScript and changes nothing.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Previewing {
    message_id: i64,
    task_id: i64,
    part: String,
}

impl Previewing {
    /// The forward the page's query asks to preview, if any.
    pub fn from_query(query: &leptos_router::params::ParamsMap) -> Option<Self> {
        Some(Previewing {
            message_id: query.get("forward")?.parse().ok()?,
            task_id: query.get("task")?.parse().ok()?,
            part: query.get("part").unwrap_or_default(),
        })
    }
}

/// Everything the client's conversation and link cards show, loaded by
/// the page outside its `<Transition>`: a resource made inside a suspended
/// view can leave a server render waiting forever (leptos#4866).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Conversation {
    thread: OwnerThread,
    link: PortalLinkView,
    zone: String,
    preview: Preview,
}

/// Loads the conversation with `client_id` and marks it read.
pub async fn load_conversation(
    client_id: i64,
    me: MeResource,
    previewing: Option<Previewing>,
) -> Result<Conversation, AppError> {
    let zone = me.await?.map(|m| m.time_zone).unwrap_or_default();
    let thread = load_client_thread(client_id).await?;
    let newest_id = newest(&thread.messages, |m| m.message_id);
    read_up_to(None, Some(client_id), newest_id, thread.last_read_id).await?;
    let link = load_portal_link(client_id).await?;
    let preview = match previewing {
        Some(p) => {
            let text = preview_forward(p.message_id, p.task_id, p.part.clone()).await;
            Some((p, text))
        }
        None => None,
    };
    Ok(Conversation {
        thread,
        link,
        zone,
        preview,
    })
}

#[component]
pub fn ClientThread(
    client_id: i64,
    targets: Vec<ForwardTarget>,
    conversation: Conversation,
) -> impl IntoView {
    let post = ServerAction::<PostMessage>::new();
    let errors = error_of(post.value());
    let compose = emptied_after_send(move || matches!(post.value().get(), Some(Ok(()))));
    let forward = ServerAction::<ForwardMessage>::new();
    let forward_errors = error_of(forward.value());
    let Conversation {
        thread,
        zone,
        preview,
        ..
    } = conversation;
    let shown = refreshed(thread, &[LiveKind::Thread], move || async move {
        let thread = load_client_thread(client_id).await?;
        let newest = newest(&thread.messages, |m| m.message_id);
        read_up_to(None, Some(client_id), newest, thread.last_read_id).await?;
        Ok(thread)
    });
    let messages = move || {
        let thread = shown.get();
        if thread.messages.is_empty() {
            Either::Left(no_messages(
                "No messages yet. Write to the client here; they read it in their portal (create their link below).",
            ))
        } else {
            let (targets, preview) = (targets.clone(), preview.clone());
            Either::Right(owner_messages(
                thread.messages,
                zone.clone(),
                thread.last_read_id,
                move |m: &OwnerMessage| {
                    (m.side == Side::Client).then(|| {
                        forward_control(client_id, m, targets.clone(), preview.clone(), forward)
                    })
                },
            ))
        }
    };
    view! {
        <section class="card narrow thread" id="thread" aria-labelledby="client-thread-heading">
            <h2 id="client-thread-heading">"Conversation with the client"</h2>
            <p class="hint">"The client reads and answers this in their portal. What you write is signed with your business's name."</p>
            <FormAlert errors=forward_errors />
            <div aria-live="polite" aria-relevant="additions">{messages}</div>
            <ActionForm action=post node_ref=compose attr:class="compose">
                <FormAlert errors />
                <input type="hidden" name="client_id" value=client_id />
                <TextArea label="Message to the client" name="body" rows=3 hint="Signed with your business's name. Markdown works." errors />
                <button type="submit" class="button" disabled=move || post.pending().get()>
                    {move || if post.pending().get() { "Sending…" } else { "Send to the client" }}
                </button>
            </ActionForm>
        </section>
    }
}

/// The forward being previewed and what the provider would read (or why
/// not, shown beside that message's form).
pub type Preview = Option<(Previewing, Result<ForwardPreview, AppError>)>;

fn forward_control(
    client_id: i64,
    message: &OwnerMessage,
    targets: Vec<ForwardTarget>,
    preview: Preview,
    forward: ServerAction<ForwardMessage>,
) -> impl IntoView {
    let message_id = message.message_id;
    if targets.is_empty() {
        return Either::Left(view! {
            <p class="muted forward-none">"To forward this to a provider, first give this client a task."</p>
        });
    }
    // This message's preview, if it is the one being previewed.
    let (asked, mine, part_error) = match preview {
        Some((p, Ok(text))) if p.message_id == message_id => {
            (Some(p.clone()), Some((p, text)), None)
        }
        Some((p, Err(e))) if p.message_id == message_id => (Some(p), None, Some(e)),
        _ => (None, None, None),
    };
    let open = asked.is_some();
    let chosen = asked.as_ref().map(|p| p.task_id);
    let typed = asked.as_ref().map(|p| p.part.clone()).unwrap_or_default();
    let select_id = format!("forward-task-{message_id}");
    let part_id = format!("forward-part-{message_id}");
    let options = targets
        .into_iter()
        .map(|t| {
            let selected = Some(t.task_id) == chosen;
            view! { <option value=t.task_id selected=selected>{t.title}</option> }
        })
        .collect_view();
    let result = mine.map(|(p, seen)| {
        view! {
            <div class="forward-preview" role="region" aria-label="What the provider will read">
                <h4>"The provider will read exactly this:"</h4>
                <blockquote class="preview-text">{seen.text.to_string()}</blockquote>
                <DisguiseNote passages=seen.disguises />
                <ActionForm action=forward attr:class="inline-form">
                    <input type="hidden" name="client_id" value=client_id />
                    <input type="hidden" name="message_id" value=p.message_id />
                    <input type="hidden" name="task_id" value=p.task_id />
                    <input type="hidden" name="part" value=p.part />
                    <button type="submit" class="button">"Forward to the provider"</button>
                </ActionForm>
            </div>
        }
    });
    let error_text = part_error.map(|e| {
        e.field("part")
            .or_else(|| e.field("task"))
            .unwrap_or_else(|| e.to_string())
    });
    let has_error = error_text.is_some();
    Either::Right(view! {
        <details class="forward" open=open>
            <summary class="button secondary small">"Forward to a task's provider…"</summary>
            <form method="get" action=format!("/clients/{client_id}") class="forward-form">
                <input type="hidden" name="forward" value=message_id />
                <div class="field">
                    <label for=select_id.clone()>"Task"</label>
                    <select id=select_id name="task">{options}</select>
                </div>
                <div class="field" class:has-error=has_error>
                    <label for=part_id.clone()>"Only this part (optional)"</label>
                    <p class="hint">"Paste the part of the client's message to forward, or leave it empty to forward all of it."</p>
                    <textarea id=part_id name="part" rows=2>{typed}</textarea>
                    <p class="field-error" aria-live="polite">{error_text}</p>
                </div>
                <button type="submit" class="button secondary small">"Preview what the provider sees"</button>
            </form>
            {result}
        </details>
    })
}

/// The client's private link to their portal: make it (shown once), make
/// a new one (the old stops working), or revoke it.
#[component]
pub fn PortalLinkCard(
    client_id: i64,
    conversation: Conversation,
    /// The revoke confirmation is open (`?revoke`, without JavaScript).
    confirming: bool,
) -> impl IntoView {
    let create = ServerAction::<CreatePortalLink>::new();
    let revoke = ServerAction::<RevokePortalLink>::new();
    let errors = error_of(create.value());
    let revoke_errors = error_of(revoke.value());
    let body = link_body(
        client_id,
        conversation.link,
        &conversation.zone,
        create,
        revoke,
        confirming,
    );
    view! {
        <section class="card narrow" id="portal-link" aria-labelledby="portal-link-heading">
            <h2 id="portal-link-heading">"Portal link"</h2>
            <p class="hint">"A private link lets the client read your messages and answer, without an account. It works for 30 days; anyone holding it can open the portal, so send it only to the client."</p>
            <FormAlert errors />
            <FormAlert errors=revoke_errors />
            {body}
        </section>
    }
}

fn link_body(
    client_id: i64,
    link: PortalLinkView,
    zone: &str,
    create: ServerAction<CreatePortalLink>,
    revoke: ServerAction<RevokePortalLink>,
    confirming: bool,
) -> impl IntoView {
    let opened = |at: Option<i64>| match at {
        Some(at) => format!("Last opened {}.", when(zone, at)),
        None => "Not opened yet.".to_string(),
    };
    let (status, live) = match link.status {
        PortalLinkStatus::None => (
            EitherOf4::A(view! { <p data-link-state="none">"No link yet."</p> }),
            false,
        ),
        PortalLinkStatus::Live {
            created_at,
            expires_at,
            last_opened_at,
        } => (
            EitherOf4::B(view! {
                <p data-link-state="live">{format!("Live: made {}, works until {}. {}", when(zone, created_at), when(zone, expires_at), opened(last_opened_at))}</p>
            }),
            true,
        ),
        PortalLinkStatus::Revoked {
            revoked_at,
            last_opened_at,
        } => (
            EitherOf4::C(
                view! { <p data-link-state="revoked">{format!("Revoked {}. {}", when(zone, revoked_at), opened(last_opened_at))}</p> },
            ),
            false,
        ),
        PortalLinkStatus::Expired {
            expires_at,
            last_opened_at,
        } => (
            EitherOf4::D(
                view! { <p data-link-state="expired">{format!("Expired {}. {}", when(zone, expires_at), opened(last_opened_at))}</p> },
            ),
            false,
        ),
    };
    let fresh = link.new_link.map(|l| {
        view! {
            <div class="notice" role="status">
                <p><strong>"Here is the client's link."</strong>" Copy it now and send it to them yourself: it is shown only this once."</p>
                <NewLink link=l label="The client's portal link" />
            </div>
        }
    });
    let revoke_form = live.then(|| {
        view! {
            <Confirm
                id="revoke-link"
                label="Revoke…"
                question="Revoke the client's link?"
                keep="Keep it"
                back=format!("/clients/{client_id}#portal-link")
                open=confirming
            >
                <p>"The link stops working at once and the client's open portal sessions end. You can make a new link afterwards."</p>
                <ActionForm action=revoke attr:class="inline-form">
                    <input type="hidden" name="client_id" value=client_id />
                    <button type="submit" class="button danger">"Yes, revoke the link"</button>
                </ActionForm>
            </Confirm>
        }
    });
    let create_label = if live {
        "Make a new link (the old one stops working)"
    } else {
        "Create a link"
    };
    view! {
        {status}
        {fresh}
        <div class="link-actions">
            <ActionForm action=create attr:class="inline-form">
                <input type="hidden" name="client_id" value=client_id />
                <button type="submit" class=if live { "button secondary" } else { "button" }>{create_label}</button>
            </ActionForm>
            <ActionForm action=create attr:class="inline-form">
                <input type="hidden" name="client_id" value=client_id />
                <input type="hidden" name="by_mail" value="1" />
                <button type="submit" class="button secondary">"E-mail a new link to the client"</button>
            </ActionForm>
            {revoke_form}
        </div>
    }
}
