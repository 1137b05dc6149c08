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
    let data = view::build(&document.roadmap, options);
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
