//! Server functions: one per file. Each reads who is asking (`crate::auth`),
//! calls one use case in `handoff-server` and returns a core type. No SQL,
//! no policy here.

mod accept_invitation;
mod change_password;
mod confirm_two_factor;
mod current_member;
mod deactivate_member;
mod disable_two_factor;
mod invite_member;
mod load_invitation;
mod load_team;
mod load_two_factor;
mod reactivate_member;
mod require_owner_two_factor;
mod revoke_invitation;
mod sign_in;
mod sign_out;
mod sign_out_everywhere;
mod sign_up;
mod start_two_factor;
mod status;
mod verify_sign_in_code;

pub use accept_invitation::*;
pub use change_password::*;
pub use confirm_two_factor::*;
pub use current_member::*;
pub use deactivate_member::*;
pub use disable_two_factor::*;
pub use invite_member::*;
pub use load_invitation::*;
pub use load_team::*;
pub use load_two_factor::*;
pub use reactivate_member::*;
pub use require_owner_two_factor::*;
pub use revoke_invitation::*;
pub use sign_in::*;
pub use sign_out::*;
pub use sign_out_everywhere::*;
pub use sign_up::*;
pub use start_two_factor::*;
pub use status::*;
pub use verify_sign_in_code::*;
