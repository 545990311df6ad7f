//! A workspace: one business, the tenant that walls its data off from others.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WorkspaceError {
    #[error("Enter the business name your clients know you by.")]
    NameMissing,
    #[error("Keep the business name to 80 characters or fewer.")]
    NameTooLong,
    #[error("Use a three-letter currency code such as USD or EUR.")]
    CurrencyInvalid,
}

/// The business name shown to clients. Trimmed, 1–80 characters, no control
/// characters (they would break headers and e-mail subjects later).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceName(String);

impl WorkspaceName {
    pub const MAX_CHARS: usize = 80;

    pub fn parse(raw: &str) -> Result<Self, WorkspaceError> {
        let cleaned: String = raw
            .trim()
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if cleaned.is_empty() {
            return Err(WorkspaceError::NameMissing);
        }
        if cleaned.chars().count() > Self::MAX_CHARS {
            return Err(WorkspaceError::NameTooLong);
        }
        Ok(Self(cleaned))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for WorkspaceName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An ISO 4217 alphabetic code. Money is always held in integer minor units
/// of this currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrencyCode([u8; 3]);

impl CurrencyCode {
    pub fn parse(raw: &str) -> Result<Self, WorkspaceError> {
        let upper = raw.trim().to_ascii_uppercase();
        match upper.as_bytes() {
            [a, b, c] if [a, b, c].iter().all(|b| b.is_ascii_uppercase()) => Ok(Self([*a, *b, *c])),
            _ => Err(WorkspaceError::CurrencyInvalid),
        }
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII capitals get in through `parse`.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl fmt::Display for CurrencyCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_trimmed_and_kept() {
        let name = WorkspaceName::parse("  Bright Path Therapy ").unwrap();
        assert_eq!(name.as_str(), "Bright Path Therapy");
    }

    #[test]
    fn an_empty_or_blank_name_is_refused() {
        assert_eq!(WorkspaceName::parse(""), Err(WorkspaceError::NameMissing));
        assert_eq!(
            WorkspaceName::parse(" \t "),
            Err(WorkspaceError::NameMissing)
        );
    }

    #[test]
    fn a_name_over_80_characters_is_refused_but_80_is_kept() {
        let eighty = "é".repeat(80);
        assert!(WorkspaceName::parse(&eighty).is_ok());
        assert_eq!(
            WorkspaceName::parse(&format!("{eighty}x")),
            Err(WorkspaceError::NameTooLong)
        );
    }

    #[test]
    fn control_characters_become_spaces() {
        let name = WorkspaceName::parse("Acme\nRepairs").unwrap();
        assert_eq!(name.as_str(), "Acme Repairs");
    }

    #[test]
    fn currency_codes_are_three_ascii_letters() {
        assert_eq!(CurrencyCode::parse("usd").unwrap().as_str(), "USD");
        assert_eq!(CurrencyCode::parse(" EUR ").unwrap().to_string(), "EUR");
        for bad in ["", "US", "USDX", "U$D", "€UR", "12A"] {
            assert_eq!(
                CurrencyCode::parse(bad),
                Err(WorkspaceError::CurrencyInvalid),
                "{bad:?} should be refused"
            );
        }
    }
}
