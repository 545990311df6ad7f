//! Time zones as people type them. The pickers offer IANA names, but a
//! person types "Chicago", "new york", "São Paulo", "Eastern Time" or
//! "UTC+2": each is read as the zone it plainly means, and stored by its
//! IANA name. What is not plainly one zone is refused.

use chrono_tz::{Tz, TZ_VARIANTS};

/// Names people use for a zone that are not a city in its IANA name:
/// regions, countries, and abbreviations common in e-mail signatures.
/// Where an abbreviation is shared (IST), the most common reading wins.
const COMMON_NAMES: &[(&str, &str)] = &[
    ("eastern", "America/New_York"),
    ("eastern time", "America/New_York"),
    ("et", "America/New_York"),
    ("est", "America/New_York"),
    ("edt", "America/New_York"),
    ("central", "America/Chicago"),
    ("central time", "America/Chicago"),
    ("ct", "America/Chicago"),
    ("cst", "America/Chicago"),
    ("cdt", "America/Chicago"),
    ("mountain", "America/Denver"),
    ("mountain time", "America/Denver"),
    ("mt", "America/Denver"),
    ("mst", "America/Denver"),
    ("mdt", "America/Denver"),
    ("arizona", "America/Phoenix"),
    ("pacific", "America/Los_Angeles"),
    ("pacific time", "America/Los_Angeles"),
    ("pt", "America/Los_Angeles"),
    ("pst", "America/Los_Angeles"),
    ("pdt", "America/Los_Angeles"),
    ("alaska", "America/Anchorage"),
    ("akst", "America/Anchorage"),
    ("hawaii", "Pacific/Honolulu"),
    ("hst", "Pacific/Honolulu"),
    ("atlantic", "America/Halifax"),
    ("atlantic time", "America/Halifax"),
    ("newfoundland", "America/St_Johns"),
    ("gmt", "UTC"),
    ("utc", "UTC"),
    ("z", "UTC"),
    ("uk", "Europe/London"),
    ("united kingdom", "Europe/London"),
    ("britain", "Europe/London"),
    ("england", "Europe/London"),
    ("bst", "Europe/London"),
    ("ireland", "Europe/Dublin"),
    ("portugal", "Europe/Lisbon"),
    ("spain", "Europe/Madrid"),
    ("france", "Europe/Paris"),
    ("germany", "Europe/Berlin"),
    ("deutschland", "Europe/Berlin"),
    ("netherlands", "Europe/Amsterdam"),
    ("holland", "Europe/Amsterdam"),
    ("italy", "Europe/Rome"),
    ("poland", "Europe/Warsaw"),
    ("sweden", "Europe/Stockholm"),
    ("turkey", "Europe/Istanbul"),
    ("türkiye", "Europe/Istanbul"),
    ("cet", "Europe/Paris"),
    ("cest", "Europe/Paris"),
    ("central european time", "Europe/Paris"),
    ("eet", "Europe/Athens"),
    ("ukraine", "Europe/Kyiv"),
    ("kiev", "Europe/Kyiv"),
    ("india", "Asia/Kolkata"),
    ("ist", "Asia/Kolkata"),
    ("bombay", "Asia/Kolkata"),
    ("mumbai", "Asia/Kolkata"),
    ("delhi", "Asia/Kolkata"),
    ("new delhi", "Asia/Kolkata"),
    ("bangalore", "Asia/Kolkata"),
    ("bengaluru", "Asia/Kolkata"),
    ("philippines", "Asia/Manila"),
    ("pht", "Asia/Manila"),
    ("japan", "Asia/Tokyo"),
    ("jst", "Asia/Tokyo"),
    ("korea", "Asia/Seoul"),
    ("kst", "Asia/Seoul"),
    ("china", "Asia/Shanghai"),
    ("beijing", "Asia/Shanghai"),
    ("uae", "Asia/Dubai"),
    ("pakistan", "Asia/Karachi"),
    ("bangladesh", "Asia/Dhaka"),
    ("indonesia", "Asia/Jakarta"),
    ("thailand", "Asia/Bangkok"),
    ("vietnam", "Asia/Ho_Chi_Minh"),
    ("saigon", "Asia/Ho_Chi_Minh"),
    ("nigeria", "Africa/Lagos"),
    ("kenya", "Africa/Nairobi"),
    ("egypt", "Africa/Cairo"),
    ("south africa", "Africa/Johannesburg"),
    ("brazil", "America/Sao_Paulo"),
    ("brasil", "America/Sao_Paulo"),
    ("brt", "America/Sao_Paulo"),
    ("argentina", "America/Argentina/Buenos_Aires"),
    ("buenos aires", "America/Argentina/Buenos_Aires"),
    ("colombia", "America/Bogota"),
    ("peru", "America/Lima"),
    ("mexico", "America/Mexico_City"),
    ("méxico", "America/Mexico_City"),
    ("aest", "Australia/Sydney"),
    ("aedt", "Australia/Sydney"),
    ("awst", "Australia/Perth"),
    ("new zealand", "Pacific/Auckland"),
    ("nzst", "Pacific/Auckland"),
    ("nzdt", "Pacific/Auckland"),
];

