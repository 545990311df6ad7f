//! The words of each message, as plain text and as simple HTML saying the
//! same. Every value put into HTML is escaped (`ammonia::clean_text`).
//!
//! What each audience may read is decided here: a member's mail holds their
//! own account's words and a link; a client's mail holds the business's
//! name and a link — never a provider's name, never a message's text.

use super::{public_url, Outgoing};
use handoff::{MailKind, Role};

/// Plain text and HTML of one message, with its one call to action.
struct Body<'a> {
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
        let mut out = String::from(
            "<!doctype html><html><body style=\"font-family:system-ui,sans-serif;\
             line-height:1.5;color:#1c2430;max-width:36rem\">",
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
             <p style=\"font-size:.9em;color:#555\">Or open this address: {}</p>",
            e(self.action.1),
            e(self.action.0),
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
/// owner's one-time view.
pub(crate) fn invitation(
    workspace_id: i64,
    invitation_id: i64,
    business: &str,
    inviter: &str,
    role: Role,
    recipient: &str,
    token: &str,
) -> Outgoing {
    let link = format!("{}/invite/{token}", public_url());
    let as_what = match role {
        Role::Owner => "an owner",
        Role::Provider => "a provider",
    };
    let body = Body {
        greeting: "Hello,",
        paragraphs: vec![format!(
            "{inviter} invited you to join {business} on Handoff as {as_what}."
        )],
        list: Vec::new(),
        action: ("Accept the invitation", &link),
        after: vec![
            "The link works for 7 days and only once. If you did not expect this, ignore this e-mail: nothing happens.".into(),
        ],
        signature: business,
    };
    Outgoing {
        workspace_id: Some(workspace_id),
        ..outgoing(
            MailKind::Invitation,
            recipient,
            format!("{inviter} invited you to {business} on Handoff"),
            body,
            format!("invitation:{invitation_id}"),
        )
    }
}

/// A link to choose a new password. Its page shows a form; only sending
/// the form uses the token (mail scanners open links).
pub(crate) fn password_reset(
    workspace_id: i64,
    recipient: &str,
    token: &str,
    token_hash: &str,
    minutes: i64,
) -> Outgoing {
    let link = format!("{}/reset-password/{token}", public_url());
    let body = Body {
        greeting: "Hello,",
        paragraphs: vec![
            "Someone asked to reset the password of your Handoff account. If it was you, choose a new password here:".into(),
        ],
        list: Vec::new(),
        action: ("Choose a new password", &link),
        after: vec![
            format!("The link works for {minutes} minutes and only once. Choosing a new password signs you out everywhere else."),
            "If it was not you, ignore this e-mail: your password stays as it is.".into(),
        ],
        signature: "Handoff",
    };
    Outgoing {
        workspace_id: Some(workspace_id),
        ..outgoing(
            MailKind::PasswordReset,
            recipient,
            "Reset your Handoff password".into(),
            body,
            format!("password_reset:{token_hash}"),
        )
    }
}

/// A client's portal link, from the business: signed with its name only.
pub(crate) fn portal_link(
    workspace_id: i64,
    client_id: i64,
    business: &str,
    recipient: &str,
    link: &str,
    link_id: &str,
) -> Outgoing {
    let body = Body {
        greeting: "Hello,",
        paragraphs: vec![format!(
            "{business} shares a private page with you: your messages with {business}, and the work they do for you."
        )],
        list: Vec::new(),
        action: ("Open your page", link),
        after: vec![
            "Keep this e-mail: the link is your key to the page. Anyone who has it can read your messages, so do not forward it.".into(),
        ],
        signature: business,
    };
    Outgoing {
        workspace_id: Some(workspace_id),
        client_id: Some(client_id),
        ..outgoing(
            MailKind::PortalLink,
            recipient,
            format!("Your page with {business}"),
            body,
            format!("portal_link:{link_id}"),
        )
    }
}

/// What a notification says: one line, one link, and how to stop them.
pub(crate) struct Note<'a> {
    pub subject: String,
    pub line: String,
    pub action: &'a str,
    /// A path on this site.
    pub path: String,
    pub signature: &'a str,
    /// Why the recipient gets it (the setting's words).
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
    let link = format!("{}{}", public_url(), note.path);
    let body = Body {
        greeting: "Hello,",
        paragraphs: vec![note.line],
        list: Vec::new(),
        action: (note.action, &link),
        after: vec![format!(
            "You get this e-mail because \u{201c}{}\u{201d} is on. Turn it off with one click: {unsubscribe}",
            note.because
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
pub(crate) fn digest(
    workspace_id: i64,
    recipient: &str,
    day: &str,
    lines: Vec<DigestLine>,
    signature: &str,
    unsubscribe: String,
    dedupe_key: String,
) -> Outgoing {
    let home = format!("{}/", public_url());
    let count = lines.len();
    let body = Body {
        greeting: "Hello,",
        paragraphs: vec![format!(
            "What happened for you on Handoff until {day}:"
        )],
        list: lines
            .into_iter()
            .map(|l| (l.line, format!("{}{}", public_url(), l.path)))
            .collect(),
        action: ("Open Handoff", &home),
        after: vec![format!(
            "You get this digest because you chose it for some notifications. Stop it with one click: {unsubscribe}"
        )],
        signature,
    };
    let subject = match count {
        1 => "Your Handoff digest: 1 update".to_string(),
        n => format!("Your Handoff digest: {n} updates"),
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
        let mail = portal_link(1, 2, "Calm Therapy", "c@example.com", "https://h/p/x", "9");
        assert!(mail.subject.contains("Calm Therapy"));
        assert!(mail.text.contains("https://h/p/x"));
        assert!(mail.text.ends_with("— Calm Therapy\n"));
        assert_eq!(mail.client_id, Some(2));
    }
}
