pub mod account;
pub mod home;
pub mod invite;
pub mod login;
pub mod not_found;
pub mod signup;
pub mod team;
