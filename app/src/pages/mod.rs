//! One page per file. Every page is a lazy route: its wasm is a chunk of its
//! own, fetched when it opens, so the main wasm holds only the frame, the
//! router and what every page shares (the first-load budget, `.ci/lib.sh`).

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
                leptos::prelude::IntoAny::into_any(leptos::prelude::view! {
                    <$page />
                    <crate::components::layout::PageReady />
                })
            }
        }
    };
}

// The front door is lazy too: in the main wasm it cost every other page's
// first load (a provider opening "My tasks" fetched the home page's code).
use home::HomePage;
use login::LoginPage;
lazy_page!(HomeRoute, HomePage);
lazy_page!(LoginRoute, LoginPage);

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
