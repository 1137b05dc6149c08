//! The view-to-template contract: the data the seed's report, quarter report, minutes
//! attachment and a board pack cover give their templates is pinned by the sample files in
//! `templates/samples/`. Those files are also what a template author opens with the typst
//! CLI (see `templates/README.md`), so they can never drift from what boardpack passes.
//!
//! After a deliberate change, rewrite them with `INSTA_UPDATE=always cargo test --release`
//! (or `BOARDPACK_UPDATE_SAMPLES=1`) and review the diff.

use crate::common::{read, seed, today};
use boardpack::locale::Lang;
use boardpack::quarter::Quarter;
use boardpack::view::{self, ReportOptions, Template};
use std::path::PathBuf;

fn sample_path(name: &str) -> PathBuf {
    PathBuf::from("templates/samples").join(format!("{name}.json"))
}

fn updating() -> bool {
    std::env::var("INSTA_UPDATE").is_ok_and(|v| v == "always")
        || std::env::var_os("BOARDPACK_UPDATE_SAMPLES").is_some()
}

/// Compares `json` with the sample `name`, or rewrites the sample when updating.
fn pinned(name: &str, json: &str) {
    let path = sample_path(name);
    let text = format!("{json}\n");
    if updating() {
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != text {
        let line = expected.lines().zip(text.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
        panic!(
            "{} differs from the data boardpack gives the template (first at line {line}); review and run \
             INSTA_UPDATE=always cargo test --release",
            path.display()
        );
    }
}

fn report_json(options: &ReportOptions) -> String {
    let document = read(&seed());
    let mut data = view::build(&document.roadmap, options);
    // As the export passes it: with the widths the renderer reads from the fonts.
    boardpack::render::widths::measure(&mut data);
    serde_json::to_string_pretty(&data).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_full_report_data_is_pinned() {
    pinned("report", &report_json(&crate::common::report_options(Lang::Da)));
}

#[test]
fn the_quarter_report_data_is_pinned() {
    let quarter = Quarter::new(2026, 1);
    pinned("quarter", &report_json(&ReportOptions { quarter, ..crate::common::report_options(Lang::Da) }));
}

#[test]
fn the_minutes_data_is_pinned() {
    let options = ReportOptions {
        template: Template::Minutes,
        meeting_date: boardpack::date::Date::new(2026, 3, 12),
        ..crate::common::report_options(Lang::Da)
    };
    pinned("minutes", &report_json(&options));
}

#[test]
fn the_pack_cover_data_is_pinned() {
    let document = read(&seed());
    let entries = vec![view::pack::PackEntry::of(&document.roadmap, 2, Lang::Da)];
    let mut pack = view::pack::build(entries, Quarter::new(2026, 1), Lang::Da, today());
    view::pack::number_pages(&mut pack.entries, 1);
    pinned("pack", &serde_json::to_string_pretty(&pack).unwrap_or_else(|e| panic!("{e}")));
}

#[test]
fn the_report_with_changes_data_is_pinned() {
    // The seed against its earlier version (tests/fixtures/changes/), as of 31 March 2026.
    let read_options = boardpack::read::ReadOptions {
        today: boardpack::date::Date::new(2026, 3, 31).unwrap_or_else(|| unreachable!()),
        ..crate::common::read_options()
    };
    let mut document = boardpack::read::read_path(&seed(), &read_options).unwrap_or_else(|e| panic!("{e}"));
    let earlier = crate::common::fixtures().join("changes/seed-2026-03-05.md");
    let spec = boardpack::read::baseline::BaselineSpec::File(earlier);
    boardpack::report::with_baseline(&mut document, &seed(), &spec, &read_options)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut data = view::build(&document.roadmap, &crate::common::report_options(Lang::Da));
    boardpack::render::widths::measure(&mut data);
    pinned("report-changes", &serde_json::to_string_pretty(&data).unwrap_or_else(|e| panic!("{e}")));
}
