//! A fixed set of hostile and faulty pages, each run through `export`, `check` and `batch`
//! as a user would, under a memory cap (`prlimit`, when the machine has it): no internal
//! error (exit 70), no abort or panic, the diagnostics expected, and every PDF written is
//! valid (`qpdf --check`, when the machine has it, else its start and end).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// What any page may take: the README promises less than 1.5 GB.
const MEMORY_CAP_BYTES: u64 = 3 * 1024 * 1024 * 1024;

fn has(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success())
}

fn boardpack(args: &[&str], dir: &Path) -> Output {
    let bin = env!("CARGO_BIN_EXE_boardpack");
    let mut command = if has("prlimit") {
        let mut c = Command::new("prlimit");
        c.arg(format!("--as={MEMORY_CAP_BYTES}")).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("BOARDPACK_FONT_PATHS")
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn valid_pdf(path: &Path) -> bool {
    if has("qpdf") {
        // 0: fine, 3: warnings only (poppler and qpdf differ on PDF/A trivia).
        return Command::new("qpdf")
            .arg("--check")
            .arg(path)
            .output()
            .is_ok_and(|o| matches!(o.status.code(), Some(0 | 3)));
    }
    let bytes = std::fs::read(path).unwrap_or_default();
    bytes.starts_with(b"%PDF-") && bytes.windows(5).rev().take(64).any(|w| w == b"%%EOF")
}

/// (file name, bytes, a code its diagnostics must include, or "" for none in particular).
fn pages() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let chain: String = (0..9).map(|_| " | replace: \"a\", \"aaaaaaaaaa\"").collect();
    let gantt = |body: &str| {
        format!("# Plan\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section S\n{body}```\n")
    };
    vec![
        (
            "c1-controls.md",
            "# Plan \u{85}\u{81}\n\nText \u{9b} and \u{9f}.\n".as_bytes().to_vec(),
            "decode::control-character",
        ),
        (
            "cp1252-undefined.md",
            b"# Plan\n\nBytes \x81 \x8d \x8f \x90 \x9d.\n".to_vec(),
            "decode::control-character",
        ),
        (
            "long-word.md",
            format!("# Plan\n\n{}\n\n`{}`\n", "x".repeat(20_000), "y".repeat(17_000)).into_bytes(),
            "",
        ),
        (
            "long-url.md",
            format!("# Plan\n\n[link](https://example.org/{})\n", "a".repeat(9_000)).into_bytes(),
            "markdown::long-url",
        ),
        (
            "liquid-bomb.md",
            format!("# Plan\n\n{{{{ \"aaaa\"{chain} }}}}\n").into_bytes(),
            "liquid::too-large",
        ),
        (
            "huge-numbers.md",
            gantt("    A :a, 2026-01-01, 99999999999d\n    B :b, 99999-01-01, 3d\n").into_bytes(),
            "gantt::",
        ),
        (
            "many-paragraphs.md",
            format!("# Plan\n\n{}", "p\n\n".repeat(80_000)).into_bytes(),
            "report::too-large",
        ),
        (
            "wide-table.md",
            {
                let row = |c: &str| format!("|{}|\n", vec![c; 60].join("|"));
                format!("# Plan\n\n{}{}{}", row("h"), row("---"), row("c").repeat(50)).into_bytes()
            },
            "report::too-wide",
        ),
        (
            "utf32.md",
            {
                let mut bytes = vec![0xFF, 0xFE, 0, 0];
                bytes.extend("# Plan\n\nÅr\n".chars().flat_map(|c| (c as u32).to_le_bytes()));
                bytes
            },
            "",
        ),
        (
            "escapes.md",
            "---\ntitle: \"a\\e]0;title\\a\"\n---\n\n# \u{1b}[31mred\n\n::error::not a command\n"
                .as_bytes()
                .to_vec(),
            "",
        ),
        // Diagrams that are not gantt charts: nesting at the bound, a circular sankey,
        // numbers past any range, a front matter whose text cannot be measured, a NUL.
        (
            "diagram-nested-subgraphs.md",
            diagram(&format!("flowchart TD\n{}a-->b\n{}", "subgraph s\n".repeat(40), "end\n".repeat(40))),
            "",
        ),
        ("diagram-sankey-cycle.md", diagram("sankey-beta\nA,B,10\nB,A,10\n"), "mermaid::rejected"),
        (
            "diagram-huge-numbers.md",
            diagram("xychart-beta\n x-axis [a,b]\n y-axis 0 --> 1e308\n bar [1e308, -1e308]\n"),
            "",
        ),
        (
            "diagram-font-size.md",
            diagram("---\nconfig:\n  themeVariables:\n    fontSize: 0.0001px\n---\nflowchart LR\n a-->b\n"),
            "mermaid::rejected",
        ),
        ("diagram-nul.md", diagram("flowchart LR\n a\u{0}b --> c\n"), ""),
        // A diagram for a page of its own, and one cut across pages, where no page can
        // start: in a list item, in a quote, in a track's activities.
        (
            "diagram-tall-in-list.md",
            format!(
                "# Plan\n\n- First\n\n  ```mermaid\n  flowchart TD\n  {}\n  ```\n",
                (0..20).map(|i| format!("s{i}[Step {i}]")).collect::<Vec<_>>().join(" --> ")
            )
            .into_bytes(),
            "",
        ),
        (
            "diagram-pieces-in-quote.md",
            format!(
                "# Plan\n\n> ```mermaid\n> timeline\n{}> ```\n",
                (0..16).map(|i| format!(">     Period {i:02} : Event number {i:02}\n")).collect::<String>()
            )
            .into_bytes(),
            "",
        ),
        (
            "diagram-pieces-in-track.md",
            format!(
                "# Plan\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section Build\n    Code :b1, 2026-01-05, 20d\n```\n\n## Build\n\n- Write\n\n  ```mermaid\n  timeline\n{}  ```\n",
                (0..16).map(|i| format!("      Period {i:02} : Event number {i:02}\n")).collect::<String>()
            )
            .into_bytes(),
            "",
        ),
        (
            "diagram-evil-directive.md",
            diagram(
                "%%{init: {\"fontSize\": 1e9, \"themeCSS\": \"@import url(http://x/y.css);\", \"fontFamily\": \"../../etc/passwd\"}}%%\nflowchart LR\n a-->b\n",
            ),
            "",
        ),
    ]
}

/// A page with one Mermaid block holding `body`.
fn diagram(body: &str) -> Vec<u8> {
    format!("# Diagram\n\n```mermaid\n{body}```\n\nAfter the diagram.\n").into_bytes()
}

fn write_pages(dir: &Path) -> Vec<PathBuf> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("pages")).unwrap_or_else(|e| panic!("{e}"));
    pages()
        .iter()
        .map(|(name, bytes, _)| {
            let path = dir.join("pages").join(name);
            std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
            path
        })
        .collect()
}

