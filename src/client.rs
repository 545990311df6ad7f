//! Clients as owners see them, and the rules for what of a client may ever
//! reach a provider (R1). Providers never receive these types: theirs are in
//! `crate::provider`.

use crate::account::FieldError;
pub use crate::field::{date_shaped, ClientField, FieldKind};
use serde::{Deserialize, Serialize};

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

/// A custom field as typed: label, value, kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidCustomField {
    pub label: String,
    pub value: String,
    pub kind: FieldKind,
}

/// The calendar date (`YYYY-MM-DD`) of a Unix instant in milliseconds, UTC.
pub fn utc_date(ms: i64) -> String {
    // Howard Hinnant's civil_from_days: exact for every proleptic Gregorian day.
    let z = ms.div_euclid(86_400_000) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

impl ClientInput {
    /// `validate`, at `now_ms`: a date of birth that has not come yet
    /// anywhere on Earth (the first day to begin is at UTC+14) is a typo.
    pub fn validate_at(&self, now_ms: i64) -> Result<ValidClient, Vec<FieldError>> {
        let client = self.validate()?;
        let latest_today = utc_date(now_ms + 14 * 3_600_000);
        match &client.date_of_birth {
            Some(born) if born.as_str() > latest_today.as_str() => Err(vec![FieldError::new(
                "date_of_birth",
                "This date of birth is in the future. Check the year, or leave it empty.",
            )]),
            _ => Ok(client),
        }
    }
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

    #[test]
    fn a_date_of_birth_to_come_is_refused() {
        assert_eq!(super::utc_date(0), "1970-01-01");
        assert_eq!(super::utc_date(951_782_400_000), "2000-02-29");
        assert_eq!(super::utc_date(-86_400_000), "1969-12-31");
        // 2026-12-08 12:00 UTC: already 02:00 on the 9th in Kiribati (UTC+14).
        let now = 1_796_731_200_000;
        assert_eq!(super::utc_date(now), "2026-12-08");
        let born = |d: &str| ClientInput {
            name: "Maria Gomez".into(),
            date_of_birth: d.into(),
            ..ClientInput::default()
        };
        assert!(born("2090-01-01").validate_at(now).is_err());
        assert!(born("2026-12-09").validate_at(now).is_ok());
        assert!(born("2026-12-10").validate_at(now).is_err());
        assert!(born("1984-03-27").validate_at(now).is_ok());
        assert!(born("").validate_at(now).is_ok());
    }
}
