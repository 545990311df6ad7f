//! Text for one audience. A provider (R1, R3) and a client (R2) each read
//! only text made by their lens on the server; the types below are the only
//! way to hold it in their views, so a view that tries to carry a bare
//! `String` to them does not compile.
//!
//! Each type is made in exactly one way: by running the redaction engine
//! with the secrets of that audience. Choosing the right secrets is the
//! lens's job (`handoff_server::lens`); the owner's live preview makes the
//! same type with the same secrets, so it shows what the provider will get.

use crate::redaction::{redact, Hidden, Secrets};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Plain text a provider may read: contact details and every secret of the
/// lens masked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProviderText(String);

impl ProviderText {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What the provider lens hides on one task. `client`: the task's client's
/// undisclosed values and its former clients' values. `workspace`: every
/// value of every client of the workspace (names first of all), shared by
/// every task of a response so it is compiled once. `shown`: the values
/// disclosed on this task, which the workspace pass leaves alone. The
/// owner's preview receives the same three and makes the same text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderSecrets {
    pub client: Secrets,
    pub workspace: Secrets,
    pub shown: Vec<String>,
}

/// Characters a disclosed value is parked under during the workspace pass:
/// Unicode's private use area, which no scanner reads as part of a word.
const PARK: u32 = 0xE000;
const PARK_SLOTS: u32 = 0x100;

fn parked(i: usize) -> Option<char> {
    u32::try_from(i)
        .ok()
        .filter(|i| *i < PARK_SLOTS)
        .and_then(|i| char::from_u32(PARK + i))
}

/// Runs `pass` over `text` with the values of `keep` taken out of its
/// sight: each is parked under a private-use character while the pass
/// runs, then put back. Longest values first, so a value inside another
/// is parked with it.
fn with_kept(
    text: &str,
    keep: &[String],
    pass: impl FnOnce(&str) -> crate::redaction::Redacted,
) -> crate::redaction::Redacted {
    let mut kept: Vec<(usize, &str)> = keep
        .iter()
        .map(String::as_str)
        .filter(|v| v.trim().chars().count() >= 3)
        .enumerate()
        .collect();
    kept.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
    let mut parked_text = text.to_string();
    for (i, value) in &kept {
        if let Some(slot) = parked(*i) {
            parked_text = replace_whole(&parked_text, value, slot);
        }
    }
    let mut out = pass(&parked_text);
    for (i, value) in &kept {
        if let Some(slot) = parked(*i) {
            out.text = out.text.replace(slot, value);
        }
    }
    out
}

/// `text` with every occurrence of `value` that stands as whole words
/// (`maria@x.org` in "to maria@x.org", not in "anamaria@x.org") replaced
/// by `slot`.
fn replace_whole(text: &str, value: &str, slot: char) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut before: Option<char> = None;
    while let Some(at) = rest.find(value) {
        let prev = rest[..at].chars().next_back().or(before);
        let next = rest[at + value.len()..].chars().next();
        let whole =
            !prev.is_some_and(char::is_alphanumeric) && !next.is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..at]);
        if whole {
            out.push(slot);
        } else {
            out.push_str(value);
        }
        before = value.chars().next_back();
        rest = &rest[at + value.len()..];
    }
    out.push_str(rest);
    out
}

/// Private-use characters of the input itself are dropped: they are
/// invisible, and the parking slots must be ours alone.
fn without_parking_slots(raw: &str) -> String {
    raw.chars()
        .filter(|c| !(PARK..PARK + PARK_SLOTS).contains(&u32::from(*c)))
        .collect()
}

impl ProviderSecrets {
    /// The provider's text: the client's secrets, then every client's of the
    /// workspace except what was disclosed on this task.
    pub fn text(&self, raw: &str) -> (ProviderText, Vec<Hidden>) {
        let raw = without_parking_slots(raw);
        let first = redact(&raw, &self.client);
        let second = with_kept(&first.text, &self.shown, |t| redact(t, &self.workspace));
        let mut hidden = first.hidden;
        hidden.extend(second.hidden);
        (ProviderText(second.text), hidden)
    }
}

