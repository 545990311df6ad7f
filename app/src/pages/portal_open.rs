use crate::api::OpenPortal;
use crate::components::form::{error_of, FormAlert};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

lazy_page!(PortalOpenRoute, PortalOpenPage);

/// `/p/<token>`: the client's private link. Opening it does nothing but
/// show a button (mail scanners open links; the token is not even looked
/// up): the button's POST exchanges the token for a portal session. The
/// response carries `Referrer-Policy: no-referrer` (`crate::guard`), so the
/// token never leaves in a Referer.
#[component]
pub fn PortalOpenPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let open = ServerAction::<OpenPortal>::new();
    let errors = error_of(open.value());
    view! {
        <Title text="Your messages" />
        <section class="card narrow portal-open">
            <h1>"Your messages"</h1>
            <p>"This private link opens your conversation with the business that sent it. Keep it to yourself."</p>
            <ActionForm action=open>
                <FormAlert errors />
                <input type="hidden" name="token" value=token />
                <button type="submit" class="button">"Open your messages"</button>
            </ActionForm>
        </section>
    }
}
