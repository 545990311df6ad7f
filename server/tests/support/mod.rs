//! The suites' shared kit lives in `handoff_server::testkit` (feature
//! `testkit`), so the server's and the app's suites build their worlds the
//! same way.

#![allow(unused_imports)]

pub use handoff_server::testkit::{hasher, install_test_key, TestDb};
