//! The words of each message, as plain text and as simple HTML saying the
//! same. Every value put into HTML is escaped (`ammonia::clean_text`).
//!
//! What each audience may read is decided here: a member's mail holds their
//! own account's words and a link; a client's mail holds the business's
//! name and a link — never a provider's name, never a message's text.

use super::words::{fill, words, Words};
use super::{public_url, Outgoing};
use handoff::{Language, MailKind, Role};

/// Plain text and HTML of one message, with its one call to action.
struct Body<'a> {
    language: Language,
    greeting: &'a str,
    paragraphs: Vec<String>,
    /// Lines, each with its own link (a digest), after the paragraphs.
    list: Vec<(String, String)>,
    action: (&'a str, &'a str),
    after: Vec<String>,
    signature: &'a str,
}

impl Body<'_> {
    fn text(&self) -> String {
        let mut out = format!("{}\n\n", self.greeting);
        for p in &self.paragraphs {
            out.push_str(p);
            out.push_str("\n\n");
        }
        for (line, link) in &self.list {
            out.push_str(&format!("- {line}\n  {link}\n"));
        }
        if !self.list.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("{}:\n{}\n\n", self.action.0, self.action.1));
        for p in &self.after {
            out.push_str(p);
            out.push_str("\n\n");
        }
        out.push_str(&format!("— {}\n", self.signature));
        out
    }

    fn html(&self) -> String {
        let e = ammonia::clean_text;
        let mut out = format!(
            "<!doctype html><html lang=\"{}\"><body style=\"font-family:system-ui,sans-serif;\
             line-height:1.5;color:#1c2430;max-width:36rem\">",
            self.language.code()
        );
        out.push_str(&format!("<p>{}</p>", e(self.greeting)));
        for p in &self.paragraphs {
            out.push_str(&format!("<p>{}</p>", e(p)));
        }
        if !self.list.is_empty() {
            out.push_str("<ul>");
            for (line, link) in &self.list {
                out.push_str(&format!("<li><a href=\"{}\">{}</a></li>", e(link), e(line)));
            }
            out.push_str("</ul>");
        }
        out.push_str(&format!(
            "<p><a href=\"{}\" style=\"display:inline-block;padding:.6em 1.2em;\
             background:#1f5fbf;color:#fff;border-radius:6px;text-decoration:none\">{}</a></p>\
             <p style=\"font-size:.9em;color:#555\">{} {}</p>",
            e(self.action.1),
            e(self.action.0),
            e(words(self.language).or_open),
            e(self.action.1)
        ));
        for p in &self.after {
            out.push_str(&format!("<p>{}</p>", e(p)));
        }
        out.push_str(&format!("<p>— {}</p></body></html>", e(self.signature)));
        out
    }
}

fn outgoing(
    kind: MailKind,
    recipient: &str,
    subject: String,
    body: Body<'_>,
    dedupe_key: String,
) -> Outgoing {
    Outgoing {
        workspace_id: None,
        client_id: None,
        kind,
        recipient: recipient.to_string(),
        subject,
        text: body.text(),
        html: body.html(),
        dedupe_key,
        delay_ms: 0,
        unsubscribe: None,
        unless_read: None,
    }
}

/// An invitation to join a workspace; the link is the only copy besides the
/// owner's one-time view. In the business's language.
#[allow(clippy::too_many_arguments)]
pub(crate) fn invitation(
    language: Language,
    workspace_id: i64,
    invitation_id: i64,
    business: &str,
    inviter: &str,
    role: Role,
    recipient: &str,
    token: &str,
) -> Outgoing {
    let w = words(language);
    let link = format!("{}/invite/{token}", public_url());
    let as_what = match role {
        Role::Owner => w.as_owner,
        Role::Provider => w.as_provider,
    };
    let said = [
        ("inviter", inviter),
        ("business", business),
        ("role", as_what),
    ];
    let body = Body {
        language,
        greeting: w.hello,
        paragraphs: vec![fill(w.invitation_line, &said)],
        list: Vec::new(),
        action: (w.invitation_action, &link),
        after: vec![w.invitation_after.into()],
        signature: business,
    };
    Outgoing {
        workspace_id: Some(workspace_id),
        ..outgoing(
            MailKind::Invitation,
            recipient,
            fill(w.invitation_subject, &said),
            body,
            format!("invitation:{invitation_id}"),
        )
    }
}

/// A link to choose a new password. Its page shows a form; only sending
/// the form uses the token (mail scanners open links).
pub(crate) fn password_reset(
    language: Language,
    workspace_id: i64,
    recipient: &str,
    token: &str,
    token_hash: &str,
    minutes: i64,
) -> Outgoing {
    let w = words(language);
    let link = format!("{}/reset-password/{token}", public_url());
    let body = Body {
        language,
        greeting: w.hello,
        paragraphs: vec![w.reset_intro.into()],
        list: Vec::new(),
        action: (w.reset_action, &link),
        after: vec![
            fill(w.reset_expires, &[("minutes", &minutes.to_string())]),
            w.reset_not_you.into(),
        ],
        signature: "Handoff",
    };
    Outgoing {
        workspace_id: Some(workspace_id),
        ..outgoing(
            MailKind::PasswordReset,
            recipient,
            w.reset_subject.into(),
            body,
            format!("password_reset:{token_hash}"),
        )
    }
}

