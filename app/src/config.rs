//! Start-up configuration, read once from the environment. Every problem is
//! one sentence naming the setting and what to put there instead.

use crate::auth::TrustedProxies;
use crate::deadline::AnswerWithin;
use handoff::DatabaseKind;
use handoff_server::secrets::SecretKey;
use handoff_server::DatabaseUrl;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

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
fn key_file_beside(database_url: &str) -> Option<PathBuf> {
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

        Ok(Config {
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
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let env: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|name| env.get(name).cloned())
    }

    #[test]
    fn defaults_listen_locally_on_an_sqlite_file() {
        let c = config(&[]).unwrap();
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.database.kind(), handoff::DatabaseKind::Sqlite);
        assert_eq!(c.log_filter, "info");
        assert_eq!(c.site_root, PathBuf::from("target/site"));
        assert!(!c.seed_demo);
        assert_eq!(c.answer_within, AnswerWithin::default());
        let c = config(&[("HANDOFF_ANSWER_WITHIN", "2.5")]).unwrap();
        assert_eq!(c.answer_within.0.as_millis(), 2500);
    }

    #[test]
    fn each_bad_setting_is_named_in_one_line() {
        for (name, value) in [
            ("HANDOFF_ADDR", "localhost"),
            ("DATABASE_URL", "mysql://db/handoff"),
            ("RUST_LOG", "info,=[["),
            ("HANDOFF_DEMO", "maybe"),
            ("HANDOFF_PUBLIC_URL", "handoff.example.com"),
            ("HANDOFF_ANSWER_WITHIN", "soon"),
            ("HANDOFF_ANSWER_WITHIN", "0"),
        ] {
            let err = config(&[(name, value)]).unwrap_err();
            assert_eq!(err.setting, name);
            let line = err.to_string();
            assert!(line.starts_with(name), "{line}");
            assert!(!line.contains('\n'), "{line}");
        }
    }

    #[test]
    fn postgres_is_chosen_by_url_and_needs_a_secret_key() {
        let err = config(&[("DATABASE_URL", "postgres://h:p@db/handoff")]).unwrap_err();
        assert_eq!(err.setting, "HANDOFF_SECRET_KEY");
        let c = config(&[
            ("DATABASE_URL", "postgres://h:p@db/handoff"),
            ("HANDOFF_SECRET_KEY", "ab".repeat(32).as_str()),
        ])
        .unwrap();
        assert_eq!(c.database.kind(), handoff::DatabaseKind::Postgres);
        assert!(matches!(c.secret_key, KeySetting::Given(_)));
    }

    #[test]
    fn bad_proxies_and_keys_are_named_without_echoing_the_key() {
        for (name, value) in [
            ("HANDOFF_TRUSTED_PROXY", "10.0.0.0/33"),
            ("HANDOFF_TRUSTED_PROXY", "load-balancer"),
            ("HANDOFF_SECRET_KEY", "c2VjcmV0LXRvby1zaG9ydA=="),
        ] {
            let err = config(&[(name, value)]).unwrap_err();
            assert_eq!(err.setting, name);
            if name == "HANDOFF_SECRET_KEY" {
                assert!(!err.to_string().contains(value), "{err}");
            }
        }
        let c = config(&[("HANDOFF_TRUSTED_PROXY", "10.0.0.0/8, 192.0.2.7 ,::1")]).unwrap();
        assert_eq!(c.trusted_proxies.len(), 3);
    }

    #[test]
    fn sqlite_keeps_its_key_in_a_file_beside_the_database_made_once_with_mode_0600() {
        let c = config(&[]).unwrap();
        assert!(matches!(&c.secret_key, KeySetting::File(p) if p == Path::new("data/handoff.key")));
        let dir = std::env::temp_dir().join(format!("handoff-key-{}", std::process::id()));
        let db = format!("sqlite://{}/x.db", dir.display());
        let c = config(&[("DATABASE_URL", db.as_str())]).unwrap();
        let KeySetting::File(path) = &c.secret_key else {
            panic!("{:?}", c.secret_key)
        };
        let first = c.secret_key.load().unwrap();
        let again = c.secret_key.load().unwrap();
        assert_eq!(first, again, "the file is read on later starts");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(path, "garbage").unwrap();
        assert_eq!(
            c.secret_key.load().unwrap_err().setting,
            "HANDOFF_SECRET_KEY"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_site_build_is_reported_against_its_setting() {
        let c = config(&[("HANDOFF_SITE_ROOT", "/nonexistent/site")]).unwrap();
        let err = c.check_site_root().unwrap_err();
        assert_eq!(err.setting, "HANDOFF_SITE_ROOT");
    }
}
