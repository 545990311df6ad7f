//! Pages sent without the browser build: no wasm, no hydration, only the
//! server's HTML, the stylesheet and `device.js`.
//!
//! Every page works before hydration (forms post, links navigate), so a
//! page whose browser build would add little is cheaper without it: the
//! sign-in page, the first page most people load, and a provider's "My
//! tasks", which is a list of links (the first page a provider opens, often
//! on a slow connection). `public/device.js` gives the sign-in form its
//! progress line and keeps its e-mail across a refused attempt; "My tasks"
//! gives up the live counts in the navigation. A link from either opens
//! the next page whole, and that page hydrates as usual.

/// Put into a request's extensions when its page goes out plain.
#[derive(Clone, Copy, Debug)]
pub struct PlainPage;

/// Whether the page at `path` goes out plain, for a provider or not.
pub fn is_plain(path: &str, provider: bool) -> bool {
    let path = path.trim_end_matches('/');
    path == "/login" || (provider && path == "/tasks")
}

/// Whether the page being rendered goes out plain (never, in the browser).
pub fn requested() -> bool {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<axum::http::request::Parts>()
            .is_some_and(|parts| parts.extensions.get::<PlainPage>().is_some())
    }
    #[cfg(not(feature = "ssr"))]
    false
}

/// A whole page written by hand, for answers made outside the app's
/// router (no access, offline): the app's frame around `main`, no script.
/// `title` and `main` are this crate's own constant text.
#[cfg(feature = "ssr")]
pub fn document(title: &str, frame_attributes: &str, main: &str) -> String {
    format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{title} · Handoff</title>
<link rel="stylesheet" href="/pkg/handoff.css" />
</head>
<body>
<div class="app" data-page-ready="true"{frame_attributes}>
<a class="skip-link" href="#main">Skip to content</a>
<header class="topbar"><a class="brand" href="/"><span class="brand-mark" aria-hidden="true">H</span><span class="brand-name">Handoff</span></a></header>
<main id="main" class="page" tabindex="-1">
{main}
</main>
</div>
</body>
</html>
"##
    )
}

#[cfg(test)]
mod tests {
    use super::is_plain;

    #[test]
    fn sign_in_and_a_providers_list_go_out_plain_and_nothing_else_does() {
        assert!(is_plain("/login", false));
        assert!(is_plain("/login/", true));
        assert!(is_plain("/tasks", true));
        assert!(is_plain("/tasks/", true));
        // An owner's board filters, switches layout and counts live.
        assert!(!is_plain("/tasks", false));
        // Pages with drafts, forms that show progress, or the portal.
        for path in [
            "/",
            "/tasks/7",
            "/tasks/new",
            "/login/code",
            "/signup",
            "/account",
            "/portal",
            "/relay",
            "/loginx",
            "/tasksx",
        ] {
            assert!(!is_plain(path, true), "{path}");
            assert!(!is_plain(path, false), "{path}");
        }
    }
}
