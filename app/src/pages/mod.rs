//! One page per file. Every page but the front door (`/`, `/login`) is a
//! lazy route: its wasm is a chunk of its own, fetched when it opens.

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
pub mod task;
pub mod task_new;
pub mod tasks;
pub mod team;
pub mod two_factor;
