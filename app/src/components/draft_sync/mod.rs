//! A provider's draft (R6) around one of their forms: the submission, a
//! team-thread message, a message for the client. Kept in this browser on
//! every change (debounced), restored after a reload, a crash or a closed
//! tab, synced to the server when online, and shown side by side with the
//! server's copy when both changed. What is sent while offline waits in
//! the browser's outbox, each with its idempotency key, until the
//! connection returns; one tab at a time sends it.
//!
//! Everything here that touches the browser runs in effects and event
//! handlers (hydrate only): the server renders the form as it always did,
//! and without JavaScript the plain form still works.

#[cfg(feature = "hydrate")]
mod browser;
#[cfg(feature = "hydrate")]
mod local;
#[cfg(feature = "hydrate")]
mod outbox;

use crate::api::{ProviderPost, RequestRelay, SubmitWork};
use crate::error::AppError;
use handoff::draft::{Draft, DraftContent, DraftKind};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the person sees beside the form (and hears: a polite live region).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncState {
    /// Nothing typed yet on this page.
    Idle,
    /// Kept in this browser; not on the server yet.
    Local,
    Syncing,
    /// On the server too.
    Saved,
    /// The server's copy changed elsewhere: both are shown.
    Conflict,
    /// No connection: kept in this browser.
    Offline,
    /// Something sent waits for the connection.
    Queued,
    /// A queued message reached the server.
    Sent,
    /// Refused (too large, storage full…): the message says what to do.
    Problem,
}

impl SyncState {
    pub fn label(self, kind: DraftKind) -> &'static str {
        match self {
            SyncState::Idle => "",
            SyncState::Local => "Saved on this device",
            SyncState::Syncing => "Syncing…",
            SyncState::Saved => "Saved",
            SyncState::Conflict => "Conflict",
            SyncState::Offline => "Offline",
            SyncState::Queued if kind == DraftKind::Submission => "Submission queued",
            SyncState::Queued => "Message queued",
            SyncState::Sent if kind == DraftKind::RelayRequest => {
                "Sent for approval. An owner reads it before the client does."
            }
            SyncState::Sent if kind == DraftKind::TeamMessage => "Message sent.",
            SyncState::Sent => "Submitted.",
            SyncState::Problem => "Not saved",
        }
    }

    fn name(self) -> &'static str {
        match self {
            SyncState::Idle => "idle",
            SyncState::Local => "local",
            SyncState::Syncing => "syncing",
            SyncState::Saved => "saved",
            SyncState::Conflict => "conflict",
            SyncState::Offline => "offline",
            SyncState::Queued => "queued",
            SyncState::Sent => "sent",
            SyncState::Problem => "problem",
        }
    }
}

/// Both sides of a conflict: what this page sent, what the server holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub mine: DraftContent,
    pub theirs: Draft,
}

/// Something sent and not yet confirmed by the server, kept in the
/// browser's outbox with the key that makes a replay harmless.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Queued {
    pub key: String,
    /// The task's version (a submission moves the task on).
    pub version: i64,
    pub content: DraftContent,
}

/// Which form the draft belongs to, with the action whose answer the form
/// shows (its errors).
#[derive(Clone, Copy)]
pub enum Sends {
    Submission(ServerAction<SubmitWork>),
    TeamMessage(ServerAction<ProviderPost>),
    RelayRequest(ServerAction<RequestRelay>),
}

impl Sends {
    pub fn kind(self) -> DraftKind {
        match self {
            Sends::Submission(_) => DraftKind::Submission,
            Sends::TeamMessage(_) => DraftKind::TeamMessage,
            Sends::RelayRequest(_) => DraftKind::RelayRequest,
        }
    }

    /// The form field that holds the draft's body.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn body_field(self) -> &'static str {
        match self {
            Sends::RelayRequest(_) => "relay_body",
            _ => "body",
        }
    }

    /// Sets the action's answer, which the form's alerts read.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn answer(self, value: Option<Result<(), AppError>>) {
        match self {
            Sends::Submission(a) => a.value().try_set(value),
            Sends::TeamMessage(a) => a.value().try_set(value),
            Sends::RelayRequest(a) => a.value().try_set(value),
        };
    }
}

