//! Check digits and shapes of identifiers, on compact upper-case strings
//! (separators already taken out).

/// An IBAN: country letters, two check digits, 11 to 30 letters and digits,
/// and the remainder 1 modulo 97 (ISO 13616).
pub(super) fn iban(s: &str) -> bool {
    let b = s.as_bytes();
    if !(15..=34).contains(&b.len())
        || !b[0].is_ascii_uppercase()
        || !b[1].is_ascii_uppercase()
        || !b[2].is_ascii_digit()
        || !b[3].is_ascii_digit()
        || !b[4..].iter().all(u8::is_ascii_alphanumeric)
    {
        return false;
    }
    let mut rem: u32 = 0;
    for &c in b[4..].iter().chain(&b[..4]) {
        let v = if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            u32::from(c - b'A') + 10
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// Luhn's check, as payment cards carry it; only for the lengths and
/// leading digits card networks issue (Amex 15, most 16, some 19).
pub(super) fn card(s: &str) -> bool {
    let b = s.as_bytes();
    let lead_ok = match b.first() {
        Some(b'3') => b.len() == 15 && matches!(b[1], b'4' | b'7'),
        Some(b'2' | b'4' | b'5' | b'6') => b.len() == 16 || b.len() == 19,
        _ => false,
    };
    lead_ok && luhn(b)
}

fn luhn(b: &[u8]) -> bool {
    let mut sum = 0;
    for (k, c) in b.iter().rev().enumerate() {
        let mut d = u32::from(c - b'0');
        if k % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum.is_multiple_of(10)
}

/// EAN-13 (and ISBN-13): weights 1 and 3, check digit last.
pub(super) fn ean13(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 13 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..12]
        .iter()
        .enumerate()
        .map(|(k, c)| u32::from(c - b'0') * if k % 2 == 0 { 1 } else { 3 })
        .sum();
    (10 - sum % 10) % 10 == u32::from(b[12] - b'0')
}

/// ISBN-10: weights 10 down to 1, modulo 11, `X` for ten.
pub(super) fn isbn10(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || !b[..9].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let last = match b[9] {
        b'X' => 10,
        c if c.is_ascii_digit() => u32::from(c - b'0'),
        _ => return false,
    };
    let sum: u32 = b[..9]
        .iter()
        .enumerate()
        .map(|(k, c)| u32::from(c - b'0') * (10 - k as u32))
        .sum::<u32>()
        + last;
    sum.is_multiple_of(11)
}

/// Carriers' tracking numbers by shape: UPS `1Z` and sixteen more, the
/// Universal Postal Union's `RR123456789DE` (every national post, Correios
/// included), PostNL's `3S…`, USPS's 20 to 22 digits starting with 9.
pub(super) fn tracking(s: &str) -> bool {
    let b = s.as_bytes();
    let ups = b.len() == 18 && s.starts_with("1Z");
    let upu = b.len() == 13
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..11].iter().all(u8::is_ascii_digit)
        && b[11..].iter().all(u8::is_ascii_uppercase);
    let postnl = (13..=15).contains(&b.len())
        && s.starts_with("3S")
        && b[2..6].iter().all(u8::is_ascii_uppercase)
        && b[6..].iter().all(u8::is_ascii_digit);
    let usps = (20..=22).contains(&b.len()) && b[0] == b'9' && b.iter().all(u8::is_ascii_digit);
    ups || upu || postnl || usps
}
