//! Server functions: one per file. Each reads who is asking (`crate::auth`),
//! calls one use case in `handoff-server` and returns a core type. No SQL,
//! no policy here.

mod change_password;
mod current_member;
mod sign_in;
mod sign_out;
mod sign_out_everywhere;
mod sign_up;
mod status;

pub use change_password::*;
pub use current_member::*;
pub use sign_in::*;
pub use sign_out::*;
pub use sign_out_everywhere::*;
pub use sign_up::*;
pub use status::*;