/// What a redaction took out of `raw` to make `redacted`, in order: the
/// original text behind each mask, so a person can be told what will be
/// hidden ("Elena", "555 0177"), not only how much. Text around the masks
/// is unchanged by redaction; where it cannot be lined up, nothing is
/// claimed.
pub fn hidden_parts(raw: &str, redacted: &str) -> Vec<String> {
    let next_mask = |s: &str| {
        Hidden::ALL
            .iter()
            .filter_map(|k| s.find(k.mask()).map(|at| (at, k.mask().len())))
            .min()
    };
    let mut parts = Vec::new();
    let (mut out, mut src) = (redacted, raw);
    let Some((first, _)) = next_mask(out) else {
        return parts;
    };
    let Some(rest) = src.strip_prefix(&out[..first]) else {
        return parts;
    };
    src = rest;
    out = &out[first..];
    while let Some((0, len)) = next_mask(out) {
        out = &out[len..];
        let literal_end = next_mask(out).map_or(out.len(), |(at, _)| at);
        let literal = &out[..literal_end];
        let at = if literal.is_empty() {
            if literal_end == out.len() {
                src.len()
            } else {
                // Two masks side by side: their texts cannot be told apart.
                return parts;
            }
        } else {
            match src.find(literal) {
                Some(at) => at,
                None => return parts,
            }
        };
        let hidden = src[..at].trim();
        if !hidden.is_empty() && !parts.iter().any(|p| p == hidden) {
            parts.push(hidden.to_string());
        }
        src = &src[at + literal.len()..];
        out = &out[literal_end..];
    }
    parts
}

/// What the client lens hides from one client: every provider's name, now
/// and before (`providers`), and every other client's values (`others`),
/// but never the client's own values (`own`): a client reads their own name
/// even when another client shares a part of it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSecrets {
    pub providers: Secrets,
    pub others: Secrets,
    pub own: Vec<String>,
}

/// Sanitized HTML a provider may read, rendered from a `ProviderText`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ProviderHtml(String);

