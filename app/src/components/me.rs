//! Who is signed in, as every page and shared component reads it.

use crate::error::AppError;
use handoff::Me;
use leptos::prelude::*;

/// Who is signed in, fetched again on every navigation (so a session that
/// ended elsewhere shows at once). The layout provides it; pages read it
/// from context.
pub type MeResource = Resource<Result<Option<Me>, AppError>>;
