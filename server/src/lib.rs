//! Handoff's backend library: storage and the use cases.
//!
//! Who asks is a capability made here (`caller`, through `door`); a use case
//! names the one it needs, so the compiler checks who may call it. What
//! leaves for a provider or a client is made by that audience's lens
//! (`lens`). Every text column is classified for erasure (`erasure`). SQL
//! lives here and nowhere else. No Leptos, no UI.

pub mod accounts;
mod actor;
pub mod audit;
mod bulk;
pub mod caller;
mod client_refs;
mod client_row;
pub mod clients;
pub mod db;
pub mod demo;
pub mod disclosure;
pub mod door;
pub mod draft;
pub mod erasure;
pub mod error;
mod idempotency;
pub mod lens;
pub mod live;
pub mod mail;
pub mod markdown;
mod member_row;
pub mod password;
pub mod portal;
pub mod profile;
mod qr;
pub mod relay;
pub mod reset;
pub mod secrets;
pub mod session;
pub mod status;
pub mod task;
pub mod team;
#[cfg(feature = "testkit")]
pub mod testkit;
pub mod thread;
mod throttle;
mod time_zone;
pub mod two_factor;
mod unit;
pub mod upkeep;
mod workspace;

pub use actor::Actor;
pub use caller::{Member, Owner, OwnerInSetup, PortalClient, Provider};
pub use db::{Database, DatabaseUrl};
pub use error::Error;
pub use password::PasswordHasher;
