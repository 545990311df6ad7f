//! Secrets at rest: TOTP secrets, recovery codes waiting to be shown, and
//! invitation links waiting on the team page are sealed with
//! XChaCha20-Poly1305 under the server's key (`HANDOFF_SECRET_KEY`, or the
//! key file the SQLite default creates). Each value is bound to where it is
//! kept (its `context`, e.g. `totp:42`), so a sealed value copied to another
//! member's row does not open.
//!
//! The key is installed once at start-up (`install`); the use cases that
//! seal or open ask for it with `key()`, so their signatures stay as they
//! were.

use crate::error::Context;
use crate::error::{Error, Result};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use std::sync::OnceLock;

/// What a sealed value starts with; anything else in those columns is a
/// plaintext value from before sealing (migrated on first start or first use).
pub const SEALED_PREFIX: &str = "sealed1:";

/// 32 random bytes. Its `Debug` never shows them.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey([u8; 32]);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

impl SecretKey {
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// A new random key from the OS generator.
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// 64 hex digits or base64 (standard or URL-safe, padded or not) of
    /// exactly 32 bytes. The error is a sentence for the operator.
    pub fn parse(raw: &str) -> std::result::Result<Self, String> {
        let raw = raw.trim();
        let bytes = if raw.len() == 64 && raw.bytes().all(|b| b.is_ascii_hexdigit()) {
            (0..32)
                .map(|i| u8::from_str_radix(&raw[2 * i..2 * i + 2], 16))
                .collect::<std::result::Result<Vec<u8>, _>>()
                .map_err(|_| "is not hex".to_string())?
        } else {
            [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
                .iter()
                .find_map(|engine| engine.decode(raw).ok())
                .ok_or_else(|| {
                    "is not a key: use 32 random bytes as base64 or 64 hex digits, e.g. the output of `openssl rand -base64 32`".to_string()
                })?
        };
        let bytes: [u8; 32] = bytes.try_into().map_err(|b: Vec<u8>| {
            format!(
                "is {} bytes long: use 32 random bytes as base64 or 64 hex digits, e.g. the output of `openssl rand -base64 32`",
                b.len()
            )
        })?;
        Ok(Self(bytes))
    }

    /// Base64, as written to the key file.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0)
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new((&self.0).into())
    }
}

static KEY: OnceLock<SecretKey> = OnceLock::new();

/// Installs the process's key. A second call with the same key is fine; one
/// with another key is refused (`false`): values sealed under the first
/// would no longer open.
pub fn install(key: SecretKey) -> bool {
    let installed = KEY.get_or_init(|| key.clone());
    *installed == key
}

fn key() -> Result<&'static SecretKey> {
    KEY.get()
        .ok_or_else(|| Error::internal("no secret key installed"))
}

/// A tag that proves Handoff made `message` (links in mail that act
/// without a sign-in, such as one-click unsubscribe): HMAC-SHA256 under a
/// key derived from the server's key for this use only, as 32 hex digits.
pub(crate) fn tag(message: &str) -> Result<String> {
    use hmac::{Hmac, Mac};
    use sha2::Sha256;
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key()?.0)
        .map_err(|_| Error::internal("an HMAC key"))?;
    mac.update(b"handoff link tag\0");
    mac.update(message.as_bytes());
    let bytes = mac.finalize().into_bytes();
    Ok(bytes[..16].iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `tag` is the tag of `message` (compared in constant time).
pub(crate) fn tag_matches(message: &str, tag: &str) -> Result<bool> {
    let want = self::tag(message)?;
    Ok(want.len() == tag.len()
        && want
            .bytes()
            .zip(tag.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0)
}

pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(SEALED_PREFIX)
}

/// Seals `plain` for the place named by `context`.
pub(crate) fn seal(plain: &str, context: &str) -> Result<String> {
    let mut nonce = [0u8; 24];
    OsRng.fill_bytes(&mut nonce);
    let sealed = key()?
        .cipher()
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plain.as_bytes(),
                aad: context.as_bytes(),
            },
        )
        .map_err(|_| Error::internal("sealing failed"))?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&sealed);
    Ok(format!("{SEALED_PREFIX}{}", STANDARD_NO_PAD.encode(out)))
}

/// Opens a value sealed for `context`. A value stored before sealing
/// existed comes back as it is (the caller re-seals it).
pub(crate) fn open(stored: &str, context: &str) -> Result<String> {
    let Some(body) = stored.strip_prefix(SEALED_PREFIX) else {
        return Ok(stored.to_string());
    };
    let bytes = STANDARD_NO_PAD
        .decode(body)
        .corrupt("a sealed value is not base64")?;
    if bytes.len() < 24 {
        return Err(Error::internal("a sealed value is too short"));
    }
    let (nonce, sealed) = bytes.split_at(24);
    let plain = key()?
        .cipher()
        .decrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: sealed,
                aad: context.as_bytes(),
            },
        )
        .map_err(|_| {
            Error::internal(format!(
                "a sealed value for {context} does not open with this HANDOFF_SECRET_KEY"
            ))
        })?;
    String::from_utf8(plain).corrupt("a sealed value is not text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_from_hex_and_base64_of_32_bytes_only() {
        let key = SecretKey::generate();
        assert_eq!(SecretKey::parse(&key.to_base64()).unwrap(), key);
        let hex: String = key.0.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(SecretKey::parse(&hex).unwrap(), key);
        assert!(SecretKey::parse("c2hvcnQ=")
            .unwrap_err()
            .contains("5 bytes"));
        assert!(SecretKey::parse("not a key!").is_err());
        assert_eq!(format!("{key:?}"), "SecretKey(…)");
    }

    #[test]
    fn sealed_values_open_only_in_their_context_and_plaintext_passes() {
        install(SecretKey::from_bytes([7; 32]));
        let sealed = seal("JBSWY3DPEHPK3PXP", "totp:1").unwrap();
        assert!(is_sealed(&sealed));
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(sealed, seal("JBSWY3DPEHPK3PXP", "totp:1").unwrap());
        assert_eq!(open(&sealed, "totp:1").unwrap(), "JBSWY3DPEHPK3PXP");
        assert!(open(&sealed, "totp:2").is_err());
        assert_eq!(
            open("JBSWY3DPEHPK3PXP", "totp:1").unwrap(),
            "JBSWY3DPEHPK3PXP"
        );
        assert!(!install(SecretKey::from_bytes([8; 32])));
    }
}
