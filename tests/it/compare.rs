//! Changes since a baseline: pairs of versions written for the purpose
//! (`tests/fixtures/changes/`), compared through the whole reader, then shown in every
//! report without text over text.

use crate::common::{fixtures, read_options, seed};

use boardpack::compare::compare;
use boardpack::date::Date;
use boardpack::locale::Lang;
use boardpack::model::{ChangeKind, Changes, ItemChange, MatchRule};
use boardpack::read::baseline::{BaselineSpec, load};
use boardpack::read::{ReadOptions, read_path};
use boardpack::render::{self, readback};
use boardpack::view::{self, ReportOptions, Template};
use std::path::{Path, PathBuf};

fn changes_dir() -> PathBuf {
    fixtures().join("changes")
}

fn as_of(y: i32, m: u32, d: u32) -> ReadOptions {
    ReadOptions { today: Date::new(y, m, d).unwrap_or_else(|| unreachable!()), ..read_options() }
}

/// The current page read as of `today`, compared with `old`.
fn changes_between(old: &Path, new: &Path, today: ReadOptions) -> (boardpack::read::Document, Changes) {
    let mut current = read_path(new, &today).unwrap_or_else(|e| panic!("{e}"));
    let (baseline, about) =
        load(new, &BaselineSpec::File(old.to_path_buf()), &today).unwrap_or_else(|e| panic!("{e}"));
    let changes = compare(&baseline.roadmap, &current.roadmap, about);
    current.roadmap.changes = Some(changes.clone());
    (current, changes)
}

fn item<'a>(changes: &'a Changes, name: &str) -> &'a ItemChange {
    changes
        .items
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no change for {name}: {changes:#?}"))
}

fn plan() -> (boardpack::read::Document, Changes) {
    changes_between(&changes_dir().join("plan-v1.md"), &changes_dir().join("plan-v2.md"), as_of(2026, 3, 20))
}

#[test]
fn slips_pulls_additions_and_removals_are_found_with_their_sizes() {
    let (_, changes) = plan();
    let backend = item(&changes, "Backend API");
    assert_eq!(
        (backend.kind, backend.end_shift_days, backend.start_shift_days),
        (ChangeKind::Slipped, Some(15), None)
    );
    // excludes weekends: 30 April to 15 May has 11 working days.
    assert_eq!(backend.end_shift_working_days, Some(11));
    let frontend = item(&changes, "Frontend");
    assert_eq!((frontend.kind, frontend.end_shift_days), (ChangeKind::PulledIn, Some(-7)));
    assert_eq!(item(&changes, "Security audit").kind, ChangeKind::Added);
    let removed = item(&changes, "Data migration");
    assert_eq!(removed.kind, ChangeKind::Removed);
    assert!(removed.task.is_none() && removed.previous_task.is_some());
    let go_live = item(&changes, "Go-live");
    assert_eq!((go_live.kind, go_live.end_shift_days), (ChangeKind::Slipped, Some(14)));
    assert_eq!(go_live.item, boardpack::model::ItemKind::Milestone);
}

#[test]
fn renames_and_moves_are_reported_as_such_not_as_removal_and_addition() {
    let (_, changes) = plan();
    let by_id = item(&changes, "Prototype the citizen portal");
    assert_eq!(by_id.previous_name.as_deref(), Some("Prototype the portal"));
    assert_eq!(by_id.matched_by, Some(MatchRule::Id));
    let similar = item(&changes, "Training materials");
    assert_eq!(similar.previous_name.as_deref(), Some("Training material"));
    assert_eq!(similar.matched_by, Some(MatchRule::Similar));
    let moved = item(&changes, "Pilot municipalities");
    assert_eq!(moved.previous_section.as_deref(), Some("Launch"));
    assert_eq!((moved.section.as_str(), moved.matched_by), ("Build", Some(MatchRule::NameElsewhere)));
    assert!(!changes.items.iter().any(|c| c.kind == ChangeKind::Added && c.name.starts_with("Training")));
}

#[test]
fn statuses_are_as_of_each_versions_own_date_and_markers_do_not_finish() {
    let (_, changes) = plan();
    // As of 10 January research was under way; as of 20 March it is done.
    let research = item(&changes, "Research");
    assert_eq!(research.previous_status, Some(boardpack::model::TaskStatus::Active));
    assert_eq!(research.status, Some(boardpack::model::TaskStatus::Done));
    assert!(
        changes.items.iter().all(|c| c.name != "Board meeting"),
        "a marker that only passed is no change"
    );
    let s = &changes.summary;
    assert_eq!((s.slipped, s.largest_slip_days, s.pulled_in, s.added, s.removed), (2, Some(15), 1, 1, 1));
    assert_eq!((s.finished, s.renamed, s.moved), (2, 2, 1));
}

#[test]
fn the_board_reads_slipped_milestones_first_then_slips_by_size() {
    let (_, changes) = plan();
    let kinds: Vec<(&str, ChangeKind)> = changes.items.iter().map(|c| (c.name.as_str(), c.kind)).collect();
    assert_eq!(kinds[0], ("Go-live", ChangeKind::Slipped));
    assert_eq!(kinds[1], ("Backend API", ChangeKind::Slipped));
    assert_eq!(kinds[2].1, ChangeKind::Added);
    assert_eq!(kinds[3].1, ChangeKind::Removed);
    assert_eq!(kinds[4], ("Frontend", ChangeKind::PulledIn));
    let build = changes.tracks.iter().find(|t| t.name == "Build").unwrap_or_else(|| panic!("{changes:#?}"));
    assert_eq!(build.end_shift_days, Some(28));
    let text = view::changes::summary_line(&changes.summary, Lang::En);
    assert!(
        text.starts_with("2 slipped (largest +15 days), 1 pulled in, 1 added, 1 removed, 2 finished"),
        "{text}"
    );
}

