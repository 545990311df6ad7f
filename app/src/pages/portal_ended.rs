use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

lazy_page!(LinkExpiredRoute, LinkExpiredPage);
lazy_page!(PortalSignedOutRoute, PortalSignedOutPage);

/// Where a link that no longer works leads (unknown, revoked or expired:
/// the same page for all three, which says nothing about the client).
#[component]
pub fn LinkExpiredPage() -> impl IntoView {
    let query = use_query_map();
    let busy = move || query.with(|q| q.get("busy").is_some());
    view! {
        <Title text="This link no longer works" />
        <section class="card narrow portal-ended">
            {move || if busy() {
                Either::Left(view! {
                    <h1>"Too many attempts"</h1>
                    <p>"Links were tried too often from your network. Wait a quarter of an hour, then open your link again."</p>
                })
            } else {
                Either::Right(view! {
                    <h1>"This link no longer works"</h1>
                    <p>"It may have expired or been replaced. Ask the business for a new one."</p>
                })
            }}
        </section>
    }
}

#[component]
pub fn PortalSignedOutPage() -> impl IntoView {
    view! {
        <Title text="Signed out" />
        <section class="card narrow portal-ended">
            <h1>"You are signed out"</h1>
            <p>"To read your messages again, open the link the business sent you."</p>
        </section>
    }
}
