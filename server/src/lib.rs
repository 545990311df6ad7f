//! Handoff's backend library: storage and the use cases.
//!
//! Every use case takes the acting member (once accounts exist) and enforces
//! the rules of DESIGN.md itself; the web layer only calls them. SQL lives
//! here and nowhere else. No Leptos, no UI.

pub mod accounts;
mod actor;
pub mod audit;
pub mod clients;
pub mod db;
pub mod demo;
pub mod disclosure;
pub mod error;
pub mod markdown;
pub mod password;
pub mod secrets;
pub mod session;
pub mod status;
pub mod tasks;
pub mod team;
pub mod two_factor;
pub mod work;

pub use actor::Actor;
pub use db::{Database, DatabaseUrl};
pub use error::Error;
pub use password::PasswordHasher;
