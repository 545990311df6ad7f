//! The notes an owner reads where they decide what crosses to a provider
//! (the task editor's preview, a forward's preview): passages that only look
//! like a contact detail in disguise (not masked, because they may be
//! innocent: "four or five chairs"), and instructions the provider cannot
//! carry out because they would have to reach the client directly.

use leptos::prelude::*;

/// Nothing when there is no such passage.
#[component]
pub fn DisguiseNote(passages: Vec<String>) -> impl IntoView {
    (!passages.is_empty()).then(|| {
        view! {
            <div class="disguise-note" role="note">
                <p>
                    <strong>"Check before you send: "</strong>
                    "this looks like a contact detail written in disguise. It is not hidden, because it may be innocent."
                </p>
                <ul>
                    {passages
                        .into_iter()
                        .map(|p| view! {
                            <li>
                                <mark class="flag" data-flag="Disguise">{p}</mark>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// Sentences that ask the provider to call, write to or visit the client:
/// what Handoff offers instead. Nothing when there is none.
#[component]
pub fn UnreachableNote(sentences: Vec<String>) -> impl IntoView {
    (!sentences.is_empty()).then(|| {
        view! {
            <div class="unreachable-note" role="note">
                <p>
                    <strong>"The provider cannot do this as written: "</strong>
                    "providers never reach clients directly, so they get no phone, e-mail or address. Ask them to write to the client through the relay (you approve every message), or share the client's portal link from the client's page."
                </p>
                <ul>
                    {sentences
                        .into_iter()
                        .map(|s| view! { <li><q>{s}</q></li> })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}
