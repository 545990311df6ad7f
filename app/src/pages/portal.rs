use crate::api::{load_portal, portal_mark_read, PortalReply, PortalSignOut};
use crate::components::form::{error_of, FormAlert, SavedNotice, TextArea};
use crate::components::live::refreshed;
use crate::error::AppError;
use handoff::thread::PortalHome;
use handoff::LiveKind;
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

lazy_page!(PortalRoute, PortalPage);

const SAVED: &[(&str, &str)] = &[("sent", "Sent. The business has your message.")];

/// The client's portal, through the client lens: the business's name,
/// the conversation, a reply box, the tasks the owner chose to show. No
/// member's navigation and no provider's name anywhere.
async fn load() -> Result<PortalHome, AppError> {
    let home = load_portal().await?;
    if let Some(newest) = home.messages.last().map(|m| m.message_id) {
        if newest > home.last_read_id {
            portal_mark_read(newest).await?;
        }
    }
    Ok(home)
}

#[component]
pub fn PortalPage() -> impl IntoView {
    let query = use_query_map();
    let home = Resource::new(move || query.with(|q| q.get("at")), |_| load());
    view! {
        <Title text="Your messages" />
        <Transition fallback=|| view! { <p class="muted">"Loading your messages…"</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(home) => EitherOf3::A(portal_view(home)),
                    Err(AppError::Unauthenticated) => EitherOf3::B(view! {
                        <section class="card narrow portal-ended">
                            <h1>"Open your link first"</h1>
                            <p>"Your conversation opens from the private link the business sent you. If it no longer works, ask them for a new one."</p>
                        </section>
                    }),
                    Err(e) => EitherOf3::C(view! { <p class="error" role="alert">{e.to_string()}</p> }),
                }
            })}
        </Transition>
    }
}

fn portal_view(home: PortalHome) -> impl IntoView {
    let reply = ServerAction::<PortalReply>::new();
    let errors = error_of(reply.value());
    let form = crate::components::thread::emptied_after_send(move || {
        matches!(reply.value().get(), Some(Ok(())))
    });
    let business_name = home.business_name.clone();
    // The business answers while the client reads: the conversation and the
    // tasks' status follow without a reload; the reply box is left alone.
    let shown = refreshed(home, &[LiveKind::Thread, LiveKind::Task], load);
    let messages = move || messages_view(shown.get());
    let tasks = move || tasks_view(shown.get());
    view! {
        <div class="page-head">
            <div>
                <h1>{business_name}</h1>
                <p class="subtitle">"Your messages with us."</p>
            </div>
            <form method="post" action=PortalSignOut::PATH class="inline-form">
                <button type="submit" class="button secondary small">"Sign out"</button>
            </form>
        </div>
        <SavedNotice messages=SAVED />
        <section class="card thread" id="thread" aria-labelledby="portal-thread-heading">
            <h2 id="portal-thread-heading">"Messages"</h2>
            <div aria-live="polite" aria-relevant="additions">{messages}</div>
            <ActionForm action=reply node_ref=form attr:class="compose">
                <FormAlert errors />
                <TextArea label="Your reply" name="body" rows=4 errors />
                <button type="submit" class="button" disabled=move || reply.pending().get()>
                    {move || if reply.pending().get() { "Sending…" } else { "Send" }}
                </button>
            </ActionForm>
        </section>
        {tasks}
    }
}

fn messages_view(home: PortalHome) -> impl IntoView {
    let business = home.business_name.clone();
    if home.messages.is_empty() {
        Either::Left(
            view! { <p class="muted thread-empty">"No messages yet. Write below and the business will answer here."</p> },
        )
    } else {
        let last_read = home.last_read_id;
        Either::Right(view! {
            <ol class="messages">
                {home.messages.into_iter().map(|m| {
                    let who = if m.from_business { business.clone() } else { "You".to_string() };
                    let side = if m.from_business { "owners" } else { "client" };
                    let unread = m.from_business && m.message_id > last_read;
                    view! {
                        <li class=format!("message from-{side}") class:unread=unread>
                            <div class="message-meta">
                                <span class="message-author">{who}</span>
                                <time class="message-time">{utc(m.at)}</time>
                                {unread.then(|| view! { <span class="badge new-badge">"New"</span> })}
                            </div>
                            <div class="prose message-body" inner_html=m.body_html.to_string()></div>
                        </li>
                    }
                }).collect_view()}
            </ol>
        })
    }
}

fn tasks_view(home: PortalHome) -> impl IntoView {
    (!home.tasks.is_empty()).then(|| {
        view! {
            <section class="card" aria-labelledby="portal-tasks-heading">
                <h2 id="portal-tasks-heading">"Your work with us"</h2>
                <ul class="plain-list portal-tasks">
                    {home.tasks.into_iter().map(|t| view! {
                        <li><span class="portal-task-title">{t.title.to_string()}</span>" "<span class="badge">{t.status}</span></li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The portal knows no zone of the client's: times say they are UTC.
fn utc(at: i64) -> String {
    let text = crate::components::thread::when("UTC", at);
    if text.is_empty() {
        text
    } else {
        format!("{text} UTC")
    }
}
