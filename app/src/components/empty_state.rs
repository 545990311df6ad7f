//! An empty state: a small icon, a heading, one sentence that says what to
//! do first, and that action as a button. Use it wherever a list or a page
//! has nothing to show yet, e.g.
//!
//! ```text
//! <EmptyState icon="people" heading="No invitations yet"
//!     text="Invite a provider to hand them work." href="#invite-heading" action="Invite a provider" />
//! ```

use leptos::either::EitherOf3;
use leptos::prelude::*;

/// The icons an empty state may show (24 px line drawings, decorative).
fn icon_path(name: &str) -> &'static str {
    match name {
        "check" => "M20 6 9 17l-5-5",
        "lock" => "M7 11V7a5 5 0 0 1 10 0v4M5 11h14v10H5z",
        "people" => "M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM22 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8",
        "clipboard" => "M9 4h6v3H9zM7 5H5v16h14V5h-2M9 12h6M9 16h4",
        "clock" => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 2",
        _ => "M22 12h-6l-2 3h-4l-2-3H2M5.5 5h13L22 12v7H2v-7z",
    }
}

#[component]
pub fn EmptyState(
    /// `inbox` (default), `check`, `lock`, `people`, `clipboard` or `clock`.
    #[prop(default = "inbox")]
    icon: &'static str,
    #[prop(into)] heading: String,
    #[prop(into)] text: String,
    /// Where the primary action leads; no action without it.
    #[prop(optional, into)]
    href: Option<String>,
    /// The primary action's label.
    #[prop(optional)]
    action: &'static str,
    /// The heading's level: 1 when the empty state is the whole page.
    #[prop(default = 3)]
    level: u8,
    /// A way back (e.g. "Clear the filters") rather than a first step.
    #[prop(optional)]
    secondary: bool,
) -> impl IntoView {
    let button = if secondary {
        "button secondary"
    } else {
        "button"
    };
    let heading = match level {
        1 => EitherOf3::A(view! { <h1>{heading}</h1> }),
        2 => EitherOf3::B(view! { <h2>{heading}</h2> }),
        _ => EitherOf3::C(view! { <h3>{heading}</h3> }),
    };
    view! {
        <div class="empty-state">
            <svg class="empty-icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
                <path d=icon_path(icon) fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" />
            </svg>
            {heading}
            <p>{text}</p>
            {href.map(|href| view! { <p><a class=button href=href>{action}</a></p> })}
        </div>
    }
}
