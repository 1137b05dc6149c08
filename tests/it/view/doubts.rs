//! Doubtful dates are said in the PDF in plain words, never as a JavaScript error, and do
//! not decide which quarters a page belongs to. Fixture: `tests/fixtures/rules/doubtful-dates.md`.

use crate::common::{fixtures, read, report_options};
use boardpack::locale::Lang;
use boardpack::quarter::Quarter;
use boardpack::view;

#[test]
fn each_kind_of_doubt_is_named_in_the_chart_note() {
    let document = read(&fixtures().join("rules/doubtful-dates.md"));
    let data = view::build(&document.roadmap, &report_options(Lang::En));
    let doubts = &data.charts[0].doubts;
    let text_of =
        |name: &str| doubts.iter().find(|d| d.name == name).map(|d| d.text.clone()).unwrap_or_default();
    assert!(text_of("Migrate the archive").contains("starts “today”"), "{doubts:#?}");
    assert!(text_of("Clean up").contains("ends before it starts"));
    assert!(text_of("Launch review").contains("milestone given a period"));
    assert!(text_of("Phase 2").contains("colon in the name"));
    assert!(!text_of("Archive the old system").contains("line"), "a sure task is not in doubt");
    let table: Vec<_> = data.tracks[0].tasks.iter().filter(|t| t.doubt).map(|t| t.name.as_str()).collect();
    assert_eq!(table.len(), 4, "{table:?}");
    // Danish reports say it in Danish.
    let data = view::build(&document.roadmap, &report_options(Lang::Da));
    assert!(data.charts[0].doubts.iter().any(|d| d.text.contains("slutter, før den starter")));
}

#[test]
fn a_start_that_fell_back_to_today_does_not_make_a_quarter_active() {
    let document = read(&fixtures().join("rules/doubtful-dates.md"));
    // Only "Migrate the archive" (after an unknown id, so "today") falls in Q1 2026.
    let q = view::quarter::build(
        &document.roadmap,
        Quarter::new(2026, 1).unwrap_or_else(|| unreachable!()),
        Lang::En,
    );
    assert!(q.empty);
    let q = view::quarter::build(
        &document.roadmap,
        Quarter::new(2024, 1).unwrap_or_else(|| unreachable!()),
        Lang::En,
    );
    assert!(!q.empty);
}

#[test]
fn an_undated_task_reads_in_plain_words_never_a_javascript_error() {
    let page = "# P\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section S\n    Fine :f, 2026-01-01, 3d\n    Too many :a, 2026-01-01, 3d, x, y\n    Tags only :crit, done\n```\n";
    let document = boardpack::read::read_bytes(page.as_bytes(), "p.md", None, &crate::common::read_options());
    let data = view::build(&document.roadmap, &report_options(Lang::En));
    let json = serde_json::to_string(&data).unwrap_or_default();
    assert!(!json.contains("Cannot read properties"), "{json}");
    let reasons: Vec<&str> = data.charts[0].unplaced.iter().map(|u| u.reason.as_str()).collect();
    assert!(reasons.iter().any(|r| r.contains("more than three items")), "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("only tags")), "{reasons:?}");
}
