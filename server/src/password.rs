//! Password hashing: argon2id with OWASP's parameters (19 MiB, 2 passes,
//! 1 lane), run on the blocking pool so it never stalls the async workers,
//! and a semaphore so a burst of sign-ins cannot exhaust memory.

use crate::error::Context;
use crate::error::{Error, Result};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

pub const MEMORY_KIB: u32 = 19 * 1024;
pub const PASSES: u32 = 2;
pub const LANES: u32 = 1;

static COMMON: &str = include_str!("../data/common-passwords.txt");

/// Whether the password is among the 10,000 most common ones (any case).
pub fn is_common(password: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON
            .lines()
            .map(|l| l.trim().to_lowercase())
            .filter(|l| !l.is_empty())
            .collect()
    })
    .contains(&password.to_lowercase())
}

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// How many passwords were checked: what the throttling tests count.
    verified: Arc<AtomicU64>,
}

fn argon2() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

impl PasswordHasher {
    /// At most `max_concurrent` hashes at once (each takes 19 MiB).
    pub fn new(max_concurrent: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(max_concurrent.max(1))),
            verified: Arc::new(AtomicU64::new(0)),
        }
    }

    pub async fn hash(&self, password: &str) -> Result<String> {
        let password = password.to_string();
        self.run(move || {
            let salt = SaltString::generate(&mut OsRng);
            argon2()
                .hash_password(password.as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| Error::internal(format!("argon2: {e}")))
        })
        .await
    }

    /// Checks a password against a stored hash. With no hash (unknown
    /// account) it checks against a decoy, so both cases take the same time.
    pub async fn verify(&self, password: &str, hash: Option<String>) -> Result<bool> {
        self.verified.fetch_add(1, Ordering::Relaxed);
        let known = hash.is_some();
        let hash = match hash {
            Some(h) => h,
            None => self.decoy().await?,
        };
        let password = password.to_string();
        let matches = self
            .run(move || {
                let parsed = PasswordHash::new(&hash)
                    .map_err(|e| Error::internal(format!("stored hash: {e}")))?;
                Ok(argon2()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok())
            })
            .await?;
        Ok(known && matches)
    }

    /// How many passwords this hasher (and its clones) has checked.
    pub fn verifications(&self) -> u64 {
        self.verified.load(Ordering::Relaxed)
    }

    async fn decoy(&self) -> Result<String> {
        static DECOY: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
        DECOY
            .get_or_try_init(|| self.hash("decoy password that matches nothing"))
            .await
            .cloned()
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let _permit = self
            .permits
            .acquire()
            .await
            .context("the password hasher closed")?;
        tokio::task::spawn_blocking(work)
            .await
            .context("the password hashing task")?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_list_has_ten_thousand_entries_and_ignores_case() {
        assert!(COMMON.lines().count() >= 10_000);
        assert!(is_common("password"));
        assert!(is_common("PassWord"));
        assert!(is_common("qwerty123"));
        assert!(!is_common("handoff-demo-1"));
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hasher = PasswordHasher::new(2);
        let hash = hasher.hash("correct horse battery").await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(hasher
            .verify("correct horse battery", Some(hash.clone()))
            .await
            .unwrap());
        assert!(!hasher
            .verify("correct horse batterY", Some(hash))
            .await
            .unwrap());
        assert!(!hasher.verify("correct horse battery", None).await.unwrap());
    }
}
