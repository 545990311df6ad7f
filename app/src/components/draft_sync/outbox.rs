//! What was sent from a draft form: written to the browser's outbox first
//! (`handoff:queue:<member>:<task>:<kind>`, each entry with its idempotency
//! key), then sent when online, again when the connection returns and every
//! few seconds after a lost answer. An entry leaves the outbox only after
//! the server's answer. Tabs take turns: a Web Lock named after the outbox
//! lets one tab send while the others wait and see the result through the
//! `storage` event.

use super::local::{
    draft_key, fill, form, read, set_state, stop_timer, store_local, LocalDraft, RETRY,
};
use super::{Queued, Sends, Sync, SyncState};
use crate::api::{provider_post, request_relay, submit_work};
use crate::components::device_data::{online, read_json, remove_key, write_json};
use crate::error::AppError;
use handoff::draft::{queue_key, DraftKind};
use handoff::LiveKind;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn outbox_key(s: Sync) -> Option<String> {
    s.member
        .try_get_value()
        .flatten()
        .map(|m| queue_key(m, s.task_id, s.kind()))
}

/// The outbox of this form (an older browser copy held a single entry).
pub(super) fn read_queue(s: Sync) -> Vec<Queued> {
    let Some(key) = outbox_key(s) else {
        return Vec::new();
    };
    read_json::<Vec<Queued>>(&key)
        .or_else(|| read_json::<Queued>(&key).map(|q| vec![q]))
        .unwrap_or_default()
}