/// The draft's signals, shared by the handlers (all `Copy`).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct Sync {
    task_id: i64,
    version: i64,
    sends: Sends,
    state: RwSignal<SyncState>,
    note: RwSignal<Option<String>>,
    conflict: RwSignal<Option<Conflict>>,
    /// Messages sent from this form that wait for the server.
    waiting: RwSignal<Vec<Queued>>,
    /// A send is on its way (the form's button says so).
    sending: RwSignal<bool>,
    root: NodeRef<leptos::html::Div>,
    /// The signed-in member (known once the page has hydrated).
    member: StoredValue<Option<i64>>,
    /// The server version this page's text is based on (0: none).
    base: StoredValue<i64>,
    in_flight: StoredValue<bool>,
    again: StoredValue<bool>,
    /// Submit was pressed: the submission's draft is no longer saved on
    /// the server.
    submitting: StoredValue<bool>,
    /// The pending autosave.
    timer: StoredValue<Option<TimeoutHandle>>,
    /// The page's live counters: a sent message re-fetches the thread.
    live: Option<crate::components::live::Live>,
}

impl Sync {
    fn kind(self) -> DraftKind {
        self.sends.kind()
    }
}

/// Wraps a provider's form: autosave, status, conflict, offline outbox.
/// `sending` is true while something from this form is on its way.
#[component]
pub fn DraftSync(
    task_id: i64,
    /// The task's version (what a submission moves on from).
    #[prop(default = 0)]
    version: i64,
    sends: Sends,
    #[prop(optional)] sending: Option<RwSignal<bool>>,
    children: Children,
) -> impl IntoView {
    let sync = Sync {
        task_id,
        version,
        sends,
        state: RwSignal::new(SyncState::Idle),
        note: RwSignal::new(None),
        conflict: RwSignal::new(None),
        waiting: RwSignal::new(Vec::new()),
        sending: sending.unwrap_or_else(|| RwSignal::new(false)),
        root: NodeRef::new(),
        member: StoredValue::new(None),
        base: StoredValue::new(0),
        in_flight: StoredValue::new(false),
        again: StoredValue::new(false),
        submitting: StoredValue::new(false),
        timer: StoredValue::new(None),
        live: use_context(),
    };
    #[cfg(feature = "hydrate")]
    browser::start(sync);
    let on_change = move |_| {
        #[cfg(feature = "hydrate")]
        browser::changed(sync);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        outbox::submit_now(sync, ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let state = sync.state;
    let kind = sends.kind();
    let waiting = move || {
        let waiting = sync.waiting.get();
        (kind != DraftKind::Submission && !waiting.is_empty()).then(|| {
            let items = waiting
                .into_iter()
                .map(|q| view! { <li class="draft-waiting-item">{q.content.body}</li> })
                .collect_view();
            view! {
                <div class="draft-waiting">
                    <p class="hint">"Waiting to be sent from this device:"</p>
                    <ul class="plain-list">{items}</ul>
                </div>
            }
        })
    };
    view! {
        <div class="draft" data-draft=kind.as_str() node_ref=sync.root on:input=on_change on:change=on_change on:submit:capture=on_submit>
            <p class="draft-state" role="status" aria-live="polite" data-state=move || state.get().name()>
                {move || state.get().label(kind)}
            </p>
            {move || sync.note.get().map(|n| view! { <p class="draft-note" role="alert">{n}</p> })}
            {move || sync.conflict.get().map(|c| conflict_view(sync, c))}
            {waiting}
            {children()}
        </div>
    }
}

#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
fn conflict_view(sync: Sync, c: Conflict) -> impl IntoView {
    let side = |heading: &'static str, which: &'static str, d: &DraftContent| {
        let extra = [("Result", &d.result_value), ("Note", &d.note)]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| view! { <p class="muted">{format!("{k}: {v}")}</p> })
            .collect_view();
        view! {
            <div class="draft-side" data-side=which>
                <h4>{heading}</h4>
                <pre class="draft-text">{d.body.clone()}</pre>
                {extra}
            </div>
        }
    };
    let keep_mine = move |_| {
        #[cfg(feature = "hydrate")]
        browser::keep_mine(sync);
    };
    let use_other = move |_| {
        #[cfg(feature = "hydrate")]
        browser::use_other(sync);
    };
    let heading_id = format!("draft-conflict-{}", sync.kind().as_str());
    let labelled_by = heading_id.clone();
    view! {
        <section class="draft-conflict card" aria-labelledby=labelled_by>
            <h3 id=heading_id>"This draft was changed in another tab or on another device"</h3>
            <p>"Nothing was overwritten. Keep yours, use the other, or copy what you need from the other into the form below and then keep yours."</p>
            <div class="draft-compare">
                {side("Yours (this page)", "mine", &c.mine)}
                {side("The other copy", "theirs", &c.theirs.content)}
            </div>
            <div class="actions">
                <button type="button" class="button" on:click=keep_mine>"Keep mine"</button>
                <button type="button" class="button secondary" on:click=use_other>"Use the other"</button>
            </div>
        </section>
    }
}
