//! Start-up configuration, read once from the environment. Every problem is
//! one sentence naming the setting and what to put there instead.

use handoff_server::DatabaseUrl;
use std::net::SocketAddr;
use std::path::PathBuf;

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

        Ok(Config {
            public_url,
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
    }

    #[test]
    fn each_bad_setting_is_named_in_one_line() {
        for (name, value) in [
            ("HANDOFF_ADDR", "localhost"),
            ("DATABASE_URL", "mysql://db/handoff"),
            ("RUST_LOG", "info,=[["),
            ("HANDOFF_DEMO", "maybe"),
            ("HANDOFF_PUBLIC_URL", "handoff.example.com"),
        ] {
            let err = config(&[(name, value)]).unwrap_err();
            assert_eq!(err.setting, name);
            let line = err.to_string();
            assert!(line.starts_with(name), "{line}");
            assert!(!line.contains('\n'), "{line}");
        }
    }

    #[test]
    fn postgres_is_chosen_by_url() {
        let c = config(&[("DATABASE_URL", "postgres://h:p@db/handoff")]).unwrap();
        assert_eq!(c.database.kind(), handoff::DatabaseKind::Postgres);
    }

    #[test]
    fn a_missing_site_build_is_reported_against_its_setting() {
        let c = config(&[("HANDOFF_SITE_ROOT", "/nonexistent/site")]).unwrap();
        let err = c.check_site_root().unwrap_err();
        assert_eq!(err.setting, "HANDOFF_SITE_ROOT");
    }
}
