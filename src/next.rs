//! Where sign-in returns to: the page a signed-out member tried to open,
//! carried as `?next=`. Only a path on this site is followed; anything that
//! a browser could read as another origin (`//evil.test`, `/\evil.test`,
//! `https://…`) or that hides characters in it goes home instead, so a link
//! to Handoff's sign-in page cannot send someone elsewhere after they sign in.

/// The page to land on after signing in: `raw` when it is a safe same-origin
/// path, otherwise home.
pub fn after_sign_in(raw: Option<&str>) -> &str {
    raw.filter(|r| is_safe_path(r)).unwrap_or("/")
}

/// A path on this site: starts with one `/` not followed by `/` or `\`,
/// and holds no control characters, backslashes or whitespace that a browser
/// would strip or reinterpret.
pub fn is_safe_path(raw: &str) -> bool {
    let mut chars = raw.chars();
    if chars.next() != Some('/') {
        return false;
    }
    if matches!(chars.next(), Some('/') | Some('\\')) {
        return false;
    }
    raw.len() <= 2048
        && !raw
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_on_this_site_are_followed() {
        for ok in [
            "/",
            "/tasks/42",
            "/tasks?state=open&page=2",
            "/clients/7#notes",
        ] {
            assert!(is_safe_path(ok), "{ok}");
            assert_eq!(after_sign_in(Some(ok)), ok);
        }
    }

    #[test]
    fn other_origins_and_odd_characters_go_home() {
        for bad in [
            "",
            "tasks/42",
            "//evil.test",
            "//evil.test/tasks",
            "/\\evil.test",
            "\\\\evil.test",
            "https://evil.test/",
            "javascript:alert(1)",
            "/tasks\n/42",
            "/\t/evil.test",
            "/tasks/4\u{0}2",
            " /tasks",
            "/tasks/\\42",
            "/ /evil.test",
        ] {
            assert!(!is_safe_path(bad), "{bad:?}");
            assert_eq!(after_sign_in(Some(bad)), "/");
        }
        assert_eq!(after_sign_in(None), "/");
    }
}
