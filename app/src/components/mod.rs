pub mod client_fields;
pub mod filters;
pub mod form;
pub mod layout;
pub mod sign_in_first;
pub mod state_badge;
pub mod task_fields;
pub mod work;
