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
        ("HANDOFF_SMTP_URL", "mail.example.com:587"),
        ("HANDOFF_SMTP_URL", "http://mail.example.com"),
        ("HANDOFF_MAIL_FROM", "not an address"),
        ("HANDOFF_MAIL_BATCH_SECONDS", "soon"),
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

#[test]
fn mail_goes_to_a_folder_beside_the_database_until_smtp_is_set() {
    let c = config(&[("DATABASE_URL", "sqlite://data/handoff.db")]).unwrap();
    assert_eq!(c.mail.smtp_url, None);
    assert_eq!(c.mail.folder, PathBuf::from("data/mail"));
    assert_eq!(c.mail.from, "Handoff <handoff@127.0.0.1>");
    let c = config(&[
        ("HANDOFF_SMTP_URL", "smtp://ann:s3cret@mail.example.com:587"),
        ("HANDOFF_PUBLIC_URL", "https://handoff.example.com:8443"),
    ])
    .unwrap();
    assert_eq!(
        c.mail.smtp_url.as_deref(),
        Some("smtp://ann:s3cret@mail.example.com:587")
    );
    assert_eq!(c.mail.from, "Handoff <handoff@handoff.example.com>");
}

#[test]
fn a_bad_smtp_url_is_named_without_its_password() {
    let err = config(&[("HANDOFF_SMTP_URL", "smtp://ann:s3cret@")]).unwrap_err();
    assert_eq!(err.setting, "HANDOFF_SMTP_URL");
    assert!(!err.to_string().contains("s3cret"), "{err}");
}