#[test]
fn duplicate_ids_never_pair_the_wrong_tasks() {
    let (_, changes) = changes_between(
        &changes_dir().join("dup-ids-v1.md"),
        &changes_dir().join("dup-ids-v2.md"),
        as_of(2026, 1, 2),
    );
    assert_eq!(changes.items.len(), 1, "{changes:#?}");
    let beta = &changes.items[0];
    assert_eq!(
        (beta.name.as_str(), beta.end_shift_days, beta.matched_by),
        ("Beta", Some(10), Some(MatchRule::Name))
    );
}

#[test]
fn identical_versions_give_no_changes_and_say_so() {
    // The same text as of the same date (its front matter's): nothing changed, not even
    // a status.
    let page = changes_dir().join("plan-v2.md");
    let (_, changes) = changes_between(&page, &page, as_of(2026, 3, 20));
    assert!(
        changes.items.is_empty() && changes.tracks.is_empty() && changes.summary.is_empty(),
        "{changes:#?}"
    );
    let shown = view::changes::build(&changes, Lang::En, view::changes::Scope::All);
    assert!(shown.unchanged);
    assert_eq!(shown.summary, "No changes to the timeline.");
}

#[test]
fn a_baseline_that_does_not_parse_still_compares_what_it_can() {
    let dir = std::env::temp_dir().join(format!("boardpack-broken-baseline-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let broken = dir.join("old.md");
    // Broken front matter and a task whose dates cannot be read: the rest still pairs.
    let text = std::fs::read_to_string(changes_dir().join("plan-v1.md")).unwrap_or_else(|e| panic!("{e}"));
    let text = text.replacen("date: 2026-01-10", "date: [2026-01-10", 1).replacen(
        "2026-03-16, 2026-05-15",
        "2026-13-16, soon",
        1,
    );
    std::fs::write(&broken, text).unwrap_or_else(|e| panic!("{e}"));
    let (_, changes) = changes_between(&broken, &changes_dir().join("plan-v2.md"), as_of(2026, 3, 20));
    assert_eq!(item(&changes, "Backend API").end_shift_days, Some(15));
    assert_eq!(item(&changes, "Frontend").kind, ChangeKind::Changed, "now dated, before not: {changes:#?}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn the_seed_against_its_earlier_version() -> boardpack::read::Document {
    changes_between(&changes_dir().join("seed-2026-03-05.md"), &seed(), as_of(2026, 3, 31)).0
}

#[test]
fn the_seed_shows_two_slips_one_addition_and_one_finished_task() {
    let document = the_seed_against_its_earlier_version();
    let changes = document.roadmap.changes.as_ref().unwrap_or_else(|| unreachable!());
    let s = &changes.summary;
    assert_eq!((s.slipped, s.largest_slip_days, s.added, s.finished, s.removed), (2, Some(31), 1, 1, 0));
    assert_eq!(
        view::changes::summary_line(s, Lang::Da),
        "2 forsinket (største +31 dage), 1 tilføjet, 1 afsluttet"
    );
}

#[test]
fn every_report_shows_its_share_of_the_changes_without_text_over_text() {
    let document = the_seed_against_its_earlier_version();
    let base = crate::common::report_options(Lang::Da);
    let reports = [
        ReportOptions { ..base.clone() },
        ReportOptions { quarter: boardpack::quarter::Quarter::new(2026, 1), ..base.clone() },
        ReportOptions { template: Template::Minutes, meeting_date: Date::new(2026, 3, 31), ..base.clone() },
    ];
    for options in &reports {
        let data = view::build(&document.roadmap, options);
        let shown = data.changes.as_ref().unwrap_or_else(|| panic!("no changes section"));
        let laid_out = render::compile(&data, document.base_dir.as_deref()).unwrap_or_else(|e| panic!("{e}"));
        let text = readback::page_texts(&laid_out).join(" ").replace('\u{AD}', "");
        assert!(text.contains("Ændringer siden 5. marts 2026"), "{options:?}: {text}");
        assert!(text.contains("+31 dage"), "{options:?}");
        assert!(
            readback::overprints(&laid_out).is_empty(),
            "{options:?}: {:?}",
            readback::overprints(&laid_out)
        );
        match options.template {
            // The minutes list the largest slips only, and say how many more there are.
            Template::Minutes => {
                assert_eq!(shown.rows.len(), 2);
                assert!(shown.more > 0 && text.contains("flere ændringer"));
            }
            Template::Report => assert!(text.contains("Overdragelse af årshjul")),
        }
        // The timeline outlines where the baseline had the two slipped tasks.
        let outlined = data
            .charts
            .iter()
            .flat_map(|c| &c.lanes)
            .flat_map(|l| &l.rows)
            .filter(|r| r.baseline.is_some())
            .count();
        assert_eq!(outlined, 2, "{options:?}");
        assert!(data.charts.iter().all(|c| c.legend.baseline));
        // The section keeps the report accessible and archival.
        let exported =
            boardpack::report::export::export(&document, options).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(exported.claims, boardpack::render::Conformance::ACCESSIBLE_ARCHIVAL, "{options:?}");
    }
}
