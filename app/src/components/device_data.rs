//! What Handoff keeps in this browser (drafts, queued submissions) and the
//! rules around it: a banner while offline, a clear message when storage
//! is full, and every `handoff:` key removed when the member signs out or
//! their session ends (the next page sees nobody signed in).

use leptos::prelude::*;

/// A banner while the browser is offline, and the sign-out wipe. Rendered
/// once, in the layout.
#[component]
pub fn DeviceData() -> impl IntoView {
    let offline = RwSignal::new(false);
    #[cfg(feature = "hydrate")]
    {
        use crate::components::me::MeResource;
        Effect::new(move |_| offline.set(!online()));
        // The layout's listeners live as long as the page.
        let _ = window_event_listener(leptos::ev::online, move |_| offline.set(false));
        let _ = window_event_listener(leptos::ev::offline, move |_| offline.set(true));
        // A task changed (a disclosure ended, the task closed): the pages
        // the worker keeps for offline reading are fetched again, so the
        // device holds only what the provider may still see.
        if let Some(live) = use_context::<crate::components::live::Live>() {
            Effect::new(move |first: Option<()>| {
                live.track(handoff::LiveKind::Task);
                if first.is_some() {
                    tell_worker("refresh-kept");
                }
            });
        }
        if let Some(me) = use_context::<MeResource>() {
            Effect::new(move |_| {
                // The portal has no member: its kept page is the client's,
                // dropped when the portal signs out (the worker's `forget`).
                let portal = window()
                    .location()
                    .pathname()
                    .is_ok_and(|p| p == "/portal" || p.starts_with("/p/"));
                if let Some(Ok(None) | Err(crate::error::AppError::Unauthenticated)) = me.get() {
                    if !portal {
                        forget_everything();
                    }
                }
            });
        }
    }
    view! {
        {move || offline.get().then(|| view! {
            <div class="offline-banner" role="status" aria-live="polite">
                "You are offline. What you type is kept on this device and is sent when the connection returns."
            </div>
        })}
    }
}

#[cfg(feature = "hydrate")]
pub use browser::*;

#[cfg(feature = "hydrate")]
mod browser {
    use gloo_storage::{LocalStorage, Storage};
    use handoff::draft::STORAGE_PREFIX;
    use serde::{de::DeserializeOwned, Serialize};

    /// What the browser believes about the connection.
    pub fn online() -> bool {
        leptos::prelude::window().navigator().on_line()
    }

    pub fn read_json<T: DeserializeOwned>(key: &str) -> Option<T> {
        LocalStorage::get(key).ok()
    }

    /// Writes one key; a full storage (`QuotaExceededError`) or a refused
    /// one answers a sentence for the person (the caller keeps the value in
    /// the page meanwhile).
    pub fn write_json<T: Serialize>(key: &str, value: &T) -> Result<(), String> {
        let json = serde_json::to_string(value).map_err(|e| e.to_string())?;
        LocalStorage::raw().set_item(key, &json).map_err(|e| {
            let name = js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            if name == "QuotaExceededError" {
                "This browser's storage is full, so your draft is kept only in this page for now: don't close it. Free some space (or save it online) to keep it on this device.".to_string()
            } else {
                "This browser refused to keep your draft (private browsing?): it is kept only in this page for now, so don't close it.".to_string()
            }
        })
    }

    pub fn remove_key(key: &str) {
        LocalStorage::delete(key);
    }

    /// Removes every key Handoff wrote in this browser.
    pub fn forget_everything() {
        let storage = LocalStorage::raw();
        let keys: Vec<String> = (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(STORAGE_PREFIX))
            .collect();
        for key in keys {
            let _ = storage.remove_item(&key);
        }
        forget_kept_pages();
    }

    /// A message to this page's service worker, if one controls it.
    pub fn tell_worker(message: &str) {
        let get = |target: &wasm_bindgen::JsValue, name: &str| {
            js_sys::Reflect::get(target, &name.into())
                .ok()
                .filter(|v| !v.is_undefined() && !v.is_null())
        };
        let navigator = leptos::prelude::window().navigator();
        let Some(controller) =
            get(&navigator, "serviceWorker").and_then(|sw| get(&sw, "controller"))
        else {
            return;
        };
        if let Some(post) = get(&controller, "postMessage") {
            if let Ok(post) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(post) {
                let _ = post.call1(&controller, &message.into());
            }
        }
    }

    /// Drops the pages the service worker kept for offline reading
    /// (`app/src/offline.rs`); its copy of the build holds no one's data.
    fn forget_kept_pages() {
        let window = leptos::prelude::window();
        let Ok(caches) = js_sys::Reflect::get(&window, &"caches".into()) else {
            return;
        };
        if caches.is_undefined() || caches.is_null() {
            return;
        }
        if let Ok(delete) = js_sys::Reflect::get(&caches, &"delete".into()) {
            if let Ok(delete) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(delete) {
                let _ = delete.call1(&caches, &"handoff-pages".into());
            }
        }
    }
}
