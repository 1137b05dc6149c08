//! Hostile input: nothing executes, nothing outside the document's folder is read, and
//! every bound holds with a clear diagnostic.

use boardpack::read::{ReadOptions, read_bytes, read_path};
use boardpack::render::{self, readback as inspect};
use boardpack::view;

fn opts() -> ReadOptions {
    crate::common::read_options()
}

fn report_text(bytes: &[u8], dir: Option<&std::path::Path>) -> (String, Vec<String>) {
    let document = read_bytes(bytes, "page.md", dir, &opts());
    let options = crate::common::report_options(boardpack::locale::Lang::En);
    let data = view::build(&document.roadmap, &options);
    let laid_out = render::compile(&data, dir).unwrap_or_else(|e| panic!("{e}"));
    let codes = document.roadmap.diagnostics.iter().map(|d| d.code.to_string()).collect();
    (inspect::page_texts(&laid_out).join(" "), codes)
}

#[test]
fn document_text_never_runs_as_typst_code() {
    let page = "---\ntitle: \"#read(\\\"/etc/passwd\\\") $x$\"\n---\n# Plan #panic(\"x\")\n\nText #read(\"/etc/passwd\") and `#import \"/x\"` ]) } \\\\ // /* <l> @r = h\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section #read(\"/etc/passwd\")\n    Task #panic(\"x\") :a, 2025-01-01, 3d\n```\n";
    let (text, _) = report_text(page.as_bytes(), None);
    for literal in ["#read(\"/etc/passwd\")", "$x$", "#panic(\"x\")", "#import \"/x\"", "@r = h"] {
        assert!(text.contains(literal), "{literal} not printed literally: {text}");
    }
    assert!(!text.contains("root:"), "a file was read");
}

