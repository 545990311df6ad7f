//! Owners' pages, guarded in one place: a provider who opens one gets a
//! plain "no access" page with HTTP 403 and nothing of the page itself (no
//! form, no button); a signed-out visitor is asked to sign in. The server
//! functions refuse on their own as well: this only decides what is shown.

use crate::components::empty_state::EmptyState;
use crate::components::filters::url_encode;
use crate::components::layout::MeResource;
use handoff::Role;
use leptos::either::EitherOf3;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
enum Access {
    Granted,
    Refused,
    SignedOut,
}

/// Renders `children` (the page) for owners only. Whether the viewer may
/// see the page is its own resource, read once per page, so the page is
/// not rebuilt each time the member is fetched again on a navigation.
///
/// The page is made up front, outside the suspense (its resources are
/// created where they would be without the guard: a resource created
/// inside another's suspense can stall the server render); only showing
/// it waits for the answer. A provider's page loads nothing it may keep:
/// its server functions refuse them.
#[component]
pub fn OwnersOnly(children: Children) -> impl IntoView {
    let me = expect_context::<MeResource>();
    let access = Resource::new(
        || (),
        move |_| async move {
            match me.await {
                Ok(Some(m)) if m.role == Role::Provider => Access::Refused,
                Ok(None) => Access::SignedOut,
                // Owners, and a failed look-up: the page's own server
                // functions refuse whoever may not call them.
                _ => Access::Granted,
            }
        },
    );
    let page = Arc::new(Mutex::new(Some(children())));
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    match access.await {
                        Access::Granted => {
                            EitherOf3::A(page.lock().ok().and_then(|mut p| p.take()))
                        }
                        Access::Refused => EitherOf3::B(view! { <Forbidden /> }),
                        Access::SignedOut => EitherOf3::C(view! { <SignInToSee /> }),
                    }
                })
            }}
        </Suspense>
    }
}

/// The page a member sees where their role has no access: 403, a plain
/// sentence, what to do, and the way home.
#[component]
pub fn Forbidden() -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(axum::http::StatusCode::FORBIDDEN);
        }
    }
    view! {
        <Title text="No access" />
        <EmptyState
            icon="lock"
            heading="You don't have access to this page"
            text="This page is for the owners of your workspace. If you need something from it, ask an owner."
            href="/"
            action="Go to your home page"
            level=1
        />
    }
}

/// A signed-out visitor on a member's page: sign in, then come back here.
#[component]
fn SignInToSee() -> impl IntoView {
    let location = use_location();
    let next = format!(
        "/login?next={}",
        url_encode(&location.pathname.get_untracked())
    );
    view! {
        <Title text="Sign in" />
        <EmptyState
            icon="lock"
            heading="Sign in to see this page"
            text="This page is for members of a workspace."
            href=next
            action="Sign in"
            level=1
        />
    }
}
