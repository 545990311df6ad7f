//! The draft in this browser and on the server: restore, autosave, sync,
//! conflict.

use super::local::{draft_key, fill, read, set_state, stop_timer, store_local, LocalDraft, RETRY};
use super::{outbox, Conflict, Sync, SyncState};
use crate::api::{load_draft, save_draft};
use crate::components::device_data::{online, read_json};
use crate::components::me::MeResource;
use crate::error::AppError;
use handoff::draft::{Draft, SaveOutcome, DRAFT_MAX_BYTES};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// Autosave waits this long after the last keystroke.
const DEBOUNCE: Duration = Duration::from_millis(400);
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
