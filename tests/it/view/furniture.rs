//! Titles and furniture: where a page's title comes from, and a legend that explains only
//! what its chart draws.

use crate::common::{read_options, report_options};
use boardpack::locale::Lang;
use boardpack::read::read_bytes;
use boardpack::view;

const CHART: &str = "```mermaid\ngantt\n    title Plan for the new portal\n    dateFormat YYYY-MM-DD\n    section Build\n    Design :a1, 2027-01-04, 10d\n    Launch :milestone, m1, 2027-02-01, 0d\n```\n";

#[test]
fn a_page_without_front_matter_takes_its_heading_then_its_chart_title_then_its_file_name() {
    let title =
        |page: &str| read_bytes(page.as_bytes(), "docs/portal-plan.md", None, &read_options()).roadmap.title;
    assert_eq!(title(&format!("# The portal\n\n{CHART}")), "The portal");
    // A heading that is only a badge has no words: the chart's title is the title.
    assert_eq!(title(&format!("# ![build passing](badge.svg)\n\n{CHART}")), "Plan for the new portal");
    assert_eq!(title("Some text without a heading.\n"), "portal-plan");
}

#[test]
fn the_legend_lists_only_what_the_chart_draws() {
    let document = read_bytes(format!("# P\n\n{CHART}").as_bytes(), "p.md", None, &read_options());
    let data = view::build(&document.roadmap, &report_options(Lang::En));
    let legend = data.charts[0].legend;
    // As of 15 February 2026 everything is planned; a milestone, no critical task, no
    // marker, and the as-of line falls before the chart.
    assert!(legend.planned && legend.milestone);
    assert!(
        !legend.done && !legend.active && !legend.crit && !legend.marker && !legend.undated && !legend.today
    );
}

#[test]
fn tasks_outside_any_section_form_a_band_named_after_the_chart_and_huge_tracks_are_rows() {
    let page = "# P\n\n```mermaid\ngantt\n    title Portal\n    dateFormat YYYY-MM-DD\n    Design :a1, 2027-01-04, 10d\n```\n";
    let document = read_bytes(page.as_bytes(), "p.md", None, &read_options());
    let data = view::build(&document.roadmap, &report_options(Lang::En));
    assert_eq!(data.tracks[0].heading, "Portal", "a heading needs words");
    assert!(data.tracks[0].task_table);
    let mut huge = String::from("# P\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section Many\n");
    for i in 0..=view::MAX_TABLE_TASKS {
        huge.push_str(&format!("    Task {i} :t{i}, 2027-01-04, 1d\n"));
    }
    huge.push_str("```\n");
    let document = read_bytes(huge.as_bytes(), "p.md", None, &read_options());
    let data = view::build(&document.roadmap, &report_options(Lang::En));
    assert_eq!(data.tracks[0].tasks.len(), view::MAX_TABLE_TASKS + 1);
    assert!(!data.tracks[0].task_table, "past the limit the tasks are plain rows");
}
