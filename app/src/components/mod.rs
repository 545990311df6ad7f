pub mod client_fields;
pub mod confirm;
pub mod filters;
pub mod form;
pub mod layout;
pub mod state_badge;
pub mod task_fields;
pub mod work;