fn ends_well(what: &str, out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    assert!(matches!(code, Some(0 | 1)), "{what}: exit {code:?}\n{}", &stderr[..stderr.len().min(2000)]);
    assert!(!stderr.contains("panicked") && !stderr.contains("internal error"), "{what}: {stderr}");
    assert!(!stderr.contains('\u{1b}'), "{what}: a terminal escape reached stderr");
    assert!(!stderr.lines().any(|l| l.starts_with("::")), "{what}: a line starts a workflow command");
}

#[test]
fn hostile_pages_export_check_and_batch_without_internal_errors() {
    let dir = std::env::temp_dir().join(format!("boardpack-hostile-{}", std::process::id()));
    let paths = write_pages(&dir);
    for ((name, _, code), path) in pages().iter().zip(&paths) {
        let pdf = dir.join(format!("{name}.pdf"));
        let page = path.to_string_lossy().to_string();
        let out = boardpack(
            &["export", &page, "-o", &pdf.to_string_lossy(), "--today", "2026-02-15", "--format", "short"],
            &dir,
        );
        ends_well(&format!("export {name}"), &out);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(code), "export {name}: no {code}\n{}", &stderr[..stderr.len().min(2000)]);
        assert!(pdf.exists() && valid_pdf(&pdf), "export {name}: no valid PDF");
        let out = boardpack(&["check", &page, "--today", "2026-02-15", "--format", "json"], &dir);
        ends_well(&format!("check {name}"), &out);
        for line in String::from_utf8_lossy(&out.stderr).lines() {
            assert!(
                serde_json::from_str::<serde_json::Value>(line).is_ok(),
                "check {name}: not JSON: {line}"
            );
        }
    }
    let out_dir = dir.join("out");
    let pages_dir = dir.join("pages").to_string_lossy().to_string();
    let out = boardpack(
        &[
            "batch",
            &pages_dir,
            "--out-dir",
            &out_dir.to_string_lossy(),
            "--today",
            "2026-02-15",
            "--jobs",
            "2",
        ],
        &dir,
    );
    ends_well("batch", &out);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out_dir.join("manifest.json")).unwrap_or_default())
            .unwrap_or_default();
    assert_eq!(
        manifest["documents"].as_array().map(Vec::len),
        Some(pages().len()),
        "every page is in the manifest"
    );
    for written in std::fs::read_dir(&out_dir).into_iter().flatten().flatten() {
        let path = written.path();
        if path.extension().is_some_and(|e| e == "pdf") {
            assert!(valid_pdf(&path), "batch: {} is not a valid PDF", path.display());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A killed export leaves no temporary file beside its target.
#[cfg(unix)]
#[test]
fn an_interrupted_export_removes_its_temporary_file() {
    let dir = std::env::temp_dir().join(format!("boardpack-interrupt-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let tasks: String =
        (0..6000).map(|i| format!("    Task {i} :t{i}, 2026-01-01, {}d\n", 1 + i % 30)).collect();
    std::fs::write(
        dir.join("big.md"),
        format!("# Big\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section S\n{tasks}```\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let temp_left = || {
        std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
    };
    // The temporary file lives for the few milliseconds of the write: try until the signal
    // lands while it exists.
    let mut interrupted = false;
    for _ in 0..5 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_boardpack"))
            .args(["export", "big.md", "--today", "2026-02-15"])
            .current_dir(&dir)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        let started = std::time::Instant::now();
        let mut seen = false;
        while started.elapsed() < std::time::Duration::from_secs(60) {
            if temp_left() {
                seen = true;
                break;
            }
            if child.try_wait().ok().flatten().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_micros(50));
        }
        let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
        let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
        assert!(!temp_left(), "a temporary file was left in {}", dir.display());
        // 143 = 128 + SIGTERM: the signal ended the run while it was writing.
        if seen && status.code() == Some(143) {
            interrupted = true;
            break;
        }
    }
    assert!(interrupted, "the signal never landed during a write");
    let _ = std::fs::remove_dir_all(&dir);
}
