//! `boardpack check`: diagnostics of every corpus page pinned by snapshots, and formats.

use crate::common::{corpus_files, seed};
use std::process::Command;

fn check(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_boardpack"))
        .arg("check")
        .args(["--today", "2026-02-15"])
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn corpus_diagnostics_are_pinned() {
    for path in corpus_files() {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("x").to_string();
        let (code, _, stderr) = check(&["--format", "human", path.to_str().unwrap_or_default()]);
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(name);
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!("check", format!("exit code: {code:?}\n{stderr}")));
    }
}

#[test]
fn formats_short_json_and_github() {
    let seed = seed();
    let seed = seed.to_str().unwrap_or_default();
    let (_, _, short) = check(&["--format", "short", seed]);
    assert!(short.lines().all(|l| l.starts_with("tests/fixtures/") || l.starts_with("checked ")), "{short}");
    let (_, _, json) = check(&["--format", "json", seed]);
    for line in json.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert!(value["code"].is_string() && value["severity"].is_string());
    }
    let (_, _, github) = check(&["--format", "github", seed]);
    assert!(github.lines().all(|l| l.starts_with("::")), "{github}");
}

#[test]
fn strict_turns_warnings_into_failure() {
    let page = std::env::temp_dir().join(format!("boardpack-strict-{}.md", std::process::id()));
    std::fs::write(&page, "# P\n\nText {{ site.data.x }}\n").unwrap_or_else(|e| panic!("{e}"));
    let page = page.to_str().unwrap_or_default();
    assert_eq!(check(&[page]).0, Some(0));
    assert_eq!(check(&["--strict", page]).0, Some(1));
    let _ = std::fs::remove_file(page);
}

#[test]
fn pdf_ua_says_what_the_report_would_claim_and_what_stops_it() {
    let seed = seed();
    let (code, _, stderr) = check(&["--pdf-ua", seed.to_str().unwrap_or_default()]);
    // The seed has a date error (exit 1); its report is still accessible.
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("would claim PDF/UA-1 and PDF/A-2a"), "{stderr}");
    let page = crate::common::fixtures().join("diagnostics/asset__missing-alt.md");
    let (code, _, stderr) = check(&["--pdf-ua", "--format", "short", page.to_str().unwrap_or_default()]);
    assert_eq!(code, Some(0), "warnings only: {stderr}");
    assert!(stderr.contains("asset__missing-alt.md:5:5: warning[asset::missing-alt]"), "{stderr}");
    assert!(stderr.contains("render::not-accessible"), "{stderr}");
    assert!(stderr.contains("would claim PDF/A-2b"), "{stderr}");
    // Without --pdf-ua nothing is laid out, so nothing is said about alternative texts.
    let (_, _, plain) = check(&[page.to_str().unwrap_or_default()]);
    assert!(!plain.contains("missing-alt"), "{plain}");
}
