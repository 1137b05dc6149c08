//! One end-date convention wherever a reader sees a date: the last day a bar covers
//! (Mermaid's end is exclusive and stays so in the model), in task tables, track periods,
//! chart headings, quarter lists and buckets. Fixture: `tests/fixtures/rules/end-dates.md`.

use crate::common::{fixtures, read, report_options};
use boardpack::locale::Lang;
use boardpack::quarter::Quarter;
use boardpack::view::{self, ReportOptions};

fn page() -> boardpack::read::Document {
    read(&fixtures().join("rules/end-dates.md"))
}

/// (name, start, end) of every task line of the full report.
fn task_lines() -> Vec<(String, String, String)> {
    let document = page();
    let data = view::build(&document.roadmap, &report_options(Lang::En));
    data.tracks
        .iter()
        .flat_map(|t| t.tasks.iter().map(|l| (l.name.clone(), l.start.clone(), l.end.clone())))
        .collect()
}

fn line(name: &str) -> (String, String) {
    let lines = task_lines();
    let (_, start, end) =
        lines.into_iter().find(|(n, _, _)| n == name).unwrap_or_else(|| panic!("no task {name}"));
    (start, end)
}

#[test]
fn a_duration_ends_on_its_last_day() {
    assert_eq!(line("Five days"), ("2026-01-05".into(), "2026-01-09".into()));
}

#[test]
fn an_explicit_end_date_is_exclusive_as_in_mermaid() {
    assert_eq!(line("Explicit end date"), ("2026-02-01".into(), "2026-02-28".into()));
}

#[test]
fn a_one_day_task_starts_and_ends_on_its_day() {
    assert_eq!(line("One day"), ("2025-11-16".into(), "2025-11-16".into()));
}

#[test]
fn ends_on_the_first_of_a_year_or_quarter_belong_to_the_period_before() {
    assert_eq!(line("Ends with the year").1, "2025-12-31");
    assert_eq!(line("Ends with the quarter").1, "2026-03-31");
    let document = page();
    let q4 = view::quarter::build(
        &document.roadmap,
        Quarter::new(2025, 4).unwrap_or_else(|| unreachable!()),
        Lang::En,
    );
    let q1 = view::quarter::build(
        &document.roadmap,
        Quarter::new(2026, 1).unwrap_or_else(|| unreachable!()),
        Lang::En,
    );
    let names =
        |items: &[view::quarter::QuarterTask]| items.iter().map(|t| t.name.clone()).collect::<Vec<_>>();
    // 1 October to 31 December: it starts and ends in Q4.
    assert!(names(&q4.within).contains(&"Ends with the year".to_string()), "{:?}", names(&q4.within));
    for group in [&q1.ongoing, &q1.starting, &q1.ending, &q1.within] {
        assert!(!names(group).contains(&"Ends with the year".to_string()));
    }
    // Shown ending 31 March, so it ends in Q1 and is listed with that end.
    let ending: Vec<_> =
        q1.ending.iter().chain(&q1.within).filter(|t| t.name == "Ends with the quarter").collect();
    assert_eq!(ending.len(), 1);
    assert_eq!(ending[0].end, "2026-03-31");
}

#[test]
fn times_of_day_keep_their_end_instant() {
    assert_eq!(line("Half a day"), ("2026-01-12".into(), "2026-01-12 12:00".into()));
}

#[test]
fn a_milestone_shows_the_date_its_diamond_marks() {
    assert_eq!(line("Review"), ("2026-03-31".into(), "2026-03-31".into()));
    assert_eq!(line("Day-long milestone"), ("2026-05-04 12:00".into(), "2026-05-04 12:00".into()));
}

#[test]
fn inclusive_end_dates_show_the_date_as_written() {
    assert_eq!(line("Through the end of February"), ("2026-02-01".into(), "2026-02-28".into()));
}

#[test]
fn track_periods_and_chart_headings_end_on_the_last_covered_day() {
    let document = page();
    let data = view::build(&document.roadmap, &report_options(Lang::En));
    let build = data.tracks.iter().find(|t| t.section == "Build").unwrap_or_else(|| panic!("no Build track"));
    assert_eq!(build.period.as_deref(), Some("1 October 2025 – 4 May 2026"));
    let run = data.tracks.iter().find(|t| t.section == "Run").unwrap_or_else(|| panic!("no Run track"));
    assert_eq!(run.period.as_deref(), Some("1 February 2026 – 28 February 2026"));
    // The quarter report's chart heading names the window's last day, in the same sense.
    let quarter = Quarter::new(2026, 1);
    let data = view::build(&document.roadmap, &ReportOptions { quarter, ..report_options(Lang::En) });
    assert_eq!(data.charts[0].range_text, "1 December 2025 – 30 April 2026");
}
