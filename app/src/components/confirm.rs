//! A destructive action confirmed in place: the button opens its
//! confirmation right where it was clicked, as a `<details>` disclosure, so
//! it works before hydration and without JavaScript, and nothing reloads.

use leptos::prelude::*;

/// `label` is the button ("Cancel task…"); `question` heads the confirmation;
/// `children` hold the explanation and the form that does it, and `keep`
/// names the way out ("Keep it"), which closes it again. `open` renders it
/// already open (a `?cancel=1` link from elsewhere).
#[component]
pub fn Confirm(
    label: &'static str,
    #[prop(into)] question: String,
    keep: &'static str,
    /// This page without the confirmation: where "keep" leads without
    /// JavaScript.
    #[prop(into)]
    back: String,
    /// Unique on the page: names the confirmation for screen readers.
    id: &'static str,
    #[prop(optional)] open: bool,
    children: Children,
) -> impl IntoView {
    let heading = format!("{id}-question");
    let labelled_by = heading.clone();
    let details = NodeRef::<leptos::html::Details>::new();
    // With JavaScript the page stays as it is: close the disclosure rather
    // than follow the link.
    let close = move |ev: leptos::ev::MouseEvent| {
        if let Some(d) = details.get() {
            ev.prevent_default();
            d.set_open(false);
        }
    };
    view! {
        <details class="confirm" id=id open=open node_ref=details>
            <summary class="button secondary">{label}</summary>
            <div class="confirm-body" role="group" aria-labelledby=labelled_by>
                <h3 class="confirm-question" id=heading>{question}</h3>
                {children()}
                <a class="button secondary" href=back on:click=close>{keep}</a>
            </div>
        </details>
    }
}
