//! The pieces every filtered, paged list shares (clients, board, audit log):
//! filters live in the URL, so a list works before hydration and a filtered
//! view can be bookmarked.

use leptos::prelude::*;

/// A query-string value, percent-encoded.
pub fn url_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A labelled select for a GET filter form; the first option, `any`, is
/// the empty value.
pub fn filter_select(
    label: &'static str,
    name: &'static str,
    options: Vec<(String, String)>,
    selected: &str,
    any: &'static str,
) -> impl IntoView {
    let id = format!("filter-{name}");
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let is = value == selected;
            view! { <option value=value selected=is>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">{any}</option>
                {options}
            </select>
        </div>
    }
}

/// Previous / page N / next links; `link` makes a page's URL.
pub fn pager(page: u32, has_more: bool, link: impl Fn(u32) -> String) -> impl IntoView {
    let previous = (page > 1).then(|| {
        view! { <a class="button secondary small" href=link(page - 1)>"Previous page"</a> }
    });
    let next = has_more.then(|| {
        view! { <a class="button secondary small" href=link(page + 1)>"Next page"</a> }
    });
    view! {
        <nav class="pager" aria-label="Pages">
            {previous}
            <span class="muted">{format!("Page {page}")}</span>
            {next}
        </nav>
    }
}