fn write_queue(s: Sync, queue: &[Queued]) {
    s.waiting.try_set(queue.to_vec());
    let Some(key) = outbox_key(s) else { return };
    if queue.is_empty() {
        remove_key(&key);
    } else if let Err(message) = write_json(&key, &queue) {
        s.note.try_set(Some(message));
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

/// The form's submit: into the outbox first (with a key a replay reuses),
/// then sent if online. A submission replaces any earlier one waiting; a
/// message joins the line, and the form is emptied for the next one.
pub(super) fn submit_now(s: Sync, ev: leptos::ev::SubmitEvent) {
    ev.prevent_default();
    ev.stop_propagation();
    let Some(content) = read(s) else { return };
    stop_timer(s);
    s.sends.answer(None);
    let mut queue = read_queue(s);
    if s.kind() == DraftKind::Submission {
        // The submission replaces the draft: no autosave may reach the
        // server after it (the server refuses one anyway, once submitted).
        s.submitting.set_value(true);
        let key = queue.first().map(|q| q.key.clone()).unwrap_or_else(new_key);
        queue = vec![Queued {
            key,
            version: s.version,
            content,
        }];
    } else {
        // The core's rule, as the server applies it: a blank or too long
        // message is refused beside its box and never queued.
        if let Err(message) = handoff::thread::check_message(&content.body) {
            let field = handoff::account::FieldError::new(s.sends.body_field(), message);
            s.sends.answer(Some(Err(AppError::Invalid(vec![field]))));
            return;
        }
        queue.push(Queued {
            key: new_key(),
            version: s.version,
            content,
        });
        if let Some(f) = form(s) {
            f.reset();
        }
        if let Some(key) = draft_key(s) {
            remove_key(&key);
        }
    }
    write_queue(s, &queue);
    if online() {
        flush(s);
    } else {
        set_state(s, SyncState::Queued);
        s.note.try_set(Some(
            if s.kind() == DraftKind::Submission {
                "You are offline. Your submission is kept on this device and will be sent when the connection returns: keep this page open or come back to it."
            } else {
                "You are offline. Your message is kept on this device and will be sent when the connection returns: keep this page open or come back to it."
            }
            .into(),
        ));
    }
}

/// Sends the outbox, oldest first, while this tab holds its lock.
pub(super) fn flush(s: Sync) {
    if s.sending.try_get_untracked() != Some(false) {
        return;
    }
    let name = outbox_key(s).unwrap_or_else(|| format!("handoff:queue:page:{}", s.task_id));
    s.sending.set(true);
    exclusively(&name, move |held| async move {
        if held {
            send_all(s).await;
        } else {
            // Another tab is sending it: its result arrives through the
            // `storage` event; look again later in case that tab closed.
            if !read_queue(s).is_empty() {
                set_state(s, SyncState::Queued);
                set_timeout(move || flush(s), RETRY);
            }
        }
        s.sending.try_set(false);
    });
}

async fn send_all(s: Sync) {
    loop {
        let queue = if outbox_key(s).is_some() {
            read_queue(s)
        } else {
            s.waiting.get_untracked()
        };
        let Some(q) = queue.first().cloned() else {
            // Emptied here or by another tab: nothing waits any more.
            if s.kind() != DraftKind::Submission
                && matches!(
                    s.state.try_get_untracked(),
                    Some(SyncState::Queued | SyncState::Syncing)
                )
            {
                s.note.try_set(None);
                set_state(s, SyncState::Sent);
            }
            return;
        };
        set_state(s, SyncState::Syncing);
        match send(s.sends, s.task_id, q.clone()).await {
            Ok(()) => {
                let rest: Vec<Queued> = queue.into_iter().filter(|e| e.key != q.key).collect();
                write_queue(s, &rest);
                sent(s);
            }
            Err(AppError::Transport(_)) | Err(AppError::Unavailable) => {
                set_state(s, SyncState::Queued);
                s.note.try_set(Some(
                    "Handoff could not be reached. What you sent is kept on this device and will be sent when the connection returns.".into(),
                ));
                set_timeout(
                    move || {
                        if online() {
                            flush(s);
                        }
                    },
                    RETRY,
                );
                return;
            }
            Err(e) => {
                // Refused (the form says why): it leaves the outbox so it
                // is not sent again, and its text goes back in the form.
                let rest: Vec<Queued> = queue.into_iter().filter(|e| e.key != q.key).collect();
                write_queue(s, &rest);
                refused(s, q, e);
                return;
            }
        }
    }
}

async fn send(sends: Sends, task_id: i64, q: Queued) -> Result<(), AppError> {
    match sends {
        Sends::Submission(_) => {
            let mut met: Vec<String> = q.content.met.iter().map(|m| m.to_string()).collect();
            met.push(String::new());
            submit_work(
                task_id,
                q.version,
                q.content.body,
                q.content.achieved,
                q.content.result_value,
                q.content.note,
                met,
                Some(q.key),
            )
            .await
        }
        Sends::TeamMessage(_) => provider_post(task_id, q.content.body, Some(q.key)).await,
        Sends::RelayRequest(_) => request_relay(task_id, q.content.body, Some(q.key)).await,
    }
}

/// The server has it: a submission's page moves on; a message shows in
/// the thread (the page re-fetches it).
fn sent(s: Sync) {
    s.note.try_set(None);
    if s.kind() == DraftKind::Submission {
        if let Some(key) = draft_key(s) {
            remove_key(&key);
        }
        let at = js_sys::Date::now() as i64;
        let _ = window()
            .location()
            .set_href(&format!("/tasks/{}?saved=submit&at={at}", s.task_id));
        return;
    }
    if let Some(live) = s.live {
        live.poke(LiveKind::Thread);
    }
    if read_queue(s).is_empty() {
        set_state(s, SyncState::Sent);
    }
}

fn refused(s: Sync, q: Queued, e: AppError) {
    s.submitting.set_value(false);
    s.note.try_set(None);
    let typed = read(s).filter(|c| !c.is_empty());
    if typed.is_none() {
        fill(s, &q.content);
        store_local(
            s,
            &LocalDraft {
                content: q.content,
                base: s.base.get_value(),
                synced: false,
            },
        );
    }
    s.sends.answer(Some(Err(e)));
    set_state(s, SyncState::Local);
}

/// Another tab changed this form's outbox: show what is left; a
/// submission sent from there moves this page on too.
pub(super) fn changed_elsewhere(s: Sync, key: Option<String>) {
    let Some(mine) = outbox_key(s) else { return };
    if key.as_deref() != Some(mine.as_str()) {
        return;
    }
    let queue = read_queue(s);
    let was_waiting = !s.waiting.get_untracked().is_empty();
    s.waiting.try_set(queue.clone());
    if queue.is_empty() && was_waiting {
        if s.kind() == DraftKind::Submission {
            let _ = window().location().reload();
        } else {
            s.note.try_set(None);
            set_state(s, SyncState::Sent);
            if let Some(live) = s.live {
                live.poke(LiveKind::Thread);
            }
        }
    }
}

/// Runs `work` holding the Web Lock `name` if no other tab holds it
/// (`held` false otherwise); without Web Locks, it simply runs.
fn exclusively<F, Fut>(name: &str, work: F)
where
    F: FnOnce(bool) -> Fut + 'static,
    Fut: std::future::Future<Output = ()> + 'static,
{
    let navigator = window().navigator();
    let locks = js_sys::Reflect::get(&navigator, &"locks".into())
        .ok()
        .filter(|l| !l.is_undefined() && !l.is_null());
    let request = locks.as_ref().and_then(|l| {
        js_sys::Reflect::get(l, &"request".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    let (Some(locks), Some(request)) = (locks, request) else {
        leptos::task::spawn_local(work(true));
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    let callback = Closure::once_into_js(move |lock: JsValue| -> js_sys::Promise {
        let held = !lock.is_null() && !lock.is_undefined();
        wasm_bindgen_futures::future_to_promise(async move {
            work(held).await;
            Ok(JsValue::UNDEFINED)
        })
    });
    if request
        .call3(&locks, &name.into(), &options, &callback)
        .is_err()
    {
        leptos::logging::warn!("Handoff: the outbox lock was refused");
    }
}
