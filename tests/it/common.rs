//! Helpers shared by the integration tests.

use boardpack::date::Date;
use boardpack::read::{Document, ReadOptions, read_path};
use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    // Relative, so that paths in snapshots do not depend on the checkout (cargo runs
    // integration tests in the package folder).
    PathBuf::from("tests/fixtures")
}

pub fn seed() -> PathBuf {
    fixtures().join("seed/000_4bc985adf0e5d476.repaired.md")
}

pub fn corpus_files() -> Vec<PathBuf> {
    md_files("corpus", 18)
}

/// Real pages collected from public repositories (`tests/fixtures/real/SOURCES.tsv` names
/// each one's source and licence), kept byte for byte as published.
pub fn real_files() -> Vec<PathBuf> {
    md_files("real", 40)
}

/// The Markdown pages of a fixture folder, sorted; at least `expected` of them.
fn md_files(folder: &str, expected: usize) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures().join(folder))
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "md"));
    files.sort();
    assert!(files.len() >= expected, "{folder} fixtures missing");
    files
}

/// The as-of date of every document and report the tests read and make.
pub fn today() -> Date {
    Date::new(2026, 2, 15).unwrap_or_else(|| panic!("valid date"))
}

/// Mermaid's clock when it computed the conformance oracle: the gantt tests resolve
/// against it, as unknown `after` ids and time-only formats depend on "today".
pub fn mermaid_today() -> Date {
    Date::new(2025, 6, 18).unwrap_or_else(|| panic!("valid date"))
}

/// How the tests read pages: as of [`today`], mojibake repaired.
pub fn read_options() -> ReadOptions {
    ReadOptions { today: today(), repair: true }
}

pub fn read(path: &Path) -> Document {
    read_path(path, &read_options()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A full report in `lang`.
pub fn report_options(lang: boardpack::locale::Lang) -> boardpack::view::ReportOptions {
    boardpack::view::ReportOptions {
        lang,
        template: boardpack::view::Template::Report,
        quarter: None,
        meeting_date: None,
        conformance: boardpack::render::Conformance::default(),
    }
}

/// A full report in the document's own language.
pub fn own_language_report(roadmap: &boardpack::model::Roadmap) -> boardpack::view::ReportOptions {
    report_options(boardpack::view::choose_lang(None, roadmap))
}

/// Every string value of a JSON tree, joined by newlines.
pub fn all_strings(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| all_strings(v, out)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.push_str(k);
                out.push('\n');
                all_strings(v, out);
            }
        }
        serde_json::Value::Number(n) => {
            out.push_str(&n.to_string());
            out.push('\n');
        }
        _ => {}
    }
}

/// Exports `document` and adds what rendering found to its diagnostics, as the commands do.
pub fn export(
    document: &mut Document,
    options: &boardpack::view::ReportOptions,
) -> Result<boardpack::report::export::Exported, boardpack::report::export::ExportError> {
    let (exported, _) = export_laid_out(document, options)?;
    Ok(exported)
}

/// As [`export`], also returning the laid-out pages.
pub fn export_laid_out(
    document: &mut Document,
    options: &boardpack::view::ReportOptions,
) -> Result<
    (boardpack::report::export::Exported, boardpack::render::LaidOut),
    boardpack::report::export::ExportError,
> {
    match boardpack::report::export::export_laid_out(document, options) {
        Ok((exported, laid_out)) => {
            exported.report_to(document);
            Ok((exported, laid_out))
        }
        Err(boardpack::report::export::ExportError::TooLarge(why)) => {
            document.add_diagnostics([(*why).clone()]);
            Err(boardpack::report::export::ExportError::TooLarge(why))
        }
        Err(error) => Err(error),
    }
}