#[test]
fn images_outside_the_folder_are_refused() {
    let dir = std::env::temp_dir().join(format!("boardpack-safety-{}", std::process::id()));
    let inner = dir.join("doc");
    std::fs::create_dir_all(&inner).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("secret.png"), b"\x89PNG not really").unwrap_or_else(|e| panic!("{e}"));
    #[cfg(unix)]
    let _ = std::os::unix::fs::symlink(dir.join("secret.png"), inner.join("link.png"));
    let page = "# P\n\n![a](../../etc/passwd) ![b](/etc/passwd) ![c](../secret.png) ![d](link.png)\n";
    std::fs::write(inner.join("page.md"), page).unwrap_or_else(|e| panic!("{e}"));
    let document = read_path(&inner.join("page.md"), &opts()).unwrap_or_else(|e| panic!("{e}"));
    let outside = document.roadmap.diagnostics.iter().filter(|d| d.code == "asset::outside-folder").count();
    assert_eq!(outside, 4, "{:?}", document.roadmap.diagnostics);
    let json = serde_json::to_string(&document.roadmap.blocks).unwrap_or_default();
    assert!(!json.contains("\"path\""), "an image outside the folder got a path: {json}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_billion_laughs_front_matter_is_refused_quickly() {
    let mut page = String::from(
        "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut previous = 'a';
    for name in "bcdefghi".chars() {
        page.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{previous}"); 9].join(",")));
        previous = name;
    }
    page.push_str("---\n# Bomb\n");
    let document = read_bytes(page.as_bytes(), "bomb.md", None, &opts());
    assert!(document.roadmap.diagnostics.iter().any(|d| d.code == "frontmatter::yaml" && d.line == Some(2)));
    assert_eq!(document.roadmap.title, "Bomb");
}

#[test]
fn a_50_mb_file_is_refused_with_a_clear_error() {
    let path = std::env::temp_dir().join(format!("boardpack-big-{}.md", std::process::id()));
    let line = "lorem ipsum dolor sit amet\n";
    std::fs::write(&path, line.repeat(50 * 1024 * 1024 / line.len())).unwrap_or_else(|e| panic!("{e}"));
    let error = read_path(&path, &opts()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(error.contains("50 MiB") && error.contains("8 MiB"), "{error}");
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_thousand_level_list_keeps_every_item() {
    let page: String = std::iter::once("# Deep\n\n".to_string())
        .chain((0..1000).map(|i| format!("{}- level {i}\n", "  ".repeat(i))))
        .collect();
    let (text, codes) = report_text(page.as_bytes(), None);
    assert!(codes.iter().any(|c| c == "markdown::too-deep"));
    for i in [0, 7, 8, 500, 999] {
        assert!(text.contains(&format!("level {i} ")), "level {i} lost");
    }
}

#[test]
fn a_chart_spanning_ten_thousand_years_is_drawn() {
    let page = "# Long\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    excludes weekends\n    section A\n    Very long :a, 0001-01-01, 9999-12-31\n    Later :after a, 3d\n```\n";
    let (text, _) = report_text(page.as_bytes(), None);
    assert!(text.contains("Very long"));
}

#[test]
fn fuzz_finds_stay_fixed() {
    // Inputs the fuzzers found (see the README of tests/fuzz); each must read, with
    // diagnostics, and lay out. Their timings are in `cargo bench --bench hostile`.
    for entry in std::fs::read_dir("tests/fixtures/fuzz").into_iter().flatten().flatten() {
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        let (_, codes) = report_text(&bytes, None);
        assert!(!codes.is_empty(), "{}", entry.path().display());
    }
}

/// Writes `page` as `page.md` into `dir` and exports it in English.
fn export_page_in(dir: &std::path::Path, page: &str) -> (boardpack::read::Document, render::LaidOut) {
    let path = dir.join("page.md");
    std::fs::write(&path, page).unwrap_or_else(|e| panic!("{e}"));
    let mut document = read_path(&path, &opts()).unwrap_or_else(|e| panic!("{e}"));
    let options = crate::common::report_options(boardpack::locale::Lang::En);
    let (_, laid_out) =
        crate::common::export_laid_out(&mut document, &options).unwrap_or_else(|e| panic!("{e}"));
    (document, laid_out)
}

/// A valid 1×1 PNG (a green pixel).
const TINY_PNG: [u8; 69] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 144,
    119, 83, 222, 0, 0, 0, 12, 73, 68, 65, 84, 120, 156, 99, 248, 207, 192, 0, 0, 3, 1, 1, 0, 201, 254, 146,
    239, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn one_broken_image_is_named_and_the_others_are_still_embedded() {
    let dir = std::env::temp_dir().join(format!("boardpack-images-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("good.png"), TINY_PNG).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("broken.png"), b"\x89PNG not really").unwrap_or_else(|e| panic!("{e}"));
    let page = "# Images\n\n![Good picture](good.png)\n\n![Broken picture](broken.png)\n";
    let (document, laid_out) = export_page_in(&dir, page);
    let bad: Vec<_> = document.roadmap.diagnostics.iter().filter(|d| d.code == "asset::bad-image").collect();
    assert_eq!(bad.len(), 1, "{bad:#?}");
    assert!(bad[0].message.contains("broken.png"));
    assert_eq!((bad[0].line, bad[0].column), (Some(5), Some(19)));
    let text = inspect::page_texts(&laid_out).join(" ");
    // The broken image is shown by its description; the good one is drawn, not described.
    assert!(text.contains("[Broken picture]"), "{text}");
    assert!(!text.contains("Good picture"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A 69-byte PNG whose header claims 100000 × 100000 pixels (40 GB to decode).
const PNG_BOMB: [u8; 69] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 1, 134, 160, 0, 1, 134, 160, 8, 2, 0, 0,
    0, 39, 48, 156, 159, 0, 0, 0, 12, 73, 68, 65, 84, 120, 156, 99, 96, 160, 12, 0, 0, 0, 64, 0, 1, 183, 52,
    124, 239, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn an_image_bomb_and_an_svg_drawing_other_files_are_refused_one_by_one() {
    let dir = std::env::temp_dir().join(format!("boardpack-bombs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("good.png"), TINY_PNG).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("bomb.png"), PNG_BOMB).unwrap_or_else(|e| panic!("{e}"));
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><image href=\"good.png\" width=\"10\" height=\"10\"/></svg>";
    std::fs::write(dir.join("draws.svg"), svg).unwrap_or_else(|e| panic!("{e}"));
    let page = "# Images\n\n![Good](good.png)\n\n![Bomb](bomb.png)\n\n![Draws](draws.svg)\n";
    let (document, laid_out) = export_page_in(&dir, page);
    let bad: Vec<&str> = document
        .roadmap
        .diagnostics
        .iter()
        .filter(|d| d.code == "asset::bad-image")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(bad.len(), 2, "{bad:#?}");
    assert!(bad[0].contains("bomb.png") && bad[1].contains("draws.svg"), "{bad:#?}");
    let text = inspect::page_texts(&laid_out).join(" ");
    assert!(text.contains("[Bomb]") && text.contains("[Draws]") && !text.contains("[Good]"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn svgs_that_draw_files_in_any_spelling_embed_bombs_or_have_absurd_sizes_are_refused_one_by_one() {
    let dir = std::env::temp_dir().join(format!("boardpack-svgs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("good.png"), TINY_PNG).unwrap_or_else(|e| panic!("{e}"));
    let ns = "xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"";
    // A PNG that claims 100000 × 100000 pixels, embedded as data.
    let bomb: String = PNG_BOMB.iter().map(|b| format!("%{b:02X}")).collect();
    let svgs = [
        (
            "prefixed",
            String::from(
                "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\"><svg:image xlink:href=\"good.png\" width=\"10\" height=\"10\"/></svg:svg>",
            ),
        ),
        (
            "feimage",
            format!(
                "<svg {ns} width=\"10\" height=\"10\"><filter id=\"f\"><feImage href=\"good.png\"/></filter><rect width=\"10\" height=\"10\" filter=\"url(#f)\"/></svg>"
            ),
        ),
        (
            "raster-bomb",
            format!(
                "<svg {ns} width=\"10\" height=\"10\"><image href=\"data:image/png,{bomb}\" width=\"10\" height=\"10\"/></svg>"
            ),
        ),
        (
            "tiny-viewbox",
            format!(
                "<svg {ns} width=\"100\" height=\"100\" viewBox=\"0 0 1e-30 1e-30\"><rect width=\"1\" height=\"1\"/></svg>"
            ),
        ),
        (
            "fine",
            format!(
                "<svg {ns} width=\"10\" height=\"10\"><!-- <image href=\"good.png\"/> --><rect width=\"10\" height=\"10\"/></svg>"
            ),
        ),
    ];
    let mut page = String::from("# Images\n\n");
    for (name, svg) in &svgs {
        std::fs::write(dir.join(format!("{name}.svg")), svg).unwrap_or_else(|e| panic!("{e}"));
        page.push_str(&format!("![{name}]({name}.svg)\n\n"));
    }
    page.push_str("![Good](good.png)\n");
    let (document, laid_out) = export_page_in(&dir, &page);
    let refused: Vec<&str> = document
        .roadmap
        .diagnostics
        .iter()
        .filter(|d| d.code == "asset::bad-image")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(refused.len(), 4, "{refused:#?}");
    for name in ["prefixed", "feimage", "raster-bomb", "tiny-viewbox"] {
        assert!(refused.iter().any(|m| m.contains(&format!("{name}.svg"))), "{name}: {refused:#?}");
    }
    // Each is named at its reference, and the others are still embedded.
    assert!(
        document
            .roadmap
            .diagnostics
            .iter()
            .filter(|d| d.code == "asset::bad-image")
            .all(|d| d.line.is_some())
    );
    let text = inspect::page_texts(&laid_out).join(" ");
    assert!(!text.contains("[fine]") && !text.contains("[Good]"), "{text}");
    // `check` says the same.
    let check = boardpack::report::export::check_report(
        &document,
        &crate::common::report_options(boardpack::locale::Lang::En),
    );
    assert_eq!(check.iter().filter(|d| d.code == "asset::bad-image").count(), 4);
    let _ = std::fs::remove_dir_all(&dir);
}
