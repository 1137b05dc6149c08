//! The binary as a user runs it.

use crate::common::{fixtures, seed};
use std::process::Command;

fn boardpack() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_boardpack"));
    command.env("NO_COLOR", "1").env_remove("SOURCE_DATE_EPOCH");
    command
}

#[test]
fn inspect_prints_the_model_of_every_corpus_page() {
    for path in crate::common::corpus_files().into_iter().chain([seed()]) {
        let out = boardpack()
            .args(["inspect", "--today", "2026-02-15"])
            .arg(&path)
            .output()
            .expect("run boardpack");
        assert!(out.status.success(), "{}: {}", path.display(), String::from_utf8_lossy(&out.stderr));
        let model: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
        assert_eq!(model["schema_version"], 1);
        assert_eq!(model["today"], "2026-02-15");
    }
}

#[test]
fn inspect_reads_standard_input() {
    use std::io::Write;
    let mut child = boardpack()
        .args(["inspect", "--today", "2026-02-15", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run boardpack");
    if let Some(stdin) = child.stdin.as_mut() {
        stdin.write_all(b"# Plan\n\nText\n").expect("write stdin");
    }
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success());
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(model["title"], "Plan");
}

#[test]
fn usage_errors_exit_2_and_missing_files_exit_3() {
    let bad_date = boardpack().args(["inspect", "--today", "2026-13-01"]).arg(seed()).output().expect("run");
    assert_eq!(bad_date.status.code(), Some(2));
    let missing = boardpack().args(["inspect", "no-such-file.md"]).output().expect("run");
    assert_eq!(missing.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-file.md"));
}

#[test]
fn help_shows_examples() {
    let out = boardpack().arg("--help").output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Examples:") && text.contains("Exit codes:"), "{text}");
    assert!(fixtures().exists());
}
