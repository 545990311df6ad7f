//! Clients as owners see them, and the rules for what of a client may ever
//! reach a provider (R1). Providers never receive these types: theirs are in
//! `crate::provider`.

use crate::account::FieldError;
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

/// What an owner types for a client's built-in fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientInput {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub address: String,
    pub date_of_birth: String,
    pub notes: String,
}

/// `ClientInput` once checked: trimmed, empty optional fields as `None`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidClient {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub date_of_birth: Option<String>,
    pub notes: Option<String>,
}

fn optional(raw: &str) -> Option<String> {
    let t = raw.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn too_long(field: &str, value: &Option<String>, max: usize, errors: &mut Vec<FieldError>) {
    if value.as_ref().is_some_and(|v| v.chars().count() > max) {
        errors.push(FieldError::new(
            field,
            format!("Keep this under {max} characters."),
        ));
    }
}

impl ClientInput {
    pub fn validate(&self) -> Result<ValidClient, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim().to_string();
        if name.is_empty() {
            errors.push(FieldError::new("name", "Enter the client's name."));
        } else if name.chars().count() > 200 {
            errors.push(FieldError::new(
                "name",
                "Keep the name under 200 characters.",
            ));
        }
        let email = optional(&self.email);
        if let Some(e) = &email {
            if crate::account::Email::parse(e).is_err() {
                errors.push(FieldError::new(
                    "email",
                    "Enter an e-mail address such as name@example.com, or leave it empty.",
                ));
            }
        }
        let phone = optional(&self.phone);
        if let Some(p) = &phone {
            if !phone_shaped(p) {
                errors.push(FieldError::new(
                    "phone",
                    "Enter a phone number of 7 to 15 digits, such as +1 555 010 2030, or leave it empty.",
                ));
            }
        }
        let address = optional(&self.address);
        too_long("address", &address, 500, &mut errors);
        let date_of_birth = optional(&self.date_of_birth);
        if let Some(d) = &date_of_birth {
            if !date_shaped(d) {
                errors.push(FieldError::new(
                    "date_of_birth",
                    "Enter the date as year-month-day, such as 1984-03-27, or leave it empty.",
                ));
            }
        }
        let notes = optional(&self.notes);
        too_long("notes", &notes, 5000, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ValidClient {
            name,
            email: email.map(|e| e.to_lowercase()),
            phone,
            address,
            date_of_birth,
            notes,
        })
    }
}

fn phone_shaped(p: &str) -> bool {
    let digits = p.chars().filter(char::is_ascii_digit).count();
    (7..=15).contains(&digits)
        && p.chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
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

/// A custom field as typed: label, value, kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidCustomField {
    pub label: String,
    pub value: String,
    pub kind: FieldKind,
}

pub fn validate_custom_field(
    label: &str,
    value: &str,
    kind: &str,
) -> Result<ValidCustomField, Vec<FieldError>> {
    let mut errors = Vec::new();
    let label = label.trim().to_string();
    let value = value.trim().to_string();
    if label.is_empty() {
        errors.push(FieldError::new(
            "label",
            "Name the field, such as \"Insurance plan\".",
        ));
    } else if label.chars().count() > 80 {
        errors.push(FieldError::new(
            "label",
            "Keep the field name under 80 characters.",
        ));
    }
    if value.is_empty() {
        errors.push(FieldError::new("value", "Enter a value."));
    } else if value.chars().count() > 1000 {
        errors.push(FieldError::new(
            "value",
            "Keep the value under 1000 characters.",
        ));
    }
    let kind = FieldKind::parse(kind);
    if kind.is_none() {
        errors.push(FieldError::new(
            "kind",
            "Choose what kind of information this is.",
        ));
    }
    match kind {
        Some(kind) if errors.is_empty() => Ok(ValidCustomField { label, value, kind }),
        _ => Err(errors),
    }
}

/// A custom field on the owner's client page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomField {
    pub field_id: i64,
    pub label: String,
    pub value: String,
    pub kind: FieldKind,
}

