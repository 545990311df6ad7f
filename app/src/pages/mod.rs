//! One page per file. Every page but sign-in (`/login`) is a
//! lazy route: its wasm is a chunk of its own, fetched when it opens.
//! Owners' pages are declared `lazy_page!(Route, Page, owners)` and listed in
//! `crate::owners_only`, which answers a provider 403 before any rendering.

/// Declares `$route`, the lazy route that renders the component `$page`.
macro_rules! lazy_page {
    ($route:ident, $page:ident) => {
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                leptos::prelude::view! {
                    <$page />
                    <crate::components::layout::PageReady />
                }
                .into_any()
            }
        }
    };
    // An owners' page. A provider who opens one is refused before the app
    // renders anything (`crate::owners_only`, which lists these paths).
    ($route:ident, $page:ident, owners) => {
        lazy_page!($route, $page);
    };
}

pub mod account;
pub mod audit;
pub mod client;
pub mod client_new;
pub mod clients;
pub mod forgot_password;
pub mod home;
pub mod invite;
pub mod login;
pub mod not_found;
pub mod portal;
pub mod portal_ended;
pub mod portal_open;
pub mod relay;
pub mod reset_password;
pub mod sign_in_code;
pub mod signup;
pub mod status;
pub mod task;
pub mod task_new;
pub mod tasks;
pub mod team;
pub mod two_factor;
