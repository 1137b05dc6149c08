//! Quarter reports: the seed's 2026-Q1 groups derived from its resolved model.

use crate::common::{read, seed};
use boardpack::date::{Date, DateTime};
use boardpack::quarter::Quarter;
use boardpack::view::quarter::{QuarterTask, build};
use std::collections::BTreeSet;

fn names(tasks: &[QuarterTask]) -> BTreeSet<String> {
    tasks.iter().map(|t| t.name.clone()).collect()
}

#[test]
fn the_seed_q1_2026_lists_exactly_the_tasks_that_overlap_it() {
    let document = read(&seed());
    let roadmap = &document.roadmap;
    let q1 = Quarter::parse("2026-Q1").unwrap_or_else(|| panic!("quarter"));
    let (start, end) = (DateTime::from_date(q1.start()), DateTime::from_date(q1.end()));
    assert_eq!(q1.start(), Date::new(2026, 1, 1).unwrap_or_else(|| unreachable!()));

    // The expectation, straight from the resolved dates (end instants are exclusive).
    let mut expected = [BTreeSet::new(), BTreeSet::new(), BTreeSet::new(), BTreeSet::new()];
    let mut expected_markers = BTreeSet::new();
    let mut outside = 0;
    for timeline in roadmap.diagrams.iter().filter_map(|d| d.gantt.as_ref()) {
        for task in &timeline.tasks {
            let (Some(s), Some(e)) = (task.start, task.render_end.or(task.end)) else { continue };
            if task.problem.is_some() {
                continue;
            }
            if task.flags.vert || task.flags.milestone {
                if s >= start && s < end {
                    expected_markers.insert(task.name.clone());
                }
                continue;
            }
            if !(s < end && e > start) {
                outside += 1;
                continue;
            }
            let group = match (s >= start, e <= end) {
                (false, false) => 0, // through the quarter
                (true, false) => 1,  // starts in it
                (false, true) => 2,  // ends in it
                (true, true) => 3,   // starts and ends in it
            };
            expected[group].insert(task.name.clone());
        }
    }
    let view = build(roadmap, q1, boardpack::locale::Lang::Da);
    assert_eq!(names(&view.ongoing), expected[0]);
    assert_eq!(names(&view.starting), expected[1]);
    assert_eq!(names(&view.ending), expected[2]);
    assert_eq!(names(&view.within), expected[3]);
    assert_eq!(names(&view.markers), expected_markers);
    assert!(expected_markers.contains("Årsskifte"));
    assert_eq!(view.outside, outside);
    assert_eq!(view.undated, 1, "the 2025-00-01 task has no dates");
    let listed = view.ongoing.len() + view.starting.len() + view.ending.len() + view.within.len();
    assert_eq!(listed, 9, "all nine dated tasks of the seed touch 2026-Q1");
}

#[test]
fn a_quarter_without_activity_is_a_clear_one_page_report() {
    let document = read(&seed());
    let q = Quarter::parse("2030-Q2").unwrap_or_else(|| panic!("quarter"));
    let view = build(&document.roadmap, q, boardpack::locale::Lang::Da);
    assert!(view.empty);
    let options = boardpack::view::ReportOptions {
        quarter: Some(q),
        ..crate::common::report_options(boardpack::locale::Lang::Da)
    };
    let data = boardpack::view::build(&document.roadmap, &options);
    let laid_out = boardpack::render::compile(&data, None).unwrap_or_else(|e| panic!("{e}"));
    let text = boardpack::render::readback::page_texts(&laid_out).join(" ");
    assert!(text.contains("Ingen opgaver, milepæle eller markeringer falder i kvartalet"), "{text}");
}
