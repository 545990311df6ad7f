//! Server functions, grouped by feature. Each reads who is asking
//! (`crate::auth`), calls one use case in `handoff-server` and returns a
//! core type. No SQL, no policy here. Pages name them as `crate::api::x`.

mod account;
mod audit;
mod clients;
mod mail;
mod portal;
mod relay;
mod tasks;
mod team;
mod threads;
mod two_factor;
mod work;

pub use account::*;
pub use audit::*;
pub use clients::*;
pub use mail::*;
pub use portal::*;
pub use relay::*;
pub use tasks::*;
pub use team::*;
pub use threads::*;
pub use two_factor::*;
pub use work::*;
