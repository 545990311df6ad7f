//! Start-up configuration, read once from the environment. Every problem is
//! one sentence naming the setting and what to put there instead.

use crate::auth::TrustedProxies;
use crate::deadline::AnswerWithin;
use handoff::DatabaseKind;
use handoff_server::secrets::SecretKey;
use handoff_server::DatabaseUrl;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

mod mail;

pub use mail::MailSetting;
use mail::{mail_folder_beside, redact_password};

pub const DEFAULT_ADDR: &str = "127.0.0.1:3000";
pub const DEFAULT_SITE_ROOT: &str = "target/site";
pub const DEFAULT_LOG: &str = "info";

#[derive(Clone, Debug)]
pub struct Config {
    /// `HANDOFF_ADDR`: where the server listens.
    pub addr: SocketAddr,
    /// `DATABASE_URL`: SQLite file (default) or PostgreSQL.
    pub database: DatabaseUrl,
    /// `RUST_LOG`: a tracing filter such as `info` or `handoff_app=debug`.
    pub log_filter: String,
    /// `HANDOFF_SITE_ROOT`: the folder cargo-leptos built (wasm, JS, CSS).
    pub site_root: PathBuf,
    /// `HANDOFF_DEMO`: seed demo data into an empty database.
    pub seed_demo: bool,
    /// `HANDOFF_PUBLIC_URL`: where people reach Handoff. `https://…` turns
    /// on the `__Host-` Secure session cookie.
    pub public_url: String,
    /// `HANDOFF_TRUSTED_PROXY`: load balancers whose `X-Forwarded-For` is
    /// believed (IPs or CIDR ranges, comma-separated). Empty: the socket
    /// peer is the client.
    pub trusted_proxies: TrustedProxies,
    /// `HANDOFF_SECRET_KEY`, or where the embedded default keeps its key.
    pub secret_key: KeySetting,
    /// `HANDOFF_ANSWER_WITHIN`: seconds any request may take before it is
    /// answered 503 (default 10).
    pub answer_within: AnswerWithin,
    /// `HANDOFF_SMTP_URL`, `HANDOFF_MAIL_FROM`, `HANDOFF_MAIL_DIR`.
    pub mail: MailSetting,
}

/// Where the key that seals secrets at rest comes from.
#[derive(Clone, Debug)]
pub enum KeySetting {
    /// `HANDOFF_SECRET_KEY` (required with PostgreSQL: every app server
    /// must share it).
    Given(SecretKey),
    /// SQLite without `HANDOFF_SECRET_KEY`: a key file beside the database
    /// file, created (mode 0600) on first start.
    File(PathBuf),
    /// An in-memory SQLite database: a key for this process only.
    ForThisProcess,
}

impl KeySetting {
    /// The key, reading or creating the key file when that is where it is.
    pub fn load(&self) -> Result<SecretKey, ConfigError> {
        match self {
            KeySetting::Given(key) => Ok(key.clone()),
            KeySetting::ForThisProcess => Ok(SecretKey::generate()),
            KeySetting::File(path) => load_or_create_key_file(path),
        }
    }
}

fn key_file_error(path: &Path, problem: String) -> ConfigError {
    ConfigError {
        setting: "HANDOFF_SECRET_KEY",
        value: String::new(),
        problem: format!("is not set, and the key file {} {problem}", path.display()),
    }
}

/// Reads the key file, or creates it with a new random key, readable by
/// this user only. Two servers starting at once agree on one file.
fn load_or_create_key_file(path: &Path) -> Result<SecretKey, ConfigError> {
    use std::io::Write;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| key_file_error(path, format!("cannot be created: {e}")))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(mut file) => {
            let key = SecretKey::generate();
            file.write_all(format!("{}\n", key.to_base64()).as_bytes())
                .and_then(|_| file.sync_all())
                .map_err(|e| key_file_error(path, format!("cannot be written: {e}")))?;
            tracing::info!(file = %path.display(), "created the secret key file");
            Ok(key)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| key_file_error(path, format!("cannot be read: {e}")))?;
            SecretKey::parse(&text)
                .map_err(|p| key_file_error(path, format!("holds no key: it {p}")))
        }
        Err(e) => Err(key_file_error(path, format!("cannot be created: {e}"))),
    }
}

