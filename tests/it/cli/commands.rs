//! The binary as a user runs it.

use super::{boardpack, temp_dir};
use crate::common::{fixtures, seed};

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
    for standard in ["a-4", "a-2a,a-2b", "none,ua-1"] {
        let target = std::env::temp_dir().join(format!("boardpack-standard-{}.pdf", std::process::id()));
        let out = boardpack()
            .args(["export", "--pdf-standard", standard, "-o"])
            .arg(&target)
            .arg(seed())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "--pdf-standard {standard}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("standard"), "{standard}");
        assert!(!target.exists(), "{standard}: nothing is written");
    }
}

#[test]
fn help_shows_examples() {
    let out = boardpack().arg("--help").output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Examples:") && text.contains("Exit codes:"), "{text}");
    assert!(fixtures().exists());
}

#[test]
fn export_writes_beside_the_input_and_refuses_to_overwrite_it() {
    let dir = temp_dir("export");
    let page = dir.join("roadmap.md");
    std::fs::copy(seed(), &page).unwrap_or_else(|e| panic!("{e}"));
    let out = boardpack().args(["export", "--today", "2026-02-15"]).arg(&page).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = std::fs::read(dir.join("roadmap.pdf")).unwrap_or_default();
    assert!(pdf.starts_with(b"%PDF-"));

    let over_input = boardpack()
        .args(["export", "--today", "2026-02-15"])
        .arg(&page)
        .arg("-o")
        .arg(&page)
        .output()
        .expect("run");
    assert_eq!(over_input.status.code(), Some(4));
    assert!(
        std::fs::read_to_string(&page).unwrap_or_default().contains("gantt"),
        "the input was overwritten"
    );

    let over_dir = boardpack()
        .args(["export", "--today", "2026-02-15"])
        .arg(&page)
        .arg("-o")
        .arg(&dir)
        .output()
        .expect("run");
    assert_eq!(over_dir.status.code(), Some(4));

    // --strict with problems: no PDF, and the earlier good PDF is left as it was.
    let strict =
        boardpack().args(["export", "--strict", "--today", "2026-02-15"]).arg(&page).output().expect("run");
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(std::fs::read(dir.join("roadmap.pdf")).unwrap_or_default(), pdf);
    let leftovers = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok).filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).count()
        })
        .unwrap_or(0);
    assert_eq!(leftovers, 0, "a temporary file was left behind");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn several_files_export_together_and_report_in_the_order_given() {
    let dir = temp_dir("export-many");
    let names = ["a.md", "b.md", "missing.md", "c.md"];
    for name in ["a.md", "b.md", "c.md"] {
        std::fs::copy(seed(), dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = boardpack()
        .args(["export", "--today", "2026-02-15"])
        .args(names.iter().map(|n| dir.join(n)))
        .output()
        .expect("run");
    // The missing file gives exit code 3; the files after it are still exported.
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let position =
        |needle: &str| stderr.find(needle).unwrap_or_else(|| panic!("no {needle:?} in:\n{stderr}"));
    let (a, b, missing, c) =
        (position("wrote "), position("b.pdf"), position("missing.md"), position("c.pdf"));
    assert!(a < b && b < missing && missing < c, "out of order:\n{stderr}");
    // Each file's diagnostics come right before its own "wrote" line.
    assert_eq!(stderr.matches("b.md:28:53").count(), 1);
    assert!(stderr.find("b.md:28:53").is_some_and(|at| a < at && at < b), "{stderr}");
    for name in ["a.pdf", "b.pdf", "c.pdf"] {
        assert!(std::fs::read(dir.join(name)).unwrap_or_default().starts_with(b"%PDF-"), "{name}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn quarter_and_minutes_exports_get_their_own_names() {
    let dir = temp_dir("names");
    let page = dir.join("plan.md");
    std::fs::copy(seed(), &page).unwrap_or_else(|e| panic!("{e}"));
    for args in
        [&["--quarter", "K1 2026"][..], &["--template", "minutes", "--meeting-date", "2026-03-12"][..]]
    {
        let out = boardpack()
            .args(["export", "--today", "2026-02-15"])
            .args(args)
            .arg(&page)
            .output()
            .expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(dir.join("plan_2026-Q1.pdf").exists());
    assert!(dir.join("plan_minutes.pdf").exists());
    let bad = boardpack().args(["export", "--quarter", "2026-Q5"]).arg(&page).output().expect("run");
    assert_eq!(bad.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn batch_goes_past_a_bad_file_and_writes_a_manifest() {
    let dir = temp_dir("batch");
    let docs = dir.join("docs");
    std::fs::create_dir_all(docs.join("sub")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(seed(), docs.join("seed.md")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy(fixtures().join("corpus/os2forms-roadmap-final.md"), docs.join("sub/final.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(docs.join("notes.md"), "# Just notes\n\nNo chart here.\n")
        .unwrap_or_else(|e| panic!("{e}"));
    #[cfg(unix)]
    let _ = std::os::unix::fs::symlink(dir.join("nowhere.md"), docs.join("broken.md"));
    let out_dir = dir.join("out");
    let out = boardpack()
        .args([
            "batch",
            "--today",
            "2026-02-15",
            "--quarters",
            "2025-Q4..2026-Q1",
            "--jobs",
            "2",
            "--out-dir",
        ])
        .arg(&out_dir)
        .arg(&docs)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "a failed document must show in the exit code: {stderr}");
    assert!(stderr.contains("broken.md"), "{stderr}");
    for name in [
        "seed_2025-Q4.pdf",
        "seed_2026-Q1.pdf",
        "final_2026-Q1.pdf",
        "board-pack_2026-Q1.pdf",
        "manifest.json",
    ] {
        assert!(out_dir.join(name).exists(), "{name} missing: {stderr}");
    }
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("manifest.json")).unwrap_or_default())
            .expect("manifest JSON");
    let statuses: Vec<(String, String)> = manifest["documents"]
        .as_array()
        .map(|docs| {
            docs.iter()
                .map(|d| {
                    (
                        d["input"].as_str().unwrap_or("").rsplit('/').next().unwrap_or("").to_string(),
                        d["status"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert!(statuses.contains(&("broken.md".into(), "failed".into())), "{statuses:?}");
    assert!(statuses.contains(&("notes.md".into(), "skipped".into())), "{statuses:?}");
    assert!(statuses.contains(&("seed.md".into(), "ok".into())), "{statuses:?}");

    // A rerun with unchanged inputs writes identical files.
    let before = std::fs::read(out_dir.join("board-pack_2026-Q1.pdf")).unwrap_or_default();
    let _ = boardpack()
        .args(["batch", "--today", "2026-02-15", "--quarters", "2025-Q4..2026-Q1", "--out-dir"])
        .arg(&out_dir)
        .arg(&docs)
        .output();
    assert_eq!(std::fs::read(out_dir.join("board-pack_2026-Q1.pdf")).unwrap_or_default(), before);
    let _ = std::fs::remove_dir_all(&dir);
}
