//! One fixture per diagnostic code (`tests/fixtures/diagnostics/<stage>__<name>.md` must
//! produce `<stage>::<name>`), and the documented list of codes matches the fixtures.

use crate::common::{fixtures, read};
use std::collections::BTreeSet;

/// Codes that no small fixture can produce; each has a unit test beside its code.
const WITHOUT_FIXTURE: &[&str] = &[
    "asset::image-too-large",
    "asset::no-folder",
    // Needs a font outside the bundle: tests/it/cli/fonts.rs, with --font-path.
    "render::fallback-font",
    // The writer refusing what boardpack's own checks let through is a bug with no known
    // page; the fallback path is exercised by report::export's unit tests.
    "render::standard-refused",
    // The renderer failing on a diagram it accepted is a bug in it with no known page; the
    // containment is unit-tested in src/diagrams/renderer.rs.
    "mermaid::render-failed",
];

fn fixture_codes() -> Vec<(std::path::PathBuf, String)> {
    let dir = fixtures().join("diagnostics");
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter_map(|p| {
            let code = p.file_stem()?.to_str()?.replacen("__", "::", 1);
            Some((p, code))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn every_fixture_produces_its_code() {
    for (path, code) in fixture_codes() {
        let mut document = read(&path);
        let options = crate::common::report_options(boardpack::locale::Lang::En);
        let exported = crate::common::export(&mut document, &options);
        let refused = matches!(exported, Err(boardpack::report::export::ExportError::TooLarge(_)));
        assert!(exported.is_ok() || refused, "{}: the export failed", path.display());
        let codes: Vec<&str> = document.roadmap.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&code.as_str()), "{}: expected {code}, got {codes:?}", path.display());
        let located =
            document.roadmap.diagnostics.iter().filter(|d| d.code == code).all(|d| d.line.is_some());
        let whole_file =
            ["render::not-archival", "render::not-accessible", "asset::bad-image", "decode::no-bom"];
        assert!(located || whole_file.contains(&code.as_str()), "{}: {code} has no line", path.display());
    }
}

#[test]
fn the_documented_codes_match_the_fixtures() {
    let docs = ["docs/diagnostics.md", "docs/diagnostics-gantt.md"]
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let documented: BTreeSet<String> = docs
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .filter(|c| c.contains("::"))
        .map(str::to_string)
        .collect();
    let with_fixture: BTreeSet<String> = fixture_codes().into_iter().map(|(_, c)| c).collect();
    for code in &documented {
        assert!(
            with_fixture.contains(code) || WITHOUT_FIXTURE.contains(&code.as_str()),
            "{code} has no fixture"
        );
    }
    for code in &with_fixture {
        assert!(documented.contains(code), "{code} is not documented in docs/diagnostics*.md");
    }
}
