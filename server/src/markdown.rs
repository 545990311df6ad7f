//! Markdown to HTML that is safe to put in a page: pulldown-cmark renders,
//! ammonia keeps only harmless tags and attributes (no scripts, no event
//! handlers, no `javascript:` links, no images that could phone home).

use pulldown_cmark::{html, Event, Options, Parser};

pub fn to_safe_html(markdown: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_TASKLISTS);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    // Raw HTML is shown as the text it is, never rendered: a comment or a
    // tag that a sanitiser removed would join what stood around it
    // (`Lind<!-- -->qvist`), and the reader would see what the scanners
    // never read.
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    html::push_html(&mut raw, events);
    ammonia::Builder::default()
        .rm_tags(["img"])
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown_and_drops_scripts() {
        let html = to_safe_html("# Call\n\n- **ask** about <script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>");
        assert!(html.contains("<h1>Call</h1>"));
        assert!(html.contains("<strong>ask</strong>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
        // Raw HTML is shown as text: no element, no live attribute.
        assert!(!html.contains("<img"));
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
    }

    #[test]
    fn raw_html_is_shown_as_written_never_joined() {
        let html = to_safe_html("Lind<!-- -->qvist and 503 555<!-- --> 0177 <b>x</b>");
        assert!(html.contains("Lind&lt;!-- --&gt;qvist"), "{html}");
        assert!(html.contains("555&lt;!-- --&gt; 0177"), "{html}");
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"), "{html}");
    }
}
