use handoff::TaskState;
use leptos::prelude::*;

/// A task's state as a coloured badge with its own shape (drawn by the
/// stylesheet, silent to screen readers), so states differ for people who do
/// not tell the colours apart; the word is always there.
#[component]
pub fn StateBadge(state: TaskState) -> impl IntoView {
    view! {
        <span class=format!("state state-{}", state.as_str()) data-state=state.as_str()>
            {state.to_string()}
        </span>
    }
}
