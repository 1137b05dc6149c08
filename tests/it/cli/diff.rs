//! Baselines from files and git revisions, through the binary: `diff`, and `--baseline` /
//! `--since` on `inspect`, `export` and `batch`, in a small repository made for the test.

use super::{boardpack, temp_dir};
use crate::common::fixtures;
use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str], date: &str) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Secretariat",
            "-c",
            "user.email=secretariat@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env_remove("GIT_DIR")
        .output()
        .unwrap_or_else(|e| panic!("git: {e}"));
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn git_available() -> bool {
    Command::new("git").arg("--version").output().is_ok_and(|o| o.status.success())
}

/// A repository with three versions of `docs/road.md`: 10 January (plan-v1), 15 February
/// (Backend API slipped to 15 May) and 20 March 2026 (plan-v2, plus a new page).
fn repository(name: &str) -> PathBuf {
    let dir = temp_dir(&format!("repo-{name}"));
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap_or_else(|e| panic!("{e}"));
    let v1 = std::fs::read_to_string(fixtures().join("changes/plan-v1.md")).unwrap_or_else(|e| panic!("{e}"));
    let v2 = std::fs::read_to_string(fixtures().join("changes/plan-v2.md")).unwrap_or_else(|e| panic!("{e}"));
    git(&dir, &["init", "-q"], "2026-01-10T10:00:00+00:00");
    std::fs::write(docs.join("road.md"), &v1).unwrap_or_else(|e| panic!("{e}"));
    git(&dir, &["add", "."], "2026-01-10T10:00:00+00:00");
    git(&dir, &["commit", "-q", "-m", "first plan"], "2026-01-10T10:00:00+00:00");
    let middle = v1.replacen("2026-03-02, 2026-04-30", "2026-03-02, 2026-05-15", 1);
    std::fs::write(docs.join("road.md"), middle).unwrap_or_else(|e| panic!("{e}"));
    git(&dir, &["commit", "-q", "-am", "backend slips"], "2026-02-15T10:00:00+00:00");
    std::fs::write(docs.join("road.md"), &v2).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(docs.join("new.md"), &v2).unwrap_or_else(|e| panic!("{e}"));
    git(&dir, &["add", "."], "2026-03-20T10:00:00+00:00");
    git(&dir, &["commit", "-q", "-m", "second plan"], "2026-03-20T10:00:00+00:00");
    dir
}

fn inspect_changes(dir: &Path, file: &str, args: &[&str]) -> serde_json::Value {
    let out = boardpack()
        .current_dir(dir)
        .args(["inspect", file, "--today", "2026-03-20"])
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let model: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    model["changes"].clone()
}

