//! Server functions: one per file. Each reads who is asking, calls one use
//! case in `handoff-server` and returns a core type. No SQL, no policy here.

mod status;

pub use status::*;
