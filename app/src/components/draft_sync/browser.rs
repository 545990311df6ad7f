//! The draft in this browser and on the server: restore, autosave, sync,
//! conflict.

use super::{outbox, Conflict, Sync, SyncState};
use crate::api::{load_draft, save_draft};
use crate::components::device_data::{online, read_json, write_json};
use crate::components::me::MeResource;
use crate::error::AppError;
use handoff::draft::{storage_key, Draft, DraftContent, SaveOutcome, DRAFT_MAX_BYTES};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// Autosave waits this long after the last keystroke.
const DEBOUNCE: Duration = Duration::from_millis(400);
/// A sync that could not reach the server is tried again after this.
pub(super) const RETRY: Duration = Duration::from_secs(5);

/// The browser's copy: what was typed, and the server version it started
/// from; `synced` once the server has this very text.
#[derive(Clone, Serialize, Deserialize)]
pub(super) struct LocalDraft {
    pub content: DraftContent,
    pub base: i64,
    pub synced: bool,
}

pub(super) fn draft_key(s: Sync) -> Option<String> {
    s.member
        .try_get_value()
        .flatten()
        .map(|m| storage_key(m, s.task_id, s.kind()))
}

pub(super) fn form(s: Sync) -> Option<HtmlFormElement> {
    s.root
        .get_untracked()?
        .query_selector("form")
        .ok()??
        .dyn_into()
        .ok()
}

pub(super) fn read(s: Sync) -> Option<DraftContent> {
    let data = web_sys::FormData::new_with_form(&form(s)?).ok()?;
    let text = |name: &str| data.get(name).as_string().unwrap_or_default();
    Some(DraftContent {
        body: text(s.sends.body_field()),
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

pub(super) fn fill(s: Sync, c: &DraftContent) {
    let Some(form) = form(s) else { return };
    let find = |sel: &str| form.query_selector(sel).ok().flatten();
    let body = format!("textarea[name='{}']", s.sends.body_field());
    if let Some(el) = find(&body).and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok()) {
        el.set_value(&c.body);
    }
    if s.kind() != handoff::draft::DraftKind::Submission {
        return;
    }
    if let Some(el) = find("#field-note").and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok()) {
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

pub(super) fn set_state(s: Sync, state: SyncState) {
    s.state.try_set(state);
}

pub(super) fn store_local(s: Sync, local: &LocalDraft) {
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
/// draft, look at the server's copy, send what waits in the outbox.
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
    let on_line = window_event_listener(leptos::ev::online, move |_| back_online(s));
    let off_line = window_event_listener(leptos::ev::offline, move |_| {
        if !matches!(
            s.state.try_get_untracked(),
            Some(SyncState::Conflict | SyncState::Queued)
        ) {
            set_state(s, SyncState::Offline);
        }
    });
    let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
        outbox::changed_elsewhere(s, ev.key());
    });
    on_cleanup(move || {
        on_line.remove();
        off_line.remove();
        other_tab.remove();
        stop_timer(s);
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
    let waiting = outbox::read_queue(s);
    if !waiting.is_empty() {
        s.waiting.set(waiting.clone());
        set_state(s, SyncState::Queued);
        if s.kind() == handoff::draft::DraftKind::Submission {
            s.submitting.set_value(true);
            if online() {
                outbox::flush(s);
            }
            return;
        }
        if online() {
            outbox::flush(s);
        }
    }
    if !online() {
        if waiting.is_empty() {
            set_state(s, SyncState::Offline);
        }
        return;
    }
    spawn_local(async move {
        let server = load_draft(s.task_id, s.kind().as_str().to_string())
            .await
            .ok()
            .flatten();
        // A message's server copy that is also in the outbox was sent
        // from here; it is not put back in the form.
        let server = server.filter(|d| !waiting.iter().any(|q| q.content.body == d.content.body));
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

fn adopt(s: Sync, d: Draft) {
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
    stop_timer(s);
    let handle = set_timeout_with_handle(move || save_local(s), DEBOUNCE).ok();
    s.timer.try_set_value(handle);
}

pub(super) fn stop_timer(s: Sync) {
    if let Some(t) = s.timer.try_get_value().flatten() {
        t.clear();
        s.timer.try_set_value(None);
    }
}

fn save_local(s: Sync) {
    let Some(content) = read(s) else { return };
    if let Err(e) = content.validate(s.kind()) {
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

/// Sends the form's text to the server, one save at a time per form.
pub(super) fn sync(s: Sync) {
    if s.submitting.try_get_value().unwrap_or(true)
        || s.conflict.try_get_untracked().flatten().is_some()
    {
        return;
    }
    if !online() {
        if s.state.try_get_untracked() != Some(SyncState::Queued) {
            set_state(s, SyncState::Offline);
        }
        return;
    }
    if s.in_flight.try_get_value().unwrap_or(true) {
        s.again.set_value(true);
        return;
    }
    let Some(content) = read(s) else { return };
    if content.validate(s.kind()).is_err() {
        return;
    }
    let Some(key) = draft_key(s) else { return };
    // Nothing typed and nothing stored here: nothing to save (a message
    // form emptied by its send).
    if content.is_empty() && read_json::<LocalDraft>(&key).is_none() {
        return;
    }
    s.in_flight.set_value(true);
    set_state(s, SyncState::Syncing);
    let base = s.base.get_value();
    spawn_local(async move {
        let answer = save_draft(
            s.task_id,
            s.kind().as_str().to_string(),
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
                if let Some(mut local) = read_json::<LocalDraft>(&key) {
                    local.base = version;
                    local.synced = local.content == content;
                    store_local(s, &local);
                }
                if s.again.get_value() {
                    s.again.set_value(false);
                    sync(s);
                } else if s.state.get_untracked() != SyncState::Queued {
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
                if s.state.get_untracked() != SyncState::Queued {
                    set_state(
                        s,
                        if online() {
                            SyncState::Local
                        } else {
                            SyncState::Offline
                        },
                    );
                }
                set_timeout(move || sync(s), RETRY);
            }
            // The task moved on (submitted, closed) since the page was
            // drawn: the text stays here and in the form.
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
    if !outbox::read_queue(s).is_empty() {
        outbox::flush(s);
    }
    if matches!(
        s.state.try_get_untracked(),
        Some(SyncState::Offline | SyncState::Local | SyncState::Queued)
    ) {
        sync(s);
    }
}
