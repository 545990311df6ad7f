//! Handoff's Leptos app. The same crate is built twice: with `hydrate` into
//! the browser's wasm, and with `ssr` into the server binary (`main.rs`).
// The page views nest deep generic types; the browser's release build
// computes their layouts past the default query depth.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod error;
pub mod pages;
pub mod paths;
pub mod plain_page;
pub mod root;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod deadline;
#[cfg(feature = "ssr")]
pub mod events;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod health;
#[cfg(feature = "ssr")]
pub mod offline;
#[cfg(feature = "ssr")]
pub mod owners_only;
#[cfg(feature = "ssr")]
pub mod serve;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod unsubscribe;

pub use root::{shell, App};

/// Entry point of the browser build: takes over the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy routes (`#[lazy_route]`) load their wasm chunk before hydrating.
    leptos::mount::hydrate_lazy(App);
}