/// One row of the owner's client list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSummary {
    pub client_id: i64,
    pub alias: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub erased: bool,
}

/// A page of the client list. `has_more` instead of a total: counting the
/// whole table for every page would grow with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientPage {
    pub clients: Vec<ClientSummary>,
    pub page: u32,
    pub has_more: bool,
}

pub const CLIENTS_PER_PAGE: u32 = 25;

/// The whole record, for its owners.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientRecord {
    pub client_id: i64,
    pub alias: String,
    pub input: ClientInput,
    pub custom: Vec<CustomField>,
    pub erased: bool,
    pub tasks: Vec<crate::task::TaskLine>,
}

impl ClientRecord {
    /// Every field that has a value, with its kind, as the disclosure picker
    /// offers them.
    pub fn fields(&self) -> Vec<(ClientField, String, FieldKind, String)> {
        let i = &self.input;
        let built_in = [
            (ClientField::Name, &i.name),
            (ClientField::Email, &i.email),
            (ClientField::Phone, &i.phone),
            (ClientField::Address, &i.address),
            (ClientField::DateOfBirth, &i.date_of_birth),
            (ClientField::Notes, &i.notes),
        ];
        let mut out: Vec<_> = built_in
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .filter_map(|(f, v)| {
                Some((
                    f,
                    f.built_in_label()?.to_string(),
                    f.built_in_kind()?,
                    v.clone(),
                ))
            })
            .collect();
        out.extend(self.custom.iter().map(|c| {
            (
                ClientField::Custom(c.field_id),
                c.label.clone(),
                c.kind,
                c.value.clone(),
            )
        }));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_is_never_disclosable_and_sensitive_kinds_need_confirmation() {
        assert!(!FieldKind::Contact.disclosable());
        for k in [
            FieldKind::Identity,
            FieldKind::General,
            FieldKind::Health,
            FieldKind::Payment,
        ] {
            assert!(k.disclosable());
        }
        assert!(FieldKind::Health.needs_confirmation());
        assert!(FieldKind::Payment.needs_confirmation());
        assert!(!FieldKind::Identity.needs_confirmation());
        for f in [ClientField::Email, ClientField::Phone, ClientField::Address] {
            assert_eq!(f.built_in_kind(), Some(FieldKind::Contact));
        }
    }

    #[test]
    fn field_keys_round_trip() {
        for f in ClientField::BUILT_IN
            .into_iter()
            .chain([ClientField::Custom(42)])
        {
            assert_eq!(ClientField::parse_key(&f.key()), Some(f));
        }
        assert_eq!(ClientField::parse_key("custom:x"), None);
        assert_eq!(ClientField::parse_key("password"), None);
    }

    #[test]
    fn validation_names_each_bad_field_and_keeps_good_ones() {
        let input = ClientInput {
            name: "  ".into(),
            email: "maria@".into(),
            phone: "12".into(),
            date_of_birth: "1984-02-30".into(),
            ..Default::default()
        };
        let errors = input.validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "email", "phone", "date_of_birth"]);

        let ok = ClientInput {
            name: " Maria Gomez ".into(),
            email: "Maria@Example.com".into(),
            phone: "+1 (555) 010-2030".into(),
            date_of_birth: "1984-02-29".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.name, "Maria Gomez");
        assert_eq!(ok.email.as_deref(), Some("maria@example.com"));
        assert_eq!(ok.address, None);
    }

    #[test]
    fn dates_are_real_days() {
        assert!(date_shaped("2000-02-29"));
        assert!(!date_shaped("1900-02-29"));
        assert!(!date_shaped("2023-13-01"));
        assert!(!date_shaped("23-01-01"));
    }

    #[test]
    fn custom_fields_need_label_value_and_kind() {
        assert!(validate_custom_field("Insurance", "Aetna", "health").is_ok());
        let e = validate_custom_field("", "", "secret").unwrap_err();
        assert_eq!(e.len(), 3);
    }
}
