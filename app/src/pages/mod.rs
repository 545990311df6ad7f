//! One page per file. Every page but sign-in (`/login`) is a
//! lazy route: its wasm is a chunk of its own, fetched when it opens.
//! Owners' pages are declared `lazy_page!(Route, Page, owners)`.

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
    // An owners' page: a provider gets the "no access" page and a 403.
    ($route:ident, $page:ident, owners) => {
        pub struct $route;

        #[leptos_router::lazy_route]
        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> leptos::prelude::AnyView {
                leptos::prelude::view! {
                    <crate::components::access::OwnersOnly>
                        <$page />
                    </crate::components::access::OwnersOnly>
                    <crate::components::layout::PageReady />
                }
                .into_any()
            }
        }
    };
}

pub mod account;
pub mod audit;
pub mod client;
pub mod client_new;
pub mod clients;
pub mod home;
pub mod invite;
pub mod login;
pub mod not_found;
pub mod sign_in_code;
pub mod signup;
pub mod status;
pub mod task;
pub mod task_new;
pub mod tasks;
pub mod team;
pub mod two_factor;
