//! Live updates in the browser: one `EventSource` on `/events` per tab,
//! opened by the layout while a member is signed in. Each event is a hint
//! (`task`, `thread`, …) that bumps that kind's counter; pages' resources
//! read the counter in their source (`live.track(LiveKind::Task)`) and so
//! re-fetch through their usual server function. `resync` bumps them all.
//! The browser reconnects by itself and sends `Last-Event-ID`, so the server
//! replays what was missed. Without JavaScript nothing here runs: a reload
//! shows everything.

use handoff::LiveKind;
use leptos::prelude::*;

/// The counters pages track; in context (`expect_context::<Live>()`).
#[derive(Clone, Copy)]
pub struct Live {
    ticks: [RwSignal<u32>; LiveKind::ALL.len()],
}

impl Live {
    pub fn new() -> Live {
        Live {
            ticks: std::array::from_fn(|_| RwSignal::new(0)),
        }
    }

    /// Read in a resource's source: it re-fetches when `kind` changes.
    pub fn track(&self, kind: LiveKind) -> u32 {
        self.ticks[kind.index()].get()
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn bump(&self, kind: LiveKind) {
        self.ticks[kind.index()].update(|n| *n = n.wrapping_add(1));
    }

    /// This page changed something of `kind` itself: what shows it
    /// re-fetches now rather than at the stream's hint.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    pub fn poke(&self, kind: LiveKind) {
        if let Some(tick) = self.ticks.get(kind.index()) {
            tick.try_update(|n| *n = n.wrapping_add(1));
        }
    }
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}

/// Keeps the tab's stream open while `signed_in` says `Some(true)`, closes
/// it on `Some(false)` and leaves it be while unknown (`None`: the member is
/// being fetched again after a navigation).
///
/// A stream the server refuses (the session ended elsewhere: "Sign out
/// everywhere", an expiry, a deactivation) calls `refused`, so the page
/// finds out who is signed in now, and the device forgets what it kept.
#[cfg(feature = "hydrate")]
pub fn keep_open(
    live: Live,
    signed_in: impl Fn() -> Option<bool> + 'static,
    refused: impl Fn() + Clone + 'static,
) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::EventSource;

    let source = StoredValue::new_local(None::<EventSource>);
    let last_refusal = StoredValue::new(f64::NEG_INFINITY);
    let listen = |es: &EventSource, name: &str, on: Box<dyn Fn()>| {
        let on = Closure::<dyn Fn()>::new(on);
        let _ = es.add_event_listener_with_callback(name, on.as_ref().unchecked_ref());
        // One stream per tab and sign-in: the handlers live as long as it.
        on.forget();
    };
    Effect::new(move |_| match signed_in() {
        Some(true) if source.with_value(Option::is_none) => {
            let Ok(es) = EventSource::new("/events") else {
                return;
            };
            for kind in LiveKind::ALL {
                listen(&es, kind.as_str(), Box::new(move || live.bump(kind)));
            }
            let all = move || LiveKind::ALL.into_iter().for_each(|k| live.bump(k));
            listen(&es, handoff::live::RESYNC, Box::new(all));
            // A network error reconnects by itself (CONNECTING); an answer
            // other than the stream (401, or a server in trouble) closes it
            // for good (CLOSED). Asked again at most once a minute, so a
            // server that keeps refusing is not asked in a loop.
            let closed = es.clone();
            let refused = refused.clone();
            listen(
                &es,
                "error",
                Box::new(move || {
                    if closed.ready_state() != EventSource::CLOSED {
                        return;
                    }
                    let now = js_sys::Date::now();
                    if now - last_refusal.get_value() < 60_000.0 {
                        return;
                    }
                    last_refusal.set_value(now);
                    source.update_value(|s| *s = None);
                    refused();
                }),
            );
            source.set_value(Some(es));
        }
        Some(false) => source.update_value(|s| {
            if let Some(es) = s.take() {
                es.close();
            }
        }),
        _ => {}
    });
}

/// What a page shows of a list that others change (a thread, the relay
/// queue): `first` (what the page rendered with), then, after each hint of
/// one of `kinds` (or a resync), the newest answer of `load`. The page reads
/// it inside its own reactive closure, so the forms around the list are not
/// rebuilt and keep what is being typed in them.
pub fn refreshed<T, Fut>(
    first: T,
    kinds: &'static [LiveKind],
    load: impl Fn() -> Fut + 'static,
) -> Signal<T>
where
    T: Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, crate::error::AppError>> + 'static,
{
    let latest = RwSignal::new(first);
    #[cfg(feature = "hydrate")]
    if let Some(live) = use_context::<Live>() {
        // Answers may come back out of order: only the newest ask counts.
        let asked = StoredValue::new(0_u64);
        Effect::new(move |first_done: Option<()>| {
            for kind in kinds {
                live.track(*kind);
            }
            if first_done.is_none() {
                return;
            }
            let n = asked.get_value() + 1;
            asked.set_value(n);
            let answer = load();
            leptos::task::spawn_local(async move {
                if let Ok(value) = answer.await {
                    // The page may have re-rendered meanwhile (after a post
                    // of its own) and dropped these: then the answer is moot.
                    if asked.try_get_value() == Some(n) {
                        let _ = latest.try_set(value);
                    }
                }
            });
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (kinds, load);
    latest.into()
}
