//! The draft as this browser holds it: the form it is read from and filled
//! into, the copy kept in local storage, and the state shown beside it.
//! The autosave (`browser`) and the outbox (`outbox`) both build on it.

use super::{Sync, SyncState};
use crate::components::device_data::write_json;
use handoff::draft::{storage_key, DraftContent};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

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

pub(super) fn stop_timer(s: Sync) {
    if let Some(t) = s.timer.try_get_value().flatten() {
        t.clear();
        s.timer.try_set_value(None);
    }
}
