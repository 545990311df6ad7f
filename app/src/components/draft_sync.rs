//! The submission form's draft (R6): kept in this browser on every change
//! (debounced), restored after a reload, a crash or a closed tab, synced to
//! the server when online, and shown side by side with the server's copy
//! when both changed. A submission made offline waits in the browser, with
//! its idempotency key, until the connection returns.
//!
//! Everything here that touches the browser runs in effects and event
//! handlers (hydrate only): the server renders the form as it always did,
//! and without JavaScript the plain form still works.

use crate::api::SubmitWork;
use handoff::draft::{Draft, DraftContent};
use leptos::prelude::*;

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
    /// A submission waits for the connection.
    Queued,
    /// Refused (too large, storage full…): the message says what to do.
    Problem,
}

impl SyncState {
    pub fn label(self) -> &'static str {
        match self {
            SyncState::Idle => "",
            SyncState::Local => "Saved on this device",
            SyncState::Syncing => "Syncing…",
            SyncState::Saved => "Saved",
            SyncState::Conflict => "Conflict",
            SyncState::Offline => "Offline",
            SyncState::Queued => "Submission queued",
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

/// The draft's signals, shared by the handlers (all `Copy`).
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct Sync {
    task_id: i64,
    version: i64,
    state: RwSignal<SyncState>,
    note: RwSignal<Option<String>>,
    conflict: RwSignal<Option<Conflict>>,
    root: NodeRef<leptos::html::Div>,
    submit: ServerAction<SubmitWork>,
    /// The signed-in member (known once the page has hydrated).
    member: StoredValue<Option<i64>>,
    /// The server version this page's text is based on (0: none).
    base: StoredValue<i64>,
    in_flight: StoredValue<bool>,
    again: StoredValue<bool>,
    /// Submit was pressed: the draft is no longer saved on the server.
    submitting: StoredValue<bool>,
}

/// Wraps the submission form: autosave, status, conflict, offline queue.
#[component]
pub fn SubmissionDraft(
    task_id: i64,
    version: i64,
    submit: ServerAction<SubmitWork>,
    children: Children,
) -> impl IntoView {
    let sync = Sync {
        task_id,
        version,
        state: RwSignal::new(SyncState::Idle),
        note: RwSignal::new(None),
        conflict: RwSignal::new(None),
        root: NodeRef::new(),
        submit,
        member: StoredValue::new(None),
        base: StoredValue::new(0),
        in_flight: StoredValue::new(false),
        again: StoredValue::new(false),
        submitting: StoredValue::new(false),
    };
    #[cfg(feature = "hydrate")]
    browser::start(sync);
    let on_change = move |_| {
        #[cfg(feature = "hydrate")]
        browser::changed(sync);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        browser::submit_now(sync, ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let state = sync.state;
    view! {
        <div class="draft" node_ref=sync.root on:input=on_change on:change=on_change on:submit:capture=on_submit>
            <p class="draft-state" role="status" aria-live="polite" data-state=move || state.get().name()>
                {move || state.get().label()}
            </p>
            {move || sync.note.get().map(|n| view! { <p class="draft-note" role="alert">{n}</p> })}
            {move || sync.conflict.get().map(|c| conflict_view(sync, c))}
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
    view! {
        <section class="draft-conflict card" aria-labelledby="draft-conflict-heading">
            <h3 id="draft-conflict-heading">"This draft was changed in another tab or on another device"</h3>
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

#[cfg(feature = "hydrate")]
mod browser {
    use super::{Conflict, Sync, SyncState};
    use crate::api::{load_draft, save_draft, SubmitWork};
    use crate::components::device_data::{online, read_json, remove_key, write_json};
    use crate::components::layout::MeResource;
    use crate::error::AppError;
    use handoff::draft::{
        queue_key, storage_key, DraftContent, DraftKind, SaveOutcome, DRAFT_MAX_BYTES,
    };
    use leptos::prelude::*;
    use leptos::task::spawn_local;
    use serde::{Deserialize, Serialize};
    use std::time::Duration;
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

    const KIND: DraftKind = DraftKind::Submission;
    /// Autosave waits this long after the last keystroke.
    const DEBOUNCE: Duration = Duration::from_millis(400);
    /// A sync that could not reach the server is tried again after this.
    const RETRY: Duration = Duration::from_secs(5);

    /// The browser's copy: what was typed, and the server version it
    /// started from; `synced` once the server has this very text.
    #[derive(Clone, Serialize, Deserialize)]
    struct LocalDraft {
        content: DraftContent,
        base: i64,
        synced: bool,
    }

    /// A submission waiting for the connection.
    #[derive(Clone, Serialize, Deserialize)]
    struct Queued {
        key: String,
        version: i64,
        content: DraftContent,
    }

    fn draft_key(s: Sync) -> Option<String> {
        s.member
            .try_get_value()
            .flatten()
            .map(|m| storage_key(m, s.task_id, KIND))
    }

    fn queue_key_of(s: Sync) -> Option<String> {
        s.member
            .try_get_value()
            .flatten()
            .map(|m| queue_key(m, s.task_id, KIND))
    }

    fn form(s: Sync) -> Option<HtmlFormElement> {
        s.root
            .get_untracked()?
            .query_selector("form")
            .ok()??
            .dyn_into()
            .ok()
    }

    fn read(s: Sync) -> Option<DraftContent> {
        let data = web_sys::FormData::new_with_form(&form(s)?).ok()?;
        let text = |name: &str| data.get(name).as_string().unwrap_or_default();
        Some(DraftContent {
            body: text("body"),
            achieved: text("achieved"),
            result_value: text("result_value"),
            note: text("note"),
            met: data
                .get_all("met[]")
                .iter()
                .filter_map(|v| v.as_string()?.parse().ok())
                .collect(),
        })
    }

    fn fill(s: Sync, c: &DraftContent) {
        let Some(form) = form(s) else { return };
        let find = |sel: &str| form.query_selector(sel).ok().flatten();
        if let Some(el) = find("#field-body").and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
        {
            el.set_value(&c.body);
        }
        if let Some(el) = find("#field-note").and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
        {
            el.set_value(&c.note);
        }
        if let Some(el) =
            find("#field-result_value").and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        {
            el.set_value(&c.result_value);
        }
        if !c.achieved.is_empty() {
            if let Some(el) =
                find("#field-achieved").and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
            {
                el.set_value(&c.achieved);
            }
        }
        if let Ok(boxes) = form.query_selector_all("input[type=checkbox][name='met[]']") {
            for i in 0..boxes.length() {
                if let Some(b) = boxes
                    .item(i)
                    .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
                {
                    let index = b.value().parse::<usize>().ok();
                    b.set_checked(index.is_some_and(|i| c.met.contains(&i)));
                }
            }
        }
    }

    fn set_state(s: Sync, state: SyncState) {
        s.state.try_set(state);
    }

    fn store_local(s: Sync, local: &LocalDraft) {
        let Some(key) = draft_key(s) else { return };
        match write_json(&key, local) {
            Ok(()) => {
                s.note.try_set(None);
            }
            Err(message) => {
                s.note.try_set(Some(message));
            }
        }
    }

    /// Once the page has hydrated and the member is known: restore the
    /// draft, look at the server's copy, send a waiting submission.
    pub(super) fn start(s: Sync) {
        let me = use_context::<MeResource>();
        Effect::new(move |_| {
            let Some(me) = me else { return };
            let Some(Ok(Some(me))) = me.get() else { return };
            if s.member.get_value().is_some() {
                return;
            }
            s.member.set_value(Some(me.member_id));
            restore(s);
        });
        watch_submission(s);
        let on_line = window_event_listener(leptos::ev::online, move |_| back_online(s));
        let off_line = window_event_listener(leptos::ev::offline, move |_| {
            if !matches!(
                s.state.try_get_untracked(),
                Some(SyncState::Conflict | SyncState::Queued)
            ) {
                set_state(s, SyncState::Offline);
            }
        });
        on_cleanup(move || {
            on_line.remove();
            off_line.remove();
        });
    }

    fn restore(s: Sync) {
        let local: Option<LocalDraft> = draft_key(s).and_then(|k| read_json(&k));
        if let Some(local) = &local {
            fill(s, &local.content);
            s.base.set_value(local.base);
            set_state(
                s,
                if local.synced {
                    SyncState::Saved
                } else {
                    SyncState::Local
                },
            );
        }
        if let Some(q) = queue_key_of(s).and_then(|k| read_json::<Queued>(&k)) {
            s.submitting.set_value(true);
            set_state(s, SyncState::Queued);
            if online() {
                send(s, q);
            }
            return;
        }
        if !online() {
            set_state(s, SyncState::Offline);
            return;
        }
        spawn_local(async move {
            let server = load_draft(s.task_id, KIND.as_str().to_string())
                .await
                .ok()
                .flatten();
            match (local, server) {
                // Another device wrote since this browser last synced, and
                // nothing here is unsent: the newer copy is the server's.
                (Some(l), Some(d)) if l.synced && d.version > l.base => adopt(s, d),
                (None, Some(d)) => adopt(s, d),
                (Some(l), _) if !l.synced => sync(s),
                _ => {}
            }
        });
    }

    fn adopt(s: Sync, d: handoff::draft::Draft) {
        fill(s, &d.content);
        s.base.set_value(d.version);
        store_local(
            s,
            &LocalDraft {
                content: d.content,
                base: d.version,
                synced: true,
            },
        );
        set_state(s, SyncState::Saved);
    }

    /// Every change: saved in the browser after a short pause, then synced.
    pub(super) fn changed(s: Sync) {
        stop_timer();
        TIMER.set(set_timeout_with_handle(move || save_local(s), DEBOUNCE).ok());
    }

    thread_local! {
        /// The pending autosave (one form per page).
        static TIMER: std::cell::Cell<Option<TimeoutHandle>> = const { std::cell::Cell::new(None) };
    }

    fn stop_timer() {
        if let Some(t) = TIMER.take() {
            t.clear();
        }
    }

    fn save_local(s: Sync) {
        let Some(content) = read(s) else { return };
        if let Err(e) = content.validate(KIND) {
            s.note.try_set(Some(e.message));
            set_state(s, SyncState::Problem);
            return;
        }
        debug_assert!(content.size() <= DRAFT_MAX_BYTES);
        let base = s.base.try_get_value().unwrap_or(0);
        store_local(
            s,
            &LocalDraft {
                content,
                base,
                synced: false,
            },
        );
        if s.conflict.try_get_untracked().flatten().is_some()
            || s.submitting.try_get_value().unwrap_or(true)
        {
            return;
        }
        if s.state.try_get_untracked() != Some(SyncState::Queued) {
            set_state(s, SyncState::Local);
        }
        sync(s);
    }

    /// Sends the form's text to the server, one save at a time per page.
    fn sync(s: Sync) {
        if s.submitting.try_get_value().unwrap_or(true)
            || s.conflict.try_get_untracked().flatten().is_some()
            || s.state.try_get_untracked() == Some(SyncState::Queued)
        {
            return;
        }
        if !online() {
            set_state(s, SyncState::Offline);
            return;
        }
        if s.in_flight.try_get_value().unwrap_or(true) {
            s.again.set_value(true);
            return;
        }
        let Some(content) = read(s) else { return };
        if content.validate(KIND).is_err() {
            return;
        }
        s.in_flight.set_value(true);
        set_state(s, SyncState::Syncing);
        let base = s.base.get_value();
        spawn_local(async move {
            let answer = save_draft(
                s.task_id,
                KIND.as_str().to_string(),
                base,
                content.body.clone(),
                content.achieved.clone(),
                content.result_value.clone(),
                content.note.clone(),
                // One empty entry always: an empty list would not be sent
                // at all in a form encoding (the server skips it).
                content
                    .met
                    .iter()
                    .map(|m| m.to_string())
                    .chain([String::new()])
                    .collect(),
            )
            .await;
            if s.in_flight.try_set_value(false).is_some() {
                return; // the page is gone
            }
            match answer {
                Ok(SaveOutcome::Saved { version, .. }) => {
                    s.base.set_value(version);
                    if let Some(key) = draft_key(s) {
                        if let Some(mut local) = read_json::<LocalDraft>(&key) {
                            local.base = version;
                            local.synced = local.content == content;
                            store_local(s, &local);
                        }
                    }
                    if s.again.get_value() {
                        s.again.set_value(false);
                        sync(s);
                    } else {
                        set_state(s, SyncState::Saved);
                    }
                }
                Ok(SaveOutcome::Conflict { server }) => {
                    s.again.set_value(false);
                    s.conflict.try_set(Some(Conflict {
                        mine: content,
                        theirs: server,
                    }));
                    set_state(s, SyncState::Conflict);
                }
                Err(AppError::Transport(_)) | Err(AppError::Unavailable) => {
                    // Kept here; tried again shortly (the server may be
                    // restarting) and whenever the connection returns.
                    set_state(
                        s,
                        if online() {
                            SyncState::Local
                        } else {
                            SyncState::Offline
                        },
                    );
                    set_timeout(move || sync(s), RETRY);
                }
                Err(e) => {
                    s.note.try_set(Some(e.to_string()));
                    set_state(s, SyncState::Problem);
                }
            }
        });
    }

    pub(super) fn keep_mine(s: Sync) {
        if let Some(c) = s.conflict.get_untracked() {
            s.base.set_value(c.theirs.version);
            if let Some(key) = draft_key(s) {
                if let Some(mut local) = read_json::<LocalDraft>(&key) {
                    local.base = c.theirs.version;
                    store_local(s, &local);
                }
            }
            s.conflict.set(None);
            sync(s);
        }
    }

    pub(super) fn use_other(s: Sync) {
        if let Some(c) = s.conflict.get_untracked() {
            s.conflict.set(None);
            adopt(s, c.theirs);
        }
    }

    fn back_online(s: Sync) {
        if let Some(q) = queue_key_of(s).and_then(|k| read_json::<Queued>(&k)) {
            send(s, q);
        } else if s.state.try_get_untracked() == Some(SyncState::Offline)
            || s.state.try_get_untracked() == Some(SyncState::Local)
        {
            sync(s);
        }
    }

    fn new_key() -> String {
        window()
            .crypto()
            .ok()
            .map(|c| c.random_uuid())
            .unwrap_or_else(|| {
                format!(
                    "{:016x}-{:08x}",
                    js_sys::Date::now() as u64,
                    (js_sys::Math::random() * 4e9) as u64
                )
            })
    }

    /// The form's submit: queued in the browser first (with a key that a
    /// replay reuses), then sent if online; the local copies go only when
    /// the server has answered that it has the submission.
    pub(super) fn submit_now(s: Sync, ev: leptos::ev::SubmitEvent) {
        ev.prevent_default();
        ev.stop_propagation();
        let Some(content) = read(s) else { return };
        // The submission replaces the draft: no autosave may reach the
        // server after it (the server refuses one anyway, once submitted).
        stop_timer();
        s.submitting.set_value(true);
        let Some(key) = queue_key_of(s) else {
            // Not hydrated far enough to know the member: send it plainly.
            send(
                s,
                Queued {
                    key: new_key(),
                    version: s.version,
                    content,
                },
            );
            return;
        };
        let q = match read_json::<Queued>(&key) {
            Some(q) => Queued { content, ..q },
            None => Queued {
                key: new_key(),
                version: s.version,
                content,
            },
        };
        if let Err(message) = write_json(&key, &q) {
            s.note.try_set(Some(message));
        }
        if online() {
            send(s, q);
        } else {
            set_state(s, SyncState::Queued);
            s.note.try_set(Some(
                "You are offline. Your submission is kept on this device and will be sent when the connection returns: keep this page open or come back to it.".into(),
            ));
        }
    }

    fn send(s: Sync, q: Queued) {
        if s.submit.pending().get_untracked() {
            return;
        }
        let mut met: Vec<String> = q.content.met.iter().map(|m| m.to_string()).collect();
        met.push(String::new());
        s.submit.dispatch(SubmitWork {
            task_id: s.task_id,
            version: q.version,
            body: q.content.body,
            achieved: q.content.achieved,
            result_value: q.content.result_value,
            note: q.content.note,
            met,
            idempotency_key: Some(q.key),
        });
    }

    /// What the submission's answer means for the copies in this browser.
    fn watch_submission(s: Sync) {
        Effect::new(move |_| {
            let Some(answer) = s.submit.value().get() else {
                return;
            };
            match answer {
                Ok(()) => {
                    for key in [draft_key(s), queue_key_of(s)].into_iter().flatten() {
                        remove_key(&key);
                    }
                    let at = js_sys::Date::now() as i64;
                    let _ = window()
                        .location()
                        .set_href(&format!("/tasks/{}?saved=submit&at={at}", s.task_id));
                }
                Err(AppError::Transport(_)) => {
                    set_state(s, SyncState::Queued);
                    // The server may be restarting: try again shortly too.
                    set_timeout(
                        move || {
                            if online() {
                                back_online(s);
                            }
                        },
                        RETRY,
                    );
                    s.note.try_set(Some(
                        "Handoff could not be reached. Your submission is kept on this device and will be sent when the connection returns.".into(),
                    ));
                }
                Err(_) => {
                    // Refused (the form says why): the draft stays, the
                    // queued copy goes so it is not sent again.
                    s.submitting.set_value(false);
                    if let Some(key) = queue_key_of(s) {
                        remove_key(&key);
                    }
                    s.note.try_set(None);
                    set_state(s, SyncState::Local);
                }
            }
        });
    }
}