impl ProviderHtml {
    /// Renders already redacted Markdown with a sanitizing renderer (the
    /// server's pulldown-cmark + ammonia).
    pub fn render(text: &ProviderText, to_safe_html: impl Fn(&str) -> String) -> Self {
        ProviderHtml(to_safe_html(text.as_str()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Plain text a client may read in the portal: signed by the business, with
/// no provider's name or contact detail in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClientText(String);

impl ClientText {
    /// Redacts `text` with the client lens's secrets: contact details, the
    /// providers' names, other clients' values. Only the client lens calls
    /// this.
    pub fn redacted(text: &str, secrets: &ClientSecrets) -> (Self, Vec<Hidden>) {
        Self::made(text, secrets, redact)
    }

    /// Masks only the secrets (providers' names, other clients' values):
    /// contact details stay, for text the business signs, and for a
    /// provider's text an owner approved knowing what it held. Only the
    /// client lens calls this.
    pub fn values_masked(text: &str, secrets: &ClientSecrets) -> (Self, Vec<Hidden>) {
        Self::made(text, secrets, crate::redaction::redact_values_only)
    }

    fn made(
        text: &str,
        secrets: &ClientSecrets,
        first_pass: impl Fn(&str, &Secrets) -> crate::redaction::Redacted,
    ) -> (Self, Vec<Hidden>) {
        let raw = without_parking_slots(text);
        let first = first_pass(&raw, &secrets.providers);
        let second = with_kept(&first.text, &secrets.own, |t| {
            crate::redaction::redact_values_only(t, &secrets.others)
        });
        let mut hidden = first.hidden;
        hidden.extend(second.hidden);
        (ClientText(second.text), hidden)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Sanitized HTML a client may read, rendered from a `ClientText`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClientHtml(String);

impl ClientHtml {
    /// Renders Markdown the client lens already made with a sanitizing
    /// renderer (the server's pulldown-cmark + ammonia).
    pub fn render(text: &ClientText, to_safe_html: impl Fn(&str) -> String) -> Self {
        ClientHtml(to_safe_html(text.as_str()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! text_impls {
    ($($t:ty),*) => {$(
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}
text_impls!(ProviderText, ProviderHtml, ClientText, ClientHtml);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::redaction::ValueKind;

    #[test]
    fn provider_text_is_always_redacted() {
        let secrets = Secrets::new().with(ValueKind::Name, "Maria Gomez");
        let secrets = ProviderSecrets {
            client: secrets,
            ..ProviderSecrets::default()
        };
        let (text, hidden) = secrets.text("Call Maria Gomez on 555 014 2233 today");
        assert!(!text.as_str().contains("Maria Gomez"));
        assert!(!text.as_str().contains("2233"));
        assert_eq!(hidden.len(), 2);
    }

    #[test]
    fn every_client_of_the_workspace_is_hidden_but_what_this_task_disclosed() {
        let secrets = ProviderSecrets {
            client: Secrets::new().with(ValueKind::Date, "1984-03-27"),
            workspace: Secrets::new()
                .with(ValueKind::Name, "Juan Gomez")
                .with(ValueKind::Name, "Jane Doe")
                .with(ValueKind::Date, "1984-03-27")
                .with(ValueKind::Text, "Allergic to penicillin since 2001."),
            shown: vec!["Juan Gomez".into()],
        };
        let (text, hidden) = secrets.text(
            "Juan Gomez (born 1984-03-27) was referred by Jane Doe. Allergic to penicillin since 2001.",
        );
        assert!(
            text.as_str()
                .starts_with("Juan Gomez (born [client detail hidden]"),
            "{text}"
        );
        assert!(!text.as_str().contains("Jane Doe"), "{text}");
        assert!(!text.as_str().contains("penicillin"), "{text}");
        assert_eq!(hidden.len(), 3, "{text}");
    }

    #[test]
    fn client_text_masks_other_clients_but_never_the_clients_own_name() {
        let secrets = ClientSecrets {
            providers: Secrets::new(),
            others: Secrets::new()
                .with(ValueKind::Name, "Maria Lopez")
                .with(ValueKind::Name, "Ana Gomez Lopez")
                .with(ValueKind::Text, "Recovering from knee surgery."),
            own: vec!["James Gomez".into(), "Gomez".into()],
        };
        let (text, _) = ClientText::values_masked(
            "Dear Mr Gomez, James Gomez: about Maria Lopez, recovering from knee surgery.",
            &secrets,
        );
        assert!(
            text.as_str().starts_with("Dear Mr Gomez, James Gomez"),
            "{text}"
        );
        assert!(!text.as_str().contains("Maria"), "{text}");
        assert!(!text.as_str().contains("knee"), "{text}");
        // Another client's address that holds the client's own is theirs.
        let secrets = ClientSecrets {
            others: Secrets::new().with(ValueKind::Other, "anamaria@x.org"),
            own: vec!["maria@x.org".into()],
            ..ClientSecrets::default()
        };
        let (text, _) =
            ClientText::values_masked("mine maria@x.org, hers anamaria@x.org", &secrets);
        assert!(text.as_str().contains("mine maria@x.org"), "{text}");
        assert!(!text.as_str().contains("anamaria"), "{text}");
    }

    #[test]
    fn client_text_for_the_business_keeps_contact_details_but_never_a_providers_name() {
        let secrets = ClientSecrets {
            providers: Secrets::new().with(ValueKind::Name, "Ava Reyes"),
            ..ClientSecrets::default()
        };
        let (text, hidden) =
            ClientText::values_masked("Ava Reyes is on it; call us on 555 014 2233", &secrets);
        assert!(!text.as_str().contains("Ava"), "{text}");
        assert!(text.as_str().contains("555 014 2233"), "{text}");
        assert_eq!(hidden, vec![crate::redaction::Hidden::ClientDetail]);
        let (masked, _) = ClientText::redacted("call 555 014 2233", &secrets);
        assert!(!masked.as_str().contains("2233"));
    }

    #[test]
    fn the_hidden_parts_are_told_by_name() {
        let secrets = ProviderSecrets {
            client: Secrets::new().with(ValueKind::NamePart, "Elena"),
            ..ProviderSecrets::default()
        };
        let raw = "Call Elena on 503 555 0177, then Elena's sister.";
        let (text, _) = secrets.text(raw);
        assert_eq!(
            hidden_parts(raw, text.as_str()),
            vec!["Elena".to_string(), "503 555 0177".to_string()]
        );
        assert!(hidden_parts("nothing", "nothing").is_empty());
    }

    #[test]
    fn html_is_rendered_from_redacted_text_only() {
        let (text, _) = ProviderSecrets::default().text("write to a@b.com");
        let html = ProviderHtml::render(&text, |t| format!("<p>{t}</p>"));
        assert_eq!(html.as_str(), "<p>write to [email hidden]</p>");
    }
}
