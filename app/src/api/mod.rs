//! Server functions: one per file. Each reads who is asking (`crate::auth`),
//! calls one use case in `handoff-server` and returns a core type. No SQL,
//! no policy here.

mod accept_invitation;
mod cancel_task;
mod change_password;
mod confirm_two_factor;
mod create_client;
// A form posts a task as flat fields, so its server functions take them flat.
#[allow(clippy::too_many_arguments)]
mod create_task;
mod current_member;
mod deactivate_member;
mod disable_two_factor;
mod dismiss_recovery_codes;
mod erase_client;
mod invite_member;
mod load_audit;
mod load_board;
mod load_client;
mod load_clients;
mod load_dashboard;
mod load_draft;
mod load_invitation;
mod load_my_task;
mod load_my_tasks;
mod load_owner_task;
mod load_preview_secrets;
mod load_task_choices;
mod load_team;
mod load_two_factor;
mod load_waiting;
mod move_task;
mod reactivate_member;
mod remove_client_field;
mod require_owner_two_factor;
mod review_work;
mod revoke_invitation;
mod save_client_field;
#[allow(clippy::too_many_arguments)]
mod save_draft;
mod set_disclosures;
mod sign_in;
mod sign_out;
mod sign_out_everywhere;
mod sign_up;
mod start_two_factor;
mod status;
#[allow(clippy::too_many_arguments)]
mod submit_work;
mod update_client;
mod update_profile;
// A form posts a task as flat fields, so its server functions take them flat.
#[allow(clippy::too_many_arguments)]
mod update_task;
mod verify_sign_in_code;

pub use accept_invitation::*;
pub use cancel_task::*;
pub use change_password::*;
pub use confirm_two_factor::*;
pub use create_client::*;
pub use create_task::*;
pub use current_member::*;
pub use deactivate_member::*;
pub use disable_two_factor::*;
pub use dismiss_recovery_codes::*;
pub use erase_client::*;
pub use invite_member::*;
pub use load_audit::*;
pub use load_board::*;
pub use load_client::*;
pub use load_clients::*;
pub use load_dashboard::*;
pub use load_draft::*;
pub use load_invitation::*;
pub use load_my_task::*;
pub use load_my_tasks::*;
pub use load_owner_task::*;
pub use load_preview_secrets::*;
pub use load_task_choices::*;
pub use load_team::*;
pub use load_two_factor::*;
pub use load_waiting::*;
pub use move_task::*;
pub use reactivate_member::*;
pub use remove_client_field::*;
pub use require_owner_two_factor::*;
pub use review_work::*;
pub use revoke_invitation::*;
pub use save_client_field::*;
pub use save_draft::*;
pub use set_disclosures::*;
pub use sign_in::*;
pub use sign_out::*;
pub use sign_out_everywhere::*;
pub use sign_up::*;
pub use start_two_factor::*;
pub use status::*;
pub use submit_work::*;
pub use update_client::*;
pub use update_profile::*;
pub use update_task::*;
pub use verify_sign_in_code::*;
