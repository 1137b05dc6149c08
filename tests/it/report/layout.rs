//! Nothing prints over anything: for the seed, every corpus page, the collected real pages
//! and the fixtures written
//! for layout rules (`tests/fixtures/rules/`), the full report, the minutes attachment and
//! the quarter report of every quarter with activity have no text over other text, off
//! the page or below it (the pages are read back, as `pdf-overlaps` reads a PDF).

use crate::common::{corpus_files, fixtures, read, seed};
use boardpack::quarter::Quarter;
use boardpack::render::{self, readback};
use boardpack::view::{self, ReportOptions, Template};

fn pages() -> Vec<std::path::PathBuf> {
    let mut pages = corpus_files();
    pages.extend(crate::common::real_files());
    pages.push(seed());
    let mut rules: Vec<_> = std::fs::read_dir(fixtures().join("rules"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    rules.sort();
    pages.extend(rules.into_iter().filter(|p| p.extension().is_some_and(|e| e == "md")));
    pages
}

fn check(path: &std::path::Path, options: &ReportOptions, problems: &mut Vec<String>) {
    let document = read(path);
    let mut data = view::build(&document.roadmap, options);
    render::widths::measure(&mut data);
    let laid_out = render::compile(&data, document.base_dir.as_deref()).unwrap_or_else(|e| panic!("{e}"));
    let what =
        format!("{} ({:?}, {:?})", path.display(), options.template, options.quarter.map(|q| q.to_string()));
    for (page, a, b) in readback::overprints(&laid_out) {
        problems.push(format!("{what}: page {page}: `{a}` over `{b}`"));
    }
    for (page, text) in readback::text_off_page(&laid_out) {
        problems.push(format!("{what}: page {page}: `{text}` off the page"));
    }
}

#[test]
fn no_report_prints_text_over_text() {
    let mut problems = Vec::new();
    for path in pages() {
        let document = read(&path);
        let base = crate::common::own_language_report(&document.roadmap);
        check(&path, &base, &mut problems);
        check(&path, &ReportOptions { template: Template::Minutes, ..base.clone() }, &mut problems);
        for year in 2023..=2027 {
            for number in 1..=4 {
                let quarter = Quarter::new(year, number);
                let Some(q) = quarter else { continue };
                if view::quarter::build(&document.roadmap, q, base.lang).empty {
                    continue;
                }
                check(&path, &ReportOptions { quarter, ..base.clone() }, &mut problems);
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

/// The widths boardpack reads from the fonts only spare Typst measuring rows that are one
/// line: every word is where it would be without them.
#[test]
fn one_line_rows_are_where_measuring_would_put_them() {
    let mut measured_rows = 0;
    for path in pages() {
        let document = read(&path);
        let options = crate::common::report_options(boardpack::view::choose_lang(None, &document.roadmap));
        let plain = view::build(&document.roadmap, &options);
        let mut with_widths = view::build(&document.roadmap, &options);
        render::widths::measure(&mut with_widths);
        measured_rows +=
            with_widths.tracks.iter().flat_map(|t| &t.tasks).filter(|t| t.widths.is_some()).count();
        let lay_out =
            |data| render::compile(data, document.base_dir.as_deref()).unwrap_or_else(|e| panic!("{e}"));
        let (a, b) =
            (readback::text_positions(&lay_out(&plain)), readback::text_positions(&lay_out(&with_widths)));
        assert_eq!(a.len(), b.len(), "{}", path.display());
        for (x, y) in a.iter().zip(&b) {
            assert!(
                x.0 == y.0 && x.1 == y.1 && (x.2 - y.2).abs() < 0.01 && (x.3 - y.3).abs() < 0.01,
                "{}: {x:?} moved to {y:?}",
                path.display()
            );
        }
    }
    assert!(measured_rows > 20, "only {measured_rows} rows had widths");
}
