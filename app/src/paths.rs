//! Which part of the site a path is in: asked by the pages (who must sign
//! in first) and by the server's layers (owners' pages, the offline
//! fallback) alike, so neither side imports the other.

/// Whether `path` is one of `pages` or below one of them (`/tasks/42` is
/// under `/tasks`; `/tasksx` is not).
pub fn is_under(path: &str, pages: &[&str]) -> bool {
    pages.iter().any(|p| {
        path == *p
            || path
                .strip_prefix(p)
                .is_some_and(|rest| rest.starts_with('/'))
    })
}