/// A client's portal link, from the business: signed with its name only,
/// in the business's language.
pub(crate) fn portal_link(
    language: Language,
    workspace_id: i64,
    client_id: i64,
    business: &str,
    recipient: &str,
    link: &str,
    link_id: &str,
) -> Outgoing {
    let w = words(language);
    let said = [("business", business)];
    let body = Body {
        language,
        greeting: w.hello,
        paragraphs: vec![fill(w.portal_line, &said)],
        list: Vec::new(),
        action: (w.portal_action, link),
        after: vec![w.portal_after.into()],
        signature: business,
    };
    Outgoing {
        workspace_id: Some(workspace_id),
        client_id: Some(client_id),
        ..outgoing(
            MailKind::PortalLink,
            recipient,
            fill(w.portal_subject, &said),
            body,
            format!("portal_link:{link_id}"),
        )
    }
}

/// What a notification says: one line, one link, and how to stop them.
pub(crate) struct Note<'a> {
    pub language: Language,
    pub subject: String,
    pub line: String,
    pub action: &'a str,
    /// A path on this site.
    pub path: String,
    pub signature: &'a str,
    /// Why the recipient gets it (the setting's words, in their language).
    pub because: &'a str,
}

/// A notification to `recipient`, with its one-click unsubscribe address.
pub(crate) fn notification(
    workspace_id: i64,
    recipient: &str,
    note: Note<'_>,
    unsubscribe: String,
    dedupe_key: String,
    delay_ms: i64,
) -> Outgoing {
    let w: &Words = words(note.language);
    let link = format!("{}{}", public_url(), note.path);
    let body = Body {
        language: note.language,
        greeting: w.hello,
        paragraphs: vec![note.line],
        list: Vec::new(),
        action: (note.action, &link),
        after: vec![fill(
            w.because,
            &[("setting", note.because), ("link", &unsubscribe)],
        )],
        signature: note.signature,
    };
    Outgoing {
        workspace_id: Some(workspace_id),
        delay_ms,
        unsubscribe: Some(unsubscribe),
        ..outgoing(
            MailKind::Notification,
            recipient,
            note.subject,
            body,
            dedupe_key,
        )
    }
}

/// One line of a digest: what happened, and the path it links to.
pub(crate) struct DigestLine {
    pub line: String,
    pub path: String,
}

/// A member's daily digest: every line since the last one, each with its
/// link, and one click to stop digests.
#[allow(clippy::too_many_arguments)]
pub(crate) fn digest(
    language: Language,
    workspace_id: i64,
    recipient: &str,
    day: &str,
    lines: Vec<DigestLine>,
    signature: &str,
    unsubscribe: String,
    dedupe_key: String,
) -> Outgoing {
    let w = words(language);
    let home = format!("{}/", public_url());
    let count = lines.len();
    let body = Body {
        language,
        greeting: w.hello,
        paragraphs: vec![fill(w.digest_intro, &[("day", day)])],
        list: lines
            .into_iter()
            .map(|l| (l.line, format!("{}{}", public_url(), l.path)))
            .collect(),
        action: (w.open_handoff, &home),
        after: vec![fill(w.digest_after, &[("link", &unsubscribe)])],
        signature,
    };
    let subject = match count {
        1 => w.digest_subject_one.to_string(),
        n => fill(w.digest_subject_many, &[("n", &n.to_string())]),
    };
    Outgoing {
        workspace_id: Some(workspace_id),
        unsubscribe: Some(unsubscribe),
        ..outgoing(MailKind::Notification, recipient, subject, body, dedupe_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_what_people_typed_and_says_what_the_text_says() {
        let mail = invitation(
            Language::English,
            1,
            7,
            "Tom & <b>Jerry</b>",
            "Ann \"A\"",
            Role::Provider,
            "p@example.com",
            "abc",
        );
        // ammonia escapes every character that could start markup (spaces too).
        assert!(mail.html.contains("&amp;"));
        assert!(mail.html.contains("&lt;b&gt;Jerry&lt;&#47;b&gt;"));
        assert!(!mail.html.contains("<b>Jerry"));
        assert!(mail.text.contains("Tom & <b>Jerry</b>"));
        assert!(mail.text.contains("/invite/abc"));
        // In an attribute the browser reads `&#47;` as `/`.
        assert!(mail.html.contains("&#47;invite&#47;abc"));
        assert_eq!(mail.dedupe_key, "invitation:7");
    }

    #[test]
    fn a_portal_link_names_the_business_only() {
        let mail = portal_link(
            Language::English,
            1,
            2,
            "Calm Therapy",
            "c@example.com",
            "https://h/p/x",
            "9",
        );
        assert!(mail.subject.contains("Calm Therapy"));
        assert!(mail.text.contains("https://h/p/x"));
        assert!(mail.text.ends_with("— Calm Therapy\n"));
        assert_eq!(mail.client_id, Some(2));
    }
}
