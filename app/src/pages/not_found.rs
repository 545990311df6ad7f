use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::NOT_FOUND);
        }
    }
    view! {
        <crate::components::layout::PageReady />
        <Title text="Page not found" />
        <section class="card narrow">
            <h1>"Page not found"</h1>
            <p>"This address does not lead anywhere in Handoff. Check the link, or start again from the home page."</p>
            <p><a class="button" href="/">"Go to the home page"</a></p>
        </section>
    }
}
