//! A client's stable pseudonym, the only name a provider ever sees:
//! `Client 7QK-4M`. Random, never derived from personal data, and easy to
//! read out on a call.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Characters that survive a phone line and a quick glance: no 0/O, 1/I/L,
/// 2/Z, 5/S, 8/B, and none of the letters that rhyme with "ee" (B C D E G P
/// T V Z).
pub const ALPHABET: &[u8] = b"34679AFHJKMNQRWXY";
const LEN: usize = 5;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Alias(String);

impl Alias {
    /// Draws an alias from a source of random bytes (the server passes the
    /// OS generator). Rejection sampling keeps every character equally likely.
    pub fn generate(mut random_byte: impl FnMut() -> u8) -> Alias {
        let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8;
        let mut code = String::with_capacity(LEN + 1);
        while code.len() < LEN + 1 {
            if code.len() == 3 {
                code.push('-');
                continue;
            }
            let b = random_byte();
            if b < limit {
                code.push(ALPHABET[b as usize % ALPHABET.len()] as char);
            }
        }
        Alias(code)
    }

    /// Reads `7QK-4M` or `Client 7qk-4m`, as a person might type it.
    pub fn parse(raw: &str) -> Option<Alias> {
        let raw = raw.trim();
        let code = raw
            .strip_prefix("Client ")
            .or_else(|| raw.strip_prefix("client "))
            .unwrap_or(raw)
            .trim()
            .to_ascii_uppercase();
        let b = code.as_bytes();
        let shaped = b.len() == LEN + 1
            && b[3] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 3 || ALPHABET.contains(c));
        shaped.then_some(Alias(code))
    }

    /// What a person typed when looking for an alias by part of it ("9y6",
    /// "9Y6-4", "Client 9Y64"), as characters of the code without its dash,
    /// upper case: `9Y6`, `9Y64`. `None` when it cannot be part of one.
    pub fn fragment(raw: &str) -> Option<String> {
        let raw = raw.trim();
        let lower = raw.to_ascii_lowercase();
        let rest = lower.strip_prefix("client").map_or(raw, |_| &raw[6..]);
        let code: String = rest
            .chars()
            .filter(|c| *c != '-' && !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let fits = (2..=LEN).contains(&code.len()) && code.bytes().all(|b| ALPHABET.contains(&b));
        fits.then_some(code)
    }

    /// The code alone, `7QK-4M`.
    pub fn code(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Alias {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Client {}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_of_an_alias_is_read_with_or_without_dash_and_prefix() {
        for (typed, part) in [
            ("9Y6", "9Y6"),
            ("9y6", "9Y6"),
            ("9Y6-4", "9Y64"),
            ("Client 9Y6-4M", "9Y64M"),
            ("client 9y6", "9Y6"),
            ("6-4M", "64M"),
            (" Y64M ", "Y64M"),
        ] {
            assert_eq!(Alias::fragment(typed).as_deref(), Some(part), "{typed}");
        }
        for typed in ["", "9", "Client", "Maria", "9Y6-4MX", "0O1"] {
            assert_eq!(Alias::fragment(typed), None, "{typed}");
        }
    }

    fn from(bytes: &[u8]) -> Alias {
        let mut it = bytes.iter().copied().cycle();
        Alias::generate(move || it.next().unwrap())
    }

    #[test]
    fn reads_like_the_example() {
        let alias = from(&[3, 12, 9, 1, 10]);
        assert_eq!(alias.code(), "7QK-4M");
        assert_eq!(alias.to_string(), "Client 7QK-4M");
    }

    #[test]
    fn biased_bytes_are_redrawn() {
        // 255 is past the last whole multiple of the alphabet: skipped.
        assert_eq!(from(&[255, 3, 12, 9, 1, 10]).code(), "7QK-4M");
    }

    #[test]
    fn only_unambiguous_characters_appear() {
        let mut seed = 7u32;
        for _ in 0..2000 {
            let alias = Alias::generate(|| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (seed >> 16) as u8
            });
            assert!(
                alias
                    .code()
                    .bytes()
                    .all(|c| c == b'-' || ALPHABET.contains(&c)),
                "{alias}"
            );
            assert!(!alias
                .code()
                .contains(['0', 'O', '1', 'I', 'L', 'S', '5', 'B', '8', 'Z', '2']));
            assert_eq!(Alias::parse(&alias.to_string()), Some(alias));
        }
    }

    #[test]
    fn parses_what_people_type_and_refuses_the_rest() {
        assert_eq!(Alias::parse(" client 7qk-4m ").unwrap().code(), "7QK-4M");
        assert_eq!(Alias::parse("7QK-4M").unwrap().code(), "7QK-4M");
        for bad in [
            "",
            "7QK4M",
            "7QK-4",
            "7QO-4M",
            "Client 7QK-4MM",
            "Maria Gonzalez",
        ] {
            assert_eq!(Alias::parse(bad), None, "{bad:?}");
        }
    }
}
