//! Who is asking, for the server side only. `door` is the one door: server
//! functions (`owner()`, `provider()`, …) and plain axum routes (the
//! `Signed<…>` extractor, `Door::of`) read the same cookie the same way and
//! ask `handoff_server::door` which capability it holds. `cookies` reads and
//! writes every cookie; `address` finds the client's network address.

use handoff_server::{Database, PasswordHasher};
use leptos::prelude::*;

mod address;
mod cookies;
mod door;

pub use address::{client_address, TrustedProxies};
pub use cookies::*;
pub use door::*;

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The database of this request. A resource the render stopped waiting
/// for can still be polled after its request ended, when the request's
/// contexts are gone (seen under load on task pages): it then gets the
/// process's database, finds no session cookie and ends with
/// `Unauthenticated`, instead of panicking in a worker thread.
#[track_caller]
pub fn database() -> Database {
    if let Some(db) = use_context::<Database>() {
        return db;
    }
    tracing::debug!(
        at = %std::panic::Location::caller(),
        "a server function ran outside its request"
    );
    PROCESS_DATABASE
        .get()
        .cloned()
        .expect("the database is set before Handoff serves")
}

static PROCESS_DATABASE: std::sync::OnceLock<Database> = std::sync::OnceLock::new();

/// Called once the database is open, before the first request.
pub fn set_process_database(db: &Database) {
    let _ = PROCESS_DATABASE.set(db.clone());
}

/// Where people reach Handoff (`HANDOFF_PUBLIC_URL`), for links.
#[derive(Clone, Debug)]
pub struct PublicUrl(pub String);

pub fn public_url() -> String {
    expect_context::<PublicUrl>().0
}

pub fn hasher() -> PasswordHasher {
    expect_context::<PasswordHasher>()
}
