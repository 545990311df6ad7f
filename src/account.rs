//! Members and what they type to become one: e-mail, password, name.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A message for one form field, shown beside it and announced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Owner,
    Provider,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Provider => "provider",
        }
    }

    /// The role as a word in a sentence: "signed in as owner".
    pub fn noun(self) -> &'static str {
        self.as_str()
    }

    pub fn parse(raw: &str) -> Option<Role> {
        match raw {
            "owner" => Some(Role::Owner),
            "provider" => Some(Role::Provider),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Owner => "Owner",
            Role::Provider => "Provider",
        })
    }
}

/// An e-mail address, trimmed and lower-cased so one person has one account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let email = raw.trim().to_lowercase();
        let err = || FieldError::new("email", "Enter an e-mail address such as name@example.com.");
        if email.is_empty() {
            return Err(FieldError::new("email", "Enter your e-mail address."));
        }
        if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(err());
        }
        let (local, domain) = email.rsplit_once('@').ok_or_else(err)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.contains('@');
        if local.is_empty() || local.len() > 64 || !domain_ok {
            return Err(err());
        }
        Ok(Self(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password's shape: 8 to 128 characters. (The server also refuses
/// the 10,000 most common passwords; that list stays out of the browser.)
pub fn check_password_shape(password: &str) -> Result<(), FieldError> {
    let count = password.chars().count();
    if count < 8 {
        return Err(FieldError::new(
            "password",
            "Use at least 8 characters; a short sentence is easy to remember.",
        ));
    }
    if count > 128 {
        return Err(FieldError::new("password", "Use 128 characters or fewer."));
    }
    Ok(())
}

/// The name other members see, 1–60 characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let name: String = raw
            .trim()
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if name.is_empty() {
            return Err(FieldError::new(
                "display_name",
                "Enter the name your team will see.",
            ));
        }
        if name.chars().count() > 60 {
            return Err(FieldError::new(
                "display_name",
                "Keep the name to 60 characters or fewer.",
            ));
        }
        Ok(Self(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The signed-in member as their own pages show them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub member_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub time_zone: String,
    pub workspace_name: String,
    /// The workspace requires two-factor sign-in of owners and this owner
    /// has not set it up: nothing else is open to them until they do.
    pub two_factor_setup_needed: bool,
}

/// Two-factor sign-in as the member's account page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorStatus {
    pub enabled: bool,
    /// The workspace requires it of every owner.
    pub required_for_owners: bool,
    pub recovery_codes_left: i64,
    /// This owner must set it up before doing anything else.
    pub setup_needed: bool,
    /// The member may change the workspace's requirement (owners).
    pub can_require: bool,
    /// A key being set up, waiting for its first code.
    pub pending: Option<TwoFactorKey>,
    /// Recovery codes just made, shown this once.
    pub new_recovery_codes: Vec<String>,
}

/// An authenticator key: as text to type in, and as an `otpauth://` link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorKey {
    pub secret: String,
    pub otpauth_url: String,
    /// The same link as a QR code: an inline `<svg>` drawn by the server.
    pub qr_svg: String,
}

/// A member as owners see them on the team page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSummary {
    pub member_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub time_zone: String,
    pub active: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Revoked,
    Expired,
}

impl fmt::Display for InvitationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InvitationStatus::Pending => "Waiting",
            InvitationStatus::Accepted => "Joined",
            InvitationStatus::Revoked => "Revoked",
            InvitationStatus::Expired => "Expired",
        })
    }
}

/// An invitation as owners see it; the link itself is shown once, at creation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationSummary {
    pub invitation_id: i64,
    pub email: String,
    pub role: Role,
    pub status: InvitationStatus,
    /// UTC milliseconds.
    pub expires_at: i64,
}

/// What the holder of an invitation link sees before accepting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPreview {
    pub workspace_name: String,
    pub email: String,
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::parse("  Owner@Demo.Test ").unwrap().as_str(),
            "owner@demo.test"
        );
    }

    #[test]
    fn malformed_emails_are_refused_on_the_email_field() {
        for bad in [
            "",
            "owner",
            "owner@",
            "@demo.test",
            "a b@demo.test",
            "x@demo",
            "x@.test",
            "x@demo..test",
        ] {
            let err = Email::parse(bad).unwrap_err();
            assert_eq!(err.field, "email", "{bad:?}");
        }
    }

    #[test]
    fn passwords_need_8_to_128_characters() {
        assert!(check_password_shape("1234567").is_err());
        assert!(check_password_shape("12345678").is_ok());
        assert!(check_password_shape(&"é".repeat(128)).is_ok());
        assert!(check_password_shape(&"é".repeat(129)).is_err());
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse(" Ava ").unwrap().as_str(), "Ava");
        assert!(DisplayName::parse("  ").is_err());
        assert!(DisplayName::parse(&"a".repeat(61)).is_err());
    }

    #[test]
    fn roles_round_trip_through_their_stored_names() {
        for role in [Role::Owner, Role::Provider] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
    }
}
