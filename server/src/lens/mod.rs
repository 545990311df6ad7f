//! One lens per audience: the only code that makes the text types a
//! provider (`ProviderText`, `ProviderHtml`) or a client (`ClientText`)
//! reads. A lens knows whose values its reader may not see, builds every
//! view of that audience, and records the look (R8) when it is done.

pub mod client;
pub mod looks;
pub(crate) mod page;
pub(crate) mod preview;
pub mod provider;
pub(crate) mod workspace;

pub use looks::LookWriter;