#[test]
fn since_and_baseline_rev_pick_the_right_versions() {
    if !git_available() {
        eprintln!("skipped: no git");
        return;
    }
    let dir = repository("pick");
    let first = git(&dir, &["rev-parse", "HEAD~2"], "");
    let second = git(&dir, &["rev-parse", "HEAD~1"], "");
    // The meeting of 20 February saw the second version.
    let since = inspect_changes(&dir, "docs/road.md", &["--since", "2026-02-20"]);
    assert_eq!(since["baseline"]["commit"], second.as_str());
    assert_eq!(since["baseline"]["date"], "2026-02-20");
    // Backend API had already slipped by then: it only started since.
    let items = since["items"].as_array().cloned().unwrap_or_default();
    let backend = items.iter().find(|c| c["name"] == "Backend API").cloned().unwrap_or_default();
    assert!(backend["end_shift_days"].is_null() && backend["kind"] == "changed", "{since:#}");
    assert_eq!(since["summary"]["slipped"], 1, "only Go-live slipped since 20 February: {since:#}");
    // On the day of the first commit, the first version.
    let on_the_day = inspect_changes(&dir, "docs/road.md", &["--since", "2026-01-10"]);
    assert_eq!(on_the_day["baseline"]["commit"], first.as_str());
    let by_rev = inspect_changes(&dir, "docs/road.md", &["--baseline", "HEAD~2"]);
    assert_eq!(by_rev["baseline"]["commit"], first.as_str());
    assert_eq!(by_rev["baseline"]["source"], "HEAD~2:docs/road.md");
    assert_eq!(by_rev["baseline"]["date"], "2026-01-10");
    assert_eq!(by_rev["summary"]["slipped"], 2);
    // From another folder of the repository, the page's own path is used.
    let from_docs = inspect_changes(&dir.join("docs"), "road.md", &["--baseline", "HEAD~2"]);
    assert_eq!(from_docs["baseline"]["commit"], first.as_str());
    let _ = std::fs::remove_dir_all(&dir);
}

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = boardpack().current_dir(dir).args(args).output().unwrap_or_else(|e| panic!("{e}"));
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn missing_versions_are_input_errors_and_bad_dates_usage_errors() {
    if !git_available() {
        eprintln!("skipped: no git");
        return;
    }
    let dir = repository("errors");
    let (code, err) = run(&dir, &["inspect", "docs/road.md", "--baseline", "no-such-rev"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("unknown revision"), "{err}");
    let (code, err) = run(&dir, &["inspect", "docs/new.md", "--baseline", "HEAD~1"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("not in the repository at HEAD~1"), "{err}");
    let (code, err) = run(&dir, &["inspect", "docs/road.md", "--since", "2025-12-31"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("did not exist yet on 2025-12-31"), "{err}");
    let (code, err) = run(&dir, &["inspect", "docs/road.md", "--since", "2026-13-01"]);
    assert_eq!(code, 2, "{err}");
    let (code, err) = run(&dir, &["export", "docs/road.md", "--baseline", "--output=x.pdf"]);
    assert_eq!(code, 2, "{err}");
    // A batch compares each page with its own history: one file for all is refused.
    let (code, err) = run(&dir, &["batch", "docs", "--out-dir", "board", "--baseline", "docs/road.md"]);
    assert_eq!(code, 2, "{err}");
    assert!(!dir.join("board").exists());
    let (code, err) = run(&dir, &["diff", "missing.md", "docs/road.md"]);
    assert_eq!(code, 3, "{err}");
    // Nothing was written by the failed exports.
    assert!(!dir.join("docs/road.pdf").exists() && !dir.join("x.pdf").exists());
    // Outside any repository a revision cannot be read.
    let outside = temp_dir("outside");
    std::fs::copy(fixtures().join("changes/plan-v2.md"), outside.join("road.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let (code, err) = run(&outside, &["export", "road.md", "--baseline", "HEAD"]);
    assert_eq!(code, 3, "{err}");
    assert!(!outside.join("road.pdf").exists());
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&outside);
}

#[test]
fn diff_prints_text_json_and_markdown() {
    if !git_available() {
        eprintln!("skipped: no git");
        return;
    }
    let dir = repository("formats");
    let diff = |format: &str| {
        let out = boardpack()
            .current_dir(&dir)
            .args([
                "diff",
                "HEAD~2:docs/road.md",
                "docs/road.md",
                "--today",
                "2026-03-20",
                "--format",
                format,
            ])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let text = diff("text");
    assert!(text.contains("Changes since 10 January 2026"), "{text}");
    assert!(text.contains("2 slipped (largest +15 days)"), "{text}");
    assert!(text.contains("Renamed") || text.contains("formerly: Training material"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&diff("json")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["summary"]["added"], 1);
    assert_eq!(json["summary"]["removed"], 1);
    let markdown = diff("markdown");
    assert!(markdown.contains("| Change | Task | Track | Before | Now | Shift |"), "{markdown}");
    assert!(markdown.lines().filter(|l| l.starts_with("| ")).count() >= 10, "{markdown}");
    // Two files, identical: no changes, said in words.
    let same = boardpack()
        .args(["diff", "--lang", "en", "--today", "2026-03-20"])
        .arg(fixtures().join("changes/plan-v2.md"))
        .arg(fixtures().join("changes/plan-v2.md"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(String::from_utf8_lossy(&same.stdout).contains("No changes to the timeline."));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_and_batch_compare_each_page_with_its_own_history() {
    if !git_available() {
        eprintln!("skipped: no git");
        return;
    }
    let dir = repository("export");
    let (code, err) =
        run(&dir, &["export", "docs/road.md", "--since", "2026-02-20", "--today", "2026-03-20"]);
    assert_eq!(code, 0, "{err}");
    let pdf = std::fs::read(dir.join("docs/road.pdf")).unwrap_or_else(|e| panic!("{e}"));
    assert!(pdf.starts_with(b"%PDF-"));
    // docs/new.md did not exist on 20 February: it is exported without changes, and said so.
    let (code, err) = run(
        &dir,
        &[
            "batch",
            "docs",
            "--out-dir",
            "board",
            "--since",
            "2026-02-20",
            "--today",
            "2026-03-20",
            "--format",
            "human",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("new.md") && err.contains("exported without changes"), "{err}");
    let manifest = std::fs::read_to_string(dir.join("board/manifest.json")).unwrap_or_else(|e| panic!("{e}"));
    assert!(manifest.contains("board-pack.pdf"), "{manifest}");
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap_or_else(|e| panic!("{e}"));
    let road = manifest["documents"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["input"].as_str().is_some_and(|i| i.ends_with("road.md"))).cloned())
        .unwrap_or_default();
    assert_eq!(road["changes"]["slipped"], 1, "{manifest:#}");
    let _ = std::fs::remove_dir_all(&dir);
}
