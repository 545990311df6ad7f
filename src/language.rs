//! The languages Handoff writes its e-mail in. A member chooses theirs on
//! their account page; an invitation is in the inviting owner's, and mail
//! to a client in the business's (its first owner's).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Language {
    #[default]
    English,
    Spanish,
    Portuguese,
    French,
    German,
}

impl Language {
    pub const ALL: &'static [Language] = &[
        Language::English,
        Language::Spanish,
        Language::Portuguese,
        Language::French,
        Language::German,
    ];

    /// The BCP 47 code, as stored and as set in a message's
    /// `Content-Language`.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Spanish => "es",
            Language::Portuguese => "pt",
            Language::French => "fr",
            Language::German => "de",
        }
    }

    pub fn parse(code: &str) -> Option<Language> {
        Language::ALL.iter().copied().find(|l| l.code() == code)
    }

    /// The language's own name for itself, as a person looks for it.
    pub fn said(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::Spanish => "Español",
            Language::Portuguese => "Português",
            Language::French => "Français",
            Language::German => "Deutsch",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Language;

    #[test]
    fn every_language_reads_back_from_its_code() {
        for l in Language::ALL {
            assert_eq!(Language::parse(l.code()), Some(*l));
        }
        assert_eq!(Language::parse("xx"), None);
    }
}
