//! The words of every message, in each language mail is written in. A
//! template names what goes into it (`{business}`, `{task}`, …); `fill`
//! puts the values in once, so a value that looks like a placeholder stays
//! as it was typed.

mod de;
mod en;
mod es;
mod fr;
mod pt;

use handoff::{Language, NotifyKind};

/// A subject, a line and the words of the link.
pub(crate) struct Said3 {
    pub subject: &'static str,
    pub line: &'static str,
    pub action: &'static str,
}

/// A subject and a line (the link's words are shared).
pub(crate) struct Said2 {
    pub subject: &'static str,
    pub line: &'static str,
}

pub(crate) struct Words {
    pub hello: &'static str,
    pub or_open: &'static str,
    pub someone: &'static str,
    pub a_client: &'static str,
    /// `{n}`: a task's number, inside a sentence.
    pub task: &'static str,
    /// The same, starting a sentence.
    pub task_first: &'static str,
    /// How a date and time is written (chrono's format).
    pub date_format: &'static str,
    // Owners.
    pub relay_waiting: Said3,
    pub task_overdue: Said3,
    pub work_submitted: Said3,
    pub client_replied: Said3,
    // Providers.
    pub task_assigned: Said2,
    pub changes_requested: Said2,
    pub relay_decided: Said2,
    pub team_message: Said2,
    pub open_task: &'static str,
    // Clients: `{business}` only.
    pub client_message: Said3,
    /// `{setting}`, `{link}`.
    pub because: &'static str,
    /// Each kind's setting, in the order of `NotifyKind::ALL`.
    pub kinds: [&'static str; 9],
    // The digest.
    pub digest_subject_one: &'static str,
    pub digest_subject_many: &'static str,
    pub digest_intro: &'static str,
    pub digest_after: &'static str,
    pub open_handoff: &'static str,
    // Password reset.
    pub reset_subject: &'static str,
    pub reset_intro: &'static str,
    pub reset_action: &'static str,
    pub reset_expires: &'static str,
    pub reset_not_you: &'static str,
    // Invitation.
    pub invitation_subject: &'static str,
    pub invitation_line: &'static str,
    pub as_owner: &'static str,
    pub as_provider: &'static str,
    pub invitation_action: &'static str,
    pub invitation_after: &'static str,
    // A client's portal link.
    pub portal_subject: &'static str,
    pub portal_line: &'static str,
    pub portal_action: &'static str,
    pub portal_after: &'static str,
}

impl Words {
    /// The words of a kind's setting, in this language.
    pub fn kind(&self, kind: NotifyKind) -> &'static str {
        let i = NotifyKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        self.kinds[i]
    }
}

pub(crate) fn words(language: Language) -> &'static Words {
    match language {
        Language::English => &en::WORDS,
        Language::Spanish => &es::WORDS,
        Language::Portuguese => &pt::WORDS,
        Language::French => &fr::WORDS,
        Language::German => &de::WORDS,
    }
}

/// `template` with each `{name}` replaced by its value; an unknown name
/// stays as written. Values are never scanned again.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_that_looks_like_a_placeholder_stays_as_typed() {
        let filled = fill(
            "{by} gave you {task}.",
            &[("by", "{task}"), ("task", "task #4")],
        );
        assert_eq!(filled, "{task} gave you task #4.");
        assert_eq!(fill("{unknown} and {", &[]), "{unknown} and {");
    }

    /// Every template of every language names only what its English one
    /// names: a translation cannot drop the link or invent a value.
    #[test]
    fn every_language_fills_the_same_placeholders_as_english() {
        fn names(t: &str) -> Vec<String> {
            let mut v: Vec<String> = t
                .split('{')
                .skip(1)
                .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_string()))
                .collect();
            v.sort();
            v
        }
        fn all(w: &Words) -> Vec<&'static str> {
            let mut v = vec![
                w.hello,
                w.or_open,
                w.someone,
                w.a_client,
                w.task,
                w.task_first,
                w.open_task,
                w.because,
                w.digest_subject_one,
                w.digest_subject_many,
                w.digest_intro,
                w.digest_after,
                w.open_handoff,
                w.reset_subject,
                w.reset_intro,
                w.reset_action,
                w.reset_expires,
                w.reset_not_you,
                w.invitation_subject,
                w.invitation_line,
                w.as_owner,
                w.as_provider,
                w.invitation_action,
                w.invitation_after,
                w.portal_subject,
                w.portal_line,
                w.portal_action,
                w.portal_after,
            ];
            for s in [
                &w.relay_waiting,
                &w.task_overdue,
                &w.work_submitted,
                &w.client_replied,
                &w.client_message,
            ] {
                v.extend([s.subject, s.line, s.action]);
            }
            for s in [
                &w.task_assigned,
                &w.changes_requested,
                &w.relay_decided,
                &w.team_message,
            ] {
                v.extend([s.subject, s.line]);
            }
            v.extend(w.kinds);
            v
        }
        let english = all(words(Language::English));
        for language in Language::ALL {
            let theirs = all(words(*language));
            assert_eq!(theirs.len(), english.len());
            for (mine, en) in theirs.iter().zip(&english) {
                assert_eq!(names(mine), names(en), "{language:?}: {mine}");
                assert!(!mine.trim().is_empty(), "{language:?}: an empty text");
            }
        }
    }
}
