//! A signed-out visitor who opens a member's page goes to sign in first,
//! and comes back to that page afterwards (`/login?next=/tasks/42`).

use crate::components::filters::url_encode;
use crate::components::me::MeResource;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

/// The pages only a member can open; the rest (home, sign-in, sign-up,
/// invitations, unknown paths) are for anyone.
const MEMBER_PAGES: &[&str] = &[
    "/account", "/tasks", "/clients", "/team", "/audit", "/relay",
];

fn is_member_page(path: &str) -> bool {
    crate::paths::is_under(path, MEMBER_PAGES)
}

/// Redirects to sign-in (a 302 from the server, a navigation in the
/// browser) once it is known that nobody is signed in on a member's page.
/// Not the router's `<Redirect>`: that needs a matched route, and this
/// sits in the layout, around every route.
#[component]
pub fn SignInFirst() -> impl IntoView {
    let me = expect_context::<MeResource>();
    let location = use_location();
    let navigate = use_navigate();
    view! {
        <Transition fallback=|| ()>
            {move || {
                let navigate = navigate.clone();
                Suspend::new(async move {
                let signed_in = matches!(me.await, Ok(Some(_)));
                let path = location.pathname.get_untracked();
                if signed_in || !is_member_page(&path) {
                    return;
                }
                let search = location.search.get_untracked();
                let target = if search.is_empty() { path } else { format!("{path}?{search}") };
                let to = format!("/login?next={}", url_encode(&target));
                #[cfg(feature = "ssr")]
                {
                    let _ = &navigate;
                    leptos_axum::redirect(&to);
                }
                #[cfg(not(feature = "ssr"))]
                navigate(&to, Default::default());
            })}}
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::is_member_page;

    #[test]
    fn member_pages_are_told_apart_from_public_ones() {
        for p in [
            "/tasks",
            "/tasks/42",
            "/account/two-factor",
            "/clients/7",
            "/audit",
        ] {
            assert!(is_member_page(p), "{p}");
        }
        for p in [
            "/",
            "/login",
            "/login/code",
            "/signup",
            "/invite/abc",
            "/p/abc",
            "/portal",
            "/tasksx",
            "/nope",
        ] {
            assert!(!is_member_page(p), "{p}");
        }
    }
}
