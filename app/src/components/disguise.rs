//! The note an owner reads where they decide what crosses to a provider or
//! a client (the task editor's preview, a forward's preview): passages that
//! only look like a contact detail in disguise. They are not masked, because
//! they may be innocent ("four or five chairs"), so the owner is shown them
//! to decide.

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
