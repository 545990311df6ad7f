//! Tasks (R4, R5): one place for the `tasks` table and everything built on
//! it. `store` holds the SQL of the task's own tables; `commands` are the
//! changes owners and providers make; `owner_views` and `provider_views` what
//! each reads (a provider's only through the provider lens); `timeline` the
//! record of every change; `due` instants across time zones.

mod commands;
mod dashboard;
pub mod due;
pub(crate) mod line;
mod overdue;
mod owner_views;
mod provider_views;
pub(crate) mod store;
pub(crate) mod timeline;
mod work_view;

pub use commands::{cancel, create, move_task, review, submit, update};
pub use dashboard::{dashboard, owner_dashboard, provider_dashboard, waiting};
pub use overdue::tell_overdue;
pub use owner_views::{board, choices, owner_task, preview_secrets, preview_texts};
pub use provider_views::{keeps_offline, my_tasks, provider_task};
