//! Fonts for characters the bundled fonts lack: from `--font-path` folders, then the
//! system's; the bundled fonts still draw everything they can, so other reports do not
//! change.

use std::path::{Path, PathBuf};
use std::process::Command;

fn boardpack() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_boardpack"));
    command.env_remove("BOARDPACK_FONT_PATHS").env_remove("BOARDPACK_NO_SYSTEM_FONTS");
    command
}

/// A Japanese roadmap page whose text the fixture font covers.
const PAGE: &str = "---\ntitle: 路線図\nlang: ja\n---\n\n# 路線図\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section 計画\n    年計画 :a1, 2026-01-05, 30d\n```\n";

fn write_page(dir: &Path) -> PathBuf {
    let page = dir.join("page.md");
    std::fs::write(&page, PAGE).unwrap_or_else(|e| panic!("{e}"));
    page
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("boardpack-fonts-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

#[test]
fn a_font_path_draws_what_the_bundled_fonts_lack_and_is_named() {
    let dir = temp_dir("path");
    let page = write_page(&dir);
    let fonts = std::fs::canonicalize("tests/fixtures/fonts").unwrap_or_else(|e| panic!("{e}"));
    let out = boardpack()
        .args(["export", "--today", "2026-02-15", "--no-system-fonts", "--format", "short", "--font-path"])
        .arg(&fonts)
        .arg(&page)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("render::missing-glyph"), "{stderr}");
    assert!(stderr.contains("render::fallback-font") && stderr.contains("Noto Sans CJK JP"), "{stderr}");
    assert!(dir.join("page.pdf").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_any_font_for_a_character_strict_refuses() {
    let dir = temp_dir("strict");
    let page = write_page(&dir);
    let out = boardpack()
        .args(["export", "--today", "2026-02-15", "--no-system-fonts", "--strict", "--format", "short"])
        .arg(&page)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("render::missing-glyph"), "{stderr}");
    assert!(!dir.join("page.pdf").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_font_path_that_is_not_a_folder_is_a_usage_error() {
    let out = boardpack()
        .args(["export", "--font-path", "/nonexistent-boardpack-fonts", "x.md"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
}

/// CI installs Debian's fonts-noto-cjk and sets BOARDPACK_REQUIRE_CJK=1: then a Chinese,
/// a Japanese and a Korean page must have no missing glyph with the system's fonts.
#[test]
fn with_system_cjk_fonts_no_glyph_is_missing() {
    let required = std::env::var_os("BOARDPACK_REQUIRE_CJK").is_some();
    let has_cjk = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/noto-cjk"]
        .iter()
        .any(|p| Path::new(p).exists());
    if !required && !has_cjk {
        eprintln!("skipped: no CJK system font (install fonts-noto-cjk)");
        return;
    }
    let dir = temp_dir("cjk");
    for (name, text) in [
        ("zh", "项目路线图，第一季度完成需求分析，第二季度开发。"),
        ("ja", "プロジェクトの計画、第一四半期に要件定義を行う。"),
        ("ko", "프로젝트 로드맵 1분기에 요구사항을 분석합니다."),
    ] {
        let page = dir.join(format!("{name}.md"));
        let body = format!(
            "# {text}\n\n{text}\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section {text}\n    {text} :a1, 2026-01-05, 30d\n```\n"
        );
        std::fs::write(&page, body).unwrap_or_else(|e| panic!("{e}"));
        let out = boardpack()
            .args(["export", "--today", "2026-02-15", "--strict", "--format", "short"])
            .arg(&page)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{name}: {stderr}");
        assert!(!stderr.contains("missing-glyph"), "{name}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A page whose only Japanese text is inside a drawn diagram (Typst draws it inside the
/// SVG, where the laid-out glyphs cannot show what is missing).
const DIAGRAM_PAGE: &str = "# Plan\n\n```mermaid\nflowchart LR\n  A[年計画] --> B[計画]\n```\n";

#[test]
fn characters_only_in_a_diagram_get_a_fallback_font_or_a_missing_glyph_warning() {
    let dir = temp_dir("diagram");
    let page = dir.join("page.md");
    std::fs::write(&page, DIAGRAM_PAGE).unwrap_or_else(|e| panic!("{e}"));
    let fonts = std::fs::canonicalize("tests/fixtures/fonts").unwrap_or_else(|e| panic!("{e}"));
    let run = |extra: &[&std::ffi::OsStr]| {
        let out = boardpack()
            .args(["export", "--today", "2026-02-15", "--no-system-fonts", "--format", "short"])
            .args(extra)
            .arg(&page)
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    // With the fixture font: drawn with it, and said.
    let (code, stderr) = run(&["--font-path".as_ref(), fonts.as_os_str()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("render::fallback-font") && !stderr.contains("render::missing-glyph"),
        "{stderr}"
    );
    // Without any: the characters are named, and the PDF claims no standard up front
    // (not a refusal by the PDF writer).
    let (code, stderr) = run(&[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("render::missing-glyph") && stderr.contains("render::not-archival"), "{stderr}");
    assert!(!stderr.contains("render::standard-refused"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
