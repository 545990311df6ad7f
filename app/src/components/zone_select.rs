//! The time-zone picker: a text box with every IANA zone as suggestions
//! (type "lisbon" or "new york" to find one), which works without
//! JavaScript; with it, the browser's own zone is filled in.
//!
//! The list is large (about 600 names), so it is not compiled into the wasm:
//! the server writes it from chrono-tz, the zones it accepts; a page built in
//! the browser asks the browser's `Intl` for its list instead. The server
//! checks whatever is sent.

use crate::components::form::FormResult;
use leptos::prelude::*;

/// `selected` is what the box holds without JavaScript (the member's zone,
/// or UTC). With `prefer_browser`, the browser's zone replaces it once the
/// page is live, unless the person has typed something already.
#[component]
pub fn ZoneSelect(
    errors: FormResult,
    #[prop(into, default = "UTC".to_string())] selected: String,
    #[prop(default = false)] prefer_browser: bool,
) -> impl IntoView {
    let message = move || errors.get().and_then(|e| e.field("time_zone"));
    let input = NodeRef::<leptos::html::Input>::new();
    let initial = selected.clone();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            if prefer_browser && el.value() == initial {
                if let Some(zone) = browser::zone() {
                    el.set_value(&zone);
                }
            }
        }
    });
    view! {
        <div class="field" class:has-error=move || message().is_some()>
            <label for="field-time_zone">"Time zone"</label>
            <p class="hint" id="field-time_zone-hint">
                "Type a city or region, such as Lisbon or New York, and pick it from the list; a city on its own is understood too."
            </p>
            <input
                node_ref=input
                id="field-time_zone"
                name="time_zone"
                list="zone-names"
                value=selected
                required=true
                autocomplete="off"
                spellcheck="false"
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby="field-time_zone-hint field-time_zone-error"
            />
            <datalist id="zone-names" inner_html=zone_options()></datalist>
            <p class="field-error" id="field-time_zone-error" aria-live="polite">{message}</p>
        </div>
    }
}

/// One `<option>` per zone; the label spells the place with spaces so
/// that typing "new york" finds `America/New_York`.
fn options_html<'a>(zones: impl Iterator<Item = &'a str>) -> String {
    zones
        .filter(|z| {
            z.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/_+-".contains(&b))
        })
        .map(|z| format!("<option value=\"{z}\">{}</option>", z.replace('_', " ")))
        .collect()
}

#[cfg(feature = "ssr")]
fn zone_options() -> String {
    use std::sync::OnceLock;
    static HTML: OnceLock<String> = OnceLock::new();
    HTML.get_or_init(|| options_html(handoff_server::accounts::zone_names()))
        .clone()
}

// Hydration leaves the server's list in place (inner HTML is not compared);
// this list only fills a picker the browser renders itself.
#[cfg(not(feature = "ssr"))]
fn zone_options() -> String {
    let names = browser::zone_names();
    options_html(names.lines())
}

#[cfg(feature = "hydrate")]
mod browser {
    use js_sys::{Array, Intl, Object, Reflect};

    /// The zone the browser runs in, e.g. `Europe/Lisbon`.
    pub fn zone() -> Option<String> {
        let options = Intl::DateTimeFormat::new(&Array::new(), &Object::new()).resolved_options();
        Reflect::get(&options, &"timeZone".into())
            .ok()?
            .as_string()
            .filter(|z| !z.is_empty())
    }

    /// The browser's zone names, one a line.
    #[cfg(not(feature = "ssr"))]
    pub fn zone_names() -> String {
        Intl::supported_values_of(Intl::SupportedValuesKey::TimeZone)
            .join("\n")
            .into()
    }
}

#[cfg(not(feature = "hydrate"))]
mod browser {
    pub fn zone() -> Option<String> {
        None
    }

    #[cfg(not(feature = "ssr"))]
    pub fn zone_names() -> String {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::options_html;

    #[test]
    fn every_zone_becomes_an_option_and_odd_names_do_not() {
        let html = options_html(["America/New_York", "UTC", "x\"><script>"].into_iter());
        assert_eq!(
            html,
            "<option value=\"America/New_York\">America/New York</option><option value=\"UTC\">UTC</option>"
        );
    }
}