/// The IANA name of the zone `raw` plainly means, or `None`.
pub fn resolve(raw: &str) -> Option<String> {
    let typed = raw.trim();
    if typed.is_empty() {
        return None;
    }
    if typed.parse::<Tz>().is_ok() {
        return Some(typed.to_string());
    }
    let key = fold(typed);
    if let Some(zone) = offset_zone(&key) {
        return Some(zone);
    }
    if let Some((_, zone)) = COMMON_NAMES.iter().find(|(name, _)| fold(name) == key) {
        return Some((*zone).to_string());
    }
    // The whole name in another case ("europe/paris"), then its city.
    let names = || TZ_VARIANTS.iter().map(|tz| tz.name());
    if let Some(zone) = names().find(|name| fold(name) == key) {
        return Some(zone.to_string());
    }
    let city = |name: &str| fold(name.rsplit('/').next().unwrap_or(name));
    names()
        .filter(|name| name.contains('/') && !name.starts_with("Etc/") && city(name) == key)
        // A city named by a zone and by its old links (America/Indianapolis
        // beside America/Indiana/Indianapolis): the shortest name.
        .min_by_key(|name| (name.len(), *name))
        .map(str::to_string)
}

/// "UTC+2", "GMT -05:00", "utc+5:30": a fixed offset. Whole hours are the
/// `Etc/GMT` zones (whose signs are reversed by POSIX convention); other
/// offsets are not a zone Handoff can store.
fn offset_zone(key: &str) -> Option<String> {
    let rest = key
        .strip_prefix("utc")
        .or_else(|| key.strip_prefix("gmt"))?;
    let rest = rest.trim();
    let (sign, digits) = match rest.chars().next()? {
        '+' => ('-', &rest[1..]),
        '-' => ('+', &rest[1..]),
        _ => return None,
    };
    let digits = digits.trim();
    let hours = digits
        .strip_suffix(":00")
        .or_else(|| {
            digits
                .strip_suffix("00")
                .filter(|h| h.len() <= 2 && digits.len() == 4)
        })
        .unwrap_or(digits);
    let h: u8 = hours.parse().ok()?;
    match (h, sign) {
        (0, _) => Some("UTC".into()),
        (1..=12, _) | (13..=14, '-') => Some(format!("Etc/GMT{sign}{h}")),
        _ => None,
    }
}

/// Lower case, underscores and runs of spaces as one space, and the accents
/// of Latin letters dropped, so "São_Paulo" and "sao paulo" meet.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ş' => 's',
            'ğ' => 'g',
            'ı' => 'i',
            '_' | '\t' => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn zones_are_read_as_people_type_them() {
        let read = |s: &str| resolve(s);
        assert_eq!(read("America/Chicago").as_deref(), Some("America/Chicago"));
        assert_eq!(read("Chicago").as_deref(), Some("America/Chicago"));
        assert_eq!(read("  new york ").as_deref(), Some("America/New_York"));
        assert_eq!(read("São Paulo").as_deref(), Some("America/Sao_Paulo"));
        assert_eq!(read("europe/paris").as_deref(), Some("Europe/Paris"));
        assert_eq!(read("Eastern Time").as_deref(), Some("America/New_York"));
        assert_eq!(
            read("Indianapolis").as_deref(),
            Some("America/Indianapolis")
        );
        assert_eq!(
            read("Buenos Aires").as_deref(),
            Some("America/Argentina/Buenos_Aires")
        );
        assert_eq!(read("Kiev").as_deref(), Some("Europe/Kyiv"));
        assert_eq!(read("Manila").as_deref(), Some("Asia/Manila"));
        assert_eq!(read("UTC+2").as_deref(), Some("Etc/GMT-2"));
        assert_eq!(read("GMT -05:00").as_deref(), Some("Etc/GMT+5"));
        assert_eq!(read("utc+14").as_deref(), Some("Etc/GMT-14"));
        assert_eq!(read("UTC+0").as_deref(), Some("UTC"));
        // Not plainly one zone: refused.
        for nothing in ["", "Mars/Olympus", "Atlantis", "UTC+5:30", "UTC-14", "Etc"] {
            assert_eq!(read(nothing), None, "{nothing}");
        }
        // Every name read is one chrono-tz knows.
        for typed in [
            "Chicago",
            "Eastern",
            "UTC+2",
            "brasil",
            "IST",
            "Ho Chi Minh",
        ] {
            let zone = read(typed).unwrap();
            assert!(zone.parse::<chrono_tz::Tz>().is_ok(), "{typed} -> {zone}");
        }
    }
}
