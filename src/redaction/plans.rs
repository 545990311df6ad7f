//! Numbering plans. Two questions the phone scanner cannot answer from a
//! number's shape:
//!
//! - after `+` or `00`, is there a country at all? (The ITU's assigned
//!   calling codes, from libphonenumber's metadata: small enough for the
//!   browser's copy of the engine.)
//! - is a number written the local way a real number where this workspace
//!   works, or where its client lives? (`20123456` is a Danish mobile and
//!   nothing in Germany.) This needs the whole metadata, so it is answered on
//!   the server, through the `phonenumber` crate (feature
//!   `numbering-plans`), where the owner's preview is computed too.
//!
//! The regions come with the secrets (`Secrets::regions`): the
//! workspace's country (from its time zone) and the client's (from their
//! phone number).

/// Country calling codes in use (libphonenumber 9.0.33).
const CALLING_CODES: &str = "1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98 211 212 213 216 218 220 221 222 223 224 225 226 227 228 229 230 231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 247 248 249 250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 266 267 268 269 290 291 297 298 299 350 351 352 353 354 355 356 357 358 359 370 371 372 373 374 375 376 377 378 380 381 382 383 385 386 387 389 420 421 423 500 501 502 503 504 505 506 507 508 509 590 591 592 593 594 595 596 597 598 599 670 672 673 674 675 676 677 678 679 680 681 682 683 685 686 687 688 689 690 691 692 800 808 850 852 853 855 856 870 878 880 881 882 883 886 888 960 961 962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 979 992 993 994 995 996 998";

/// True when `digits` (what follows `+` or `00`) starts with an assigned
/// country calling code.
pub(crate) fn assigned_code(digits: &str) -> bool {
    (1..=3).any(|n| {
        digits.len() > n
            && CALLING_CODES
                .split(' ')
                .any(|c| c.len() == n && digits.starts_with(c))
    })
}

/// True when `digits`, written the national way, is a valid number (fixed
/// line, mobile, toll-free…) in one of `regions` (ISO 3166 codes).
/// Where the plan has a trunk prefix (Germany's `0`), a number written the
/// national way carries it: `20123456` is no German number as written.
#[cfg(feature = "numbering-plans")]
pub(crate) fn valid_in(digits: &str, regions: &[String]) -> bool {
    use phonenumber::metadata::DATABASE;
    regions.iter().any(|r| {
        let trunk = DATABASE
            .by_id(r.as_str())
            .and_then(|m| m.national_prefix())
            .is_none_or(|p| digits.starts_with(p));
        trunk
            && r.parse::<phonenumber::country::Id>()
                .ok()
                .and_then(|id| phonenumber::parse(Some(id), digits).ok())
                .is_some_and(|n| n.is_valid())
    })
}

#[cfg(not(feature = "numbering-plans"))]
pub(crate) fn valid_in(_digits: &str, _regions: &[String]) -> bool {
    false
}

/// The country of a phone number written in full (`+45 20 12 34 56`), or
/// in the national way of `default`.
#[cfg(feature = "numbering-plans")]
pub fn region_of_phone(phone: &str, default: Option<&str>) -> Option<String> {
    let default = default.and_then(|d| d.parse::<phonenumber::country::Id>().ok());
    let number = phonenumber::parse(default, phone).ok()?;
    number.country().id().map(|id| id.as_ref().to_string())
}

/// The country of a time zone (`Europe/Copenhagen` is `DK`), from the tz
/// database's `zone.tab` and its links.
pub fn region_of_zone(zone: &str) -> Option<&'static str> {
    include_str!("../zone_regions.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| l.strip_prefix(zone)?.strip_prefix(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calling_codes_and_zones() {
        assert!(assigned_code("4930123456"));
        assert!(assigned_code("35312345678"));
        assert!(!assigned_code("8091234567"), "no country has 80");
        assert_eq!(region_of_zone("Europe/Copenhagen"), Some("DK"));
        assert_eq!(region_of_zone("Asia/Calcutta"), Some("IN"));
        assert_eq!(region_of_zone("Europe/Nowhere"), None);
    }

    #[cfg(feature = "numbering-plans")]
    #[test]
    fn national_numbers_are_read_in_their_regions() {
        let dk = ["DK".to_string()];
        assert!(valid_in("20123456", &dk));
        assert!(
            !valid_in("20123456", &["DE".to_string()]),
            "written without Germany's 0"
        );
        assert!(valid_in("03012345678", &["DE".to_string()]));
        assert!(!valid_in("12345678", &dk), "no Danish number starts with 1");
        assert_eq!(
            region_of_phone("+45 20 12 34 56", None).as_deref(),
            Some("DK")
        );
        assert_eq!(
            region_of_phone("030 1234567", Some("DE")).as_deref(),
            Some("DE")
        );
    }

    #[cfg(feature = "numbering-plans")]
    #[test]
    fn the_regions_of_the_secrets_decide_a_bare_local_number() {
        use crate::redaction::{redact, Secrets};
        let text = "Ask the neighbour, 31234567, for the key";
        let mut danish = Secrets::new();
        danish.add_region("DK");
        assert_eq!(
            redact(text, &danish).text,
            "Ask the neighbour, [phone hidden], for the key"
        );
        assert_eq!(redact(text, &Secrets::new()).text, text);
    }

    #[test]
    fn after_a_plus_a_country_must_exist() {
        use crate::redaction::{redact, Secrets};
        let none = Secrets::new();
        assert_eq!(
            redact("Code +80 1234 5678 9", &none).text,
            "Code +80 1234 5678 9"
        );
        assert_eq!(
            redact("Call +45 3123 4567", &none).text,
            "Call [phone hidden]"
        );
    }
}
