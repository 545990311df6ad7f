//! The fields of a client record and their kinds: the vocabulary that
//! decides what of a client may ever reach a provider (R1). A leaf module:
//! clients, tasks and the redaction lens all speak it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of personal data a field holds. The kind decides whether it
/// may be disclosed to a provider at all, and with how much ceremony.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FieldKind {
    Contact,
    Identity,
    Health,
    Payment,
    General,
}

impl FieldKind {
    pub const ALL: [FieldKind; 5] = [
        FieldKind::General,
        FieldKind::Identity,
        FieldKind::Health,
        FieldKind::Payment,
        FieldKind::Contact,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Contact => "contact",
            FieldKind::Identity => "identity",
            FieldKind::Health => "health",
            FieldKind::Payment => "payment",
            FieldKind::General => "general",
        }
    }

    pub fn parse(raw: &str) -> Option<FieldKind> {
        FieldKind::ALL
            .into_iter()
            .find(|k| k.as_str() == raw.trim())
    }

    /// Contact details are never disclosed: a provider who holds them can
    /// take the client.
    pub fn disclosable(self) -> bool {
        self != FieldKind::Contact
    }

    /// Health and payment data go out only after an explicit, logged
    /// confirmation.
    pub fn needs_confirmation(self) -> bool {
        matches!(self, FieldKind::Health | FieldKind::Payment)
    }
}

impl fmt::Display for FieldKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FieldKind::Contact => "Contact",
            FieldKind::Identity => "Identity",
            FieldKind::Health => "Health",
            FieldKind::Payment => "Payment",
            FieldKind::General => "General",
        })
    }
}

/// One field of a client record, named the same way in forms, storage and
/// the audit log: `name`, `date_of_birth`, `custom:12`, …
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ClientField {
    Name,
    Email,
    Phone,
    Address,
    DateOfBirth,
    Notes,
    Custom(i64),
}

impl ClientField {
    pub const BUILT_IN: [ClientField; 6] = [
        ClientField::Name,
        ClientField::Email,
        ClientField::Phone,
        ClientField::Address,
        ClientField::DateOfBirth,
        ClientField::Notes,
    ];

    pub fn key(self) -> String {
        match self {
            ClientField::Name => "name".into(),
            ClientField::Email => "email".into(),
            ClientField::Phone => "phone".into(),
            ClientField::Address => "address".into(),
            ClientField::DateOfBirth => "date_of_birth".into(),
            ClientField::Notes => "notes".into(),
            ClientField::Custom(id) => format!("custom:{id}"),
        }
    }

    pub fn parse_key(raw: &str) -> Option<ClientField> {
        let raw = raw.trim();
        if let Some(id) = raw.strip_prefix("custom:") {
            return id.parse().ok().map(ClientField::Custom);
        }
        ClientField::BUILT_IN.into_iter().find(|f| f.key() == raw)
    }

    /// The kind of a built-in field; a custom field's kind is stored with it.
    pub fn built_in_kind(self) -> Option<FieldKind> {
        match self {
            ClientField::Name | ClientField::DateOfBirth => Some(FieldKind::Identity),
            ClientField::Email | ClientField::Phone | ClientField::Address => {
                Some(FieldKind::Contact)
            }
            ClientField::Notes => Some(FieldKind::General),
            ClientField::Custom(_) => None,
        }
    }

    pub fn built_in_label(self) -> Option<&'static str> {
        match self {
            ClientField::Name => Some("Name"),
            ClientField::Email => Some("Email"),
            ClientField::Phone => Some("Phone"),
            ClientField::Address => Some("Postal address"),
            ClientField::DateOfBirth => Some("Date of birth"),
            ClientField::Notes => Some("Notes"),
            ClientField::Custom(_) => None,
        }
    }
}

/// `YYYY-MM-DD`, a real calendar day between 1900 and 2100.
pub fn date_shaped(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let [y, m, day] = parts.as_slice() else {
        return false;
    };
    if y.len() != 4 || m.len() != 2 || day.len() != 2 {
        return false;
    }
    let (Ok(y), Ok(m), Ok(day)) = (y.parse::<u32>(), m.parse::<u32>(), day.parse::<u32>()) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2100).contains(&y) && (1..=days).contains(&day)
}
