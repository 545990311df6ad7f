use leptos::prelude::*;

/// The frame every page shares: skip link, header, main landmark, footer.
///
/// `data-hydrated` appears once the browser build has taken over the page,
/// so tests (and people debugging) can tell a live page from a static one.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    view! {
        <div class="app" data-hydrated=move || hydrated.get().then_some("true")>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="topbar">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"H"</span>
                    <span class="brand-name">"Handoff"</span>
                </a>
            </header>
            <main id="main" class="page" tabindex="-1">
                {children()}
            </main>
            <footer class="footer">
                <p>"Handoff — outcomes, not hours. Your clients stay yours."</p>
            </footer>
        </div>
    }
}
