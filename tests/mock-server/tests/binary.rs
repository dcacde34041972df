//! The standalone `orgkit-mock` binary: `--help`, `--version`, and the
//! banner of seeded credentials after the URL line.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_orgkit-mock"))
}

#[test]
fn help_and_version_print_and_exit_zero() {
    let out = bin().arg("--version").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("orgkit-mock {}", env!("CARGO_PKG_VERSION"))
    );
    let out = bin().arg("--help").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("usage: orgkit-mock"), "{text}");
    for c in orgkit_mock::seed::credentials() {
        assert!(text.contains(c.value), "--help lists {c:?}");
    }
    let out = bin().arg("--bogus").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_url_comes_first_then_every_seeded_credential() {
    let mut child = bin()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines.next().unwrap().unwrap();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let banner: Vec<String> = lines
        .by_ref()
        .take(1 + orgkit_mock::seed::credentials().len())
        .map(Result::unwrap)
        .collect();
    assert!(banner[0].starts_with("seeded credentials"), "{banner:?}");
    for (line, c) in banner[1..].iter().zip(orgkit_mock::seed::credentials()) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields, [c.provider, c.who, c.kind, c.value]);
    }
    // Closing stdin stops it.
    drop(child.stdin.take());
    assert!(child.wait().unwrap().success());
}
