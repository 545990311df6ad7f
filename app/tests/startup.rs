//! The server binary refuses bad configuration with one line naming the
//! setting, and exit code 2, never a panic.

use std::process::Command;

fn start_with(pairs: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_handoff-app"));
    for name in [
        "HANDOFF_ADDR",
        "DATABASE_URL",
        "RUST_LOG",
        "HANDOFF_SITE_ROOT",
        "HANDOFF_DEMO",
        "HANDOFF_PUBLIC_URL",
        "HANDOFF_TRUSTED_PROXY",
        "HANDOFF_SECRET_KEY",
    ] {
        cmd.env_remove(name);
    }
    cmd.envs(pairs.iter().copied());
    let out = cmd.output().expect("run the server binary");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_refused(pairs: &[(&str, &str)], setting: &str) {
    let (code, stderr) = start_with(pairs);
    assert_eq!(code, Some(2), "exit code for {pairs:?}; stderr: {stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line for {pairs:?}: {stderr}");
    assert!(lines[0].starts_with("handoff: "), "{stderr}");
    assert!(lines[0].contains(setting), "{setting} named in: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_bad_listen_address_is_named() {
    assert_refused(&[("HANDOFF_ADDR", "localhost")], "HANDOFF_ADDR");
}

#[test]
fn a_bad_database_url_is_named() {
    assert_refused(&[("DATABASE_URL", "mysql://db/handoff")], "DATABASE_URL");
}

#[test]
fn a_bad_log_filter_is_named() {
    assert_refused(&[("RUST_LOG", "info,=[[")], "RUST_LOG");
}

#[test]
fn a_missing_site_build_is_named() {
    assert_refused(
        &[("HANDOFF_SITE_ROOT", "/nonexistent/site")],
        "HANDOFF_SITE_ROOT",
    );
}

#[test]
fn an_unreachable_database_is_named_without_its_password() {
    let site = std::env::temp_dir().join(format!("handoff-site-{}", std::process::id()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(site.join("pkg/handoff.wasm"), b"").unwrap();
    let (code, stderr) = start_with(&[
        ("HANDOFF_SITE_ROOT", site.to_str().unwrap()),
        // Port 9 (discard) on loopback: nothing listens there.
        (
            "DATABASE_URL",
            "postgres://handoff:hunter2@127.0.0.1:9/handoff",
        ),
        ("HANDOFF_SECRET_KEY", "ab".repeat(32).as_str()),
    ]);
    let _ = std::fs::remove_dir_all(&site);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("DATABASE_URL"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "the password leaked: {stderr}");
    assert_eq!(
        stderr.lines().filter(|l| !l.trim().is_empty()).count(),
        1,
        "{stderr}"
    );
}

#[test]
fn a_bad_trusted_proxy_is_named() {
    assert_refused(
        &[("HANDOFF_TRUSTED_PROXY", "10.0.0.0/40")],
        "HANDOFF_TRUSTED_PROXY",
    );
}

#[test]
fn a_bad_secret_key_is_named_without_being_echoed() {
    let (code, stderr) = start_with(&[("HANDOFF_SECRET_KEY", "dG9vIHNob3J0IGEga2V5")]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("HANDOFF_SECRET_KEY"), "{stderr}");
    assert!(
        !stderr.contains("dG9vIHNob3J0IGEga2V5"),
        "the key leaked: {stderr}"
    );
}

#[test]
fn postgres_without_a_secret_key_is_refused() {
    assert_refused(
        &[("DATABASE_URL", "postgres://handoff:pw@127.0.0.1:9/handoff")],
        "HANDOFF_SECRET_KEY",
    );
}