/// `data/handoff.key` for `sqlite://data/handoff.db`: the key file beside
/// the database file; `None` for an in-memory database.
pub(super) fn key_file_beside(database_url: &str) -> Option<PathBuf> {
    let rest = database_url.trim().strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or(rest);
    if path.is_empty() || path == ":memory:" {
        return None;
    }
    Some(Path::new(path).with_extension("key"))
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{setting}={value:?} {problem}")]
pub struct ConfigError {
    pub setting: &'static str,
    pub value: String,
    pub problem: String,
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let setting = |name: &'static str, default: &str| {
            let value = get(name).unwrap_or_default();
            if value.trim().is_empty() {
                default.to_string()
            } else {
                value
            }
        };
        let fail = |setting: &'static str, value: &str, problem: &str| ConfigError {
            setting,
            value: value.to_string(),
            problem: problem.to_string(),
        };

        let addr_raw = setting("HANDOFF_ADDR", DEFAULT_ADDR);
        let addr: SocketAddr = addr_raw.trim().parse().map_err(|_| {
            fail(
                "HANDOFF_ADDR",
                &addr_raw,
                "is not a listen address: use host:port, e.g. 127.0.0.1:3000",
            )
        })?;

        let db_raw = setting("DATABASE_URL", DatabaseUrl::DEFAULT);
        let database =
            DatabaseUrl::parse(&db_raw).map_err(|p| fail("DATABASE_URL", &db_raw, &p))?;

        let log_filter = setting("RUST_LOG", DEFAULT_LOG);
        tracing_subscriber::EnvFilter::try_new(&log_filter).map_err(|_| {
            fail(
                "RUST_LOG",
                &log_filter,
                "is not a log filter: use a level such as info, or target=level pairs",
            )
        })?;

        let site_raw = setting("HANDOFF_SITE_ROOT", DEFAULT_SITE_ROOT);
        let site_root = PathBuf::from(&site_raw);

        let demo_raw = setting("HANDOFF_DEMO", "0");
        let seed_demo = match demo_raw.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => true,
            "0" | "false" | "no" | "off" => false,
            _ => return Err(fail("HANDOFF_DEMO", &demo_raw, "must be 1 or 0")),
        };

        let public_raw = setting("HANDOFF_PUBLIC_URL", &format!("http://{addr}"));
        let public_url = public_raw.trim().trim_end_matches('/').to_string();
        let host = public_url
            .strip_prefix("https://")
            .or_else(|| public_url.strip_prefix("http://"))
            .unwrap_or("");
        if host.is_empty() || host.contains('/') {
            return Err(fail(
                "HANDOFF_PUBLIC_URL",
                &public_raw,
                "must be http(s)://host[:port] with no path, e.g. https://handoff.example.com",
            ));
        }

        let proxies_raw = setting("HANDOFF_TRUSTED_PROXY", "");
        let trusted_proxies = TrustedProxies::parse(&proxies_raw)
            .map_err(|p| fail("HANDOFF_TRUSTED_PROXY", &proxies_raw, &p))?;

        let key_raw = get("HANDOFF_SECRET_KEY").unwrap_or_default();
        let secret_key = if !key_raw.trim().is_empty() {
            // The value itself is never echoed back.
            KeySetting::Given(
                SecretKey::parse(&key_raw).map_err(|p| fail("HANDOFF_SECRET_KEY", "…", &p))?,
            )
        } else if database.kind() == DatabaseKind::Postgres {
            return Err(fail(
                "HANDOFF_SECRET_KEY",
                "",
                "must be set with PostgreSQL (every app server needs the same key): use 32 random bytes as base64, e.g. the output of `openssl rand -base64 32`",
            ));
        } else {
            match key_file_beside(&db_raw) {
                Some(path) => KeySetting::File(path),
                None => KeySetting::ForThisProcess,
            }
        };

        let within_raw = setting("HANDOFF_ANSWER_WITHIN", "10");
        let answer_within = match within_raw.trim().parse::<f64>() {
            Ok(seconds) if (0.1..=600.0).contains(&seconds) => {
                AnswerWithin(std::time::Duration::from_secs_f64(seconds))
            }
            _ => {
                return Err(fail(
                    "HANDOFF_ANSWER_WITHIN",
                    &within_raw,
                    "must be a number of seconds between 0.1 and 600, e.g. 10",
                ))
            }
        };

        let smtp_raw = setting("HANDOFF_SMTP_URL", "");
        let smtp_url = (!smtp_raw.trim().is_empty()).then(|| smtp_raw.trim().to_string());
        let host = host.split(':').next().unwrap_or(host);
        let from_raw = setting("HANDOFF_MAIL_FROM", &format!("Handoff <handoff@{host}>"));
        let dir_raw = setting("HANDOFF_MAIL_DIR", "");
        let batch_raw = setting("HANDOFF_MAIL_BATCH_SECONDS", "120");
        let batch_seconds = match batch_raw.trim().parse::<u32>() {
            Ok(s) if s <= 3600 => s,
            _ => {
                return Err(fail(
                    "HANDOFF_MAIL_BATCH_SECONDS",
                    &batch_raw,
                    "must be a number of seconds from 0 to 3600, e.g. 120",
                ))
            }
        };
        let mail = MailSetting {
            batch_seconds,
            smtp_url,
            from: from_raw.trim().to_string(),
            folder: if dir_raw.trim().is_empty() {
                mail_folder_beside(&db_raw)
            } else {
                PathBuf::from(dir_raw.trim())
            },
        };
        // Checked now, so a bad value stops start-up with its name (the
        // folder is only created when the server starts).
        if let Err(p) = handoff_server::mail::check_sender(&mail.from) {
            return Err(fail("HANDOFF_MAIL_FROM", &mail.from, &p));
        }
        if let Some(url) = &mail.smtp_url {
            handoff_server::mail::check_smtp_url(url).map_err(|p| ConfigError {
                setting: "HANDOFF_SMTP_URL",
                value: redact_password(url),
                problem: p,
            })?;
        }

        Ok(Config {
            mail,
            answer_within,
            public_url,
            trusted_proxies,
            secret_key,
            addr,
            database,
            log_filter,
            site_root,
            seed_demo,
        })
    }

    /// The browser build must be there, or every page would load without its
    /// script and style; say so at start rather than serve a broken site.
    pub fn check_site_root(&self) -> Result<(), ConfigError> {
        let wasm = self.site_root.join("pkg").join("handoff.wasm");
        if wasm.is_file() {
            Ok(())
        } else {
            Err(ConfigError {
                setting: "HANDOFF_SITE_ROOT",
                value: self.site_root.display().to_string(),
                problem: format!(
                    "has no {}: build the site first (cargo leptos build --release) or point this at its folder",
                    wasm.display()
                ),
            })
        }
    }
}

#[cfg(test)]
mod tests;
