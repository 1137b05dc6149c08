//! Behaviours of Mermaid 12.3 gantt described in the research spec
//! (`mermaid-gantt-spec.md`), one assertion per documented quirk.

use boardpack::date::Date;
use boardpack::diag::{Diagnostic, Severity};
use boardpack::gantt::resolve;
use boardpack::model::Timeline;

fn today() -> Date {
    crate::common::mermaid_today()
}

fn run(src: &str) -> (Timeline, Vec<Diagnostic>) {
    resolve(src, today())
}

/// `id start end render_end` per task.
fn rows(src: &str) -> Vec<String> {
    let (tl, _) = run(src);
    tl.tasks
        .iter()
        .map(|t| {
            let f = |d: Option<boardpack::date::DateTime>| d.map_or("-".to_string(), |d| d.to_string());
            format!("{} {} {} {}", t.id, f(t.start), f(t.end), f(t.render_end))
        })
        .collect()
}

fn codes(src: &str) -> Vec<&'static str> {
    run(src).1.iter().map(|d| d.code).collect()
}

fn errors(src: &str) -> Vec<&'static str> {
    run(src).1.iter().filter(|d| d.severity == Severity::Error).map(|d| d.code).collect()
}

const H: &str = "gantt\n    dateFormat YYYY-MM-DD\n";

fn chart(body: &str) -> String {
    format!("{H}{body}")
}

#[test]
fn after_takes_latest_end_and_until_earliest_start() {
    let src = chart(
        "    A :a, 2025-01-06, 5d\n    B :b, 2025-01-06, 10d\n    C :c, after a b, 2d\n    D :d, 2025-01-01, until a b\n",
    );
    assert_eq!(rows(&src)[2], "c 2025-01-16 2025-01-18 -");
    assert_eq!(rows(&src)[3], "d 2025-01-01 2025-01-06 -");
}

#[test]
fn forward_reference_order_quirk() {
    // `after b late`: late is below and undated in the first pass; one pass suffices.
    let src = chart("    B :b, 2025-01-06, 2d\n    X :x, after b late, 1d\n    Late :late, 2025-02-01, 1d\n");
    assert_eq!(rows(&src)[1], "x 2025-01-08 2025-01-09 -");
    assert!(codes(&src).contains(&"gantt::after-order"));
    // `after late b` waits for late and is right.
    let src = chart("    B :b, 2025-01-06, 2d\n    X :x, after late b, 1d\n    Late :late, 2025-02-01, 1d\n");
    assert_eq!(rows(&src)[1], "x 2025-02-02 2025-02-03 -");
}

#[test]
fn cycles_and_unknown_ids() {
    let src = chart("    A :a, after b, 2d\n    B :b, after a, 2d\n");
    assert_eq!(rows(&src), vec!["a - - -", "b - - -"]);
    assert_eq!(codes(&src), vec!["gantt::cycle", "gantt::cycle"]);
    let src = chart("    A :a, after ghost, 2d\n");
    assert_eq!(rows(&src), vec!["a 2025-06-18 2025-06-20 -"]);
    assert_eq!(codes(&src), vec!["gantt::unknown-id"]);
}

#[test]
fn non_ascii_ids_are_cut() {
    let src = chart("    Opg :opg, 2025-01-06, 2d\n    Opgå :opgå, 2025-03-03, 2d\n    N :after opgå, 1d\n");
    assert_eq!(rows(&src)[2], "task1 2025-01-08 2025-01-09 -");
    assert!(codes(&src).contains(&"gantt::truncated-id"));
}

#[test]
fn capital_after_is_an_invalid_date() {
    let src = chart("    B :b, 2025-01-06, 2d\n    X :x, After b, 1d\n");
    assert_eq!(errors(&src), vec!["gantt::invalid-date"]);
}

#[test]
fn after_as_end_is_zero_length() {
    let src = chart("    B :b, 2025-01-06, 2d\n    X :x, 2025-02-03, after b\n");
    assert_eq!(rows(&src)[1], "x 2025-02-03 2025-02-03 -");
    assert!(codes(&src).contains(&"gantt::zero-length"));
}

#[test]
fn malformed_items() {
    assert_eq!(errors(&chart("    A :a, 2025-01-06, 2d\n    T :crit, done\n")), vec!["gantt::tags-only"]);
    assert_eq!(errors(&chart("    A :a, 2025-01-06, 2d, x\n")), vec!["gantt::too-many-fields"]);
    // `2025-06-02,` is a start plus an empty end.
    let src = chart("    A :2025-06-02,\n");
    assert_eq!(rows(&src), vec!["task1 2025-06-02 2025-06-02 -"]);
    assert_eq!(codes(&src), vec!["gantt::zero-length"]);
    // `Crit` is not a tag but the id.
    let (tl, _) = run(&chart("    A :Crit, 2025-01-06, 2d\n"));
    assert_eq!(tl.tasks[0].id, "Crit");
    assert!(!tl.tasks[0].flags.crit);
}

#[test]
fn milestones_and_verts() {
    let src = chart(
        "    M :milestone, m, 2025-03-03, 10d\n    V :vert, v, 2025-03-01, 5d\n    W :w, 2025-03-01, 2d\n    L :vert, 2025-03-20\n    MV :milestone, vert, mv, 2025-04-01, 0d\n",
    );
    let r = rows(&src);
    assert_eq!(r[0], "m 2025-03-03 2025-03-13 -");
    assert_eq!(r[1], "v 2025-03-01 2025-03-06 -");
    assert_eq!(r[3], "task1 2025-03-03 2025-03-20 -");
    let (tl, _) = run(&src);
    assert_eq!(tl.tasks.iter().map(|t| t.order).collect::<Vec<_>>(), vec![0, -1, 1, -1, -1]);
    assert!(tl.tasks[4].flags.milestone && tl.tasks[4].flags.vert);
    // The trailing comma of a marker is deliberate: no warning.
    assert!(codes(&chart("    S: vert, v1, 2025-03-01,\n")).is_empty());
}

#[test]
fn sections_and_hijacks() {
    let (tl, d) = run(&chart(
        "    Before :b, 2025-01-06, 1d\n    Section review : r, 2025-01-07, 1d\n    section\n    Named next line :n, 2025-01-08, 1d\n",
    ));
    let names: Vec<&str> = tl.sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["", "review : r, 2025-01-07, 1d", "Named next line :n, 2025-01-08, 1d"]);
    assert_eq!(tl.tasks.len(), 1);
    assert_eq!(d.iter().filter(|d| d.code == "gantt::keyword-hijack").count(), 2);
    let (tl, d) = run(&chart("    Title deed transfer : td, 2025-01-06, 3d\n"));
    assert_eq!(tl.title, "deed transfer : td, 2025-01-06, 3d");
    assert!(tl.tasks.is_empty());
    assert_eq!(d[0].code, "gantt::keyword-hijack");
    let src = chart("    Call for proposals :cfp, 2025-01-06, 10d\n    Next :3d\n");
    assert_eq!(errors(&src), vec!["gantt::keyword-conflict"]);
    assert_eq!(rows(&src), vec!["cfp 2025-01-06 2025-01-16 -", "task1 2025-01-16 2025-01-19 -"]);
}

#[test]
fn titles_and_front_matter() {
    let (tl, _) = run(&chart("    title Plan: phase 1: build\n"));
    assert_eq!(tl.title, "Plan: phase 1: build");
    let src = "---\ntitle: From front matter\ndisplayMode: compact\nconfig:\n  gantt:\n    topAxis: true\n---\ngantt\n  dateFormat YYYY-MM-DD\n  A :a, 2025-01-06, 1d\n";
    let (tl, _) = run(src);
    assert_eq!(tl.title, "From front matter");
    assert!(tl.top_axis);
    assert_eq!(tl.display_mode.as_deref(), Some("compact"));
    let (tl, _) = run(&src.replace("  A :a", "  title Body\n  A :a"));
    assert_eq!(tl.title, "Body");
}

#[test]
fn colon_in_name() {
    let (tl, d) = run(&chart("    Phase 1: Analysis :a1, 2025-01-06, 5d\n"));
    assert_eq!(tl.tasks[0].name, "Phase 1");
    assert_eq!(tl.tasks[0].id, "Analysis :a1");
    assert_eq!(tl.tasks[0].start.map(|d| d.to_string()), Some("2025-01-06".into()));
    assert!(d.iter().any(|d| d.code == "gantt::colon-in-name"));
}

#[test]
fn today_marker_and_weekday() {
    let (tl, _) = run(&chart("    todayMarker off\n"));
    assert_eq!(tl.today_marker.as_deref(), Some("off"));
    let (tl, d) = run(&chart("    todayMarker  off\n    tickInterval  1week\n    weekday monday\n"));
    assert_ne!(tl.today_marker.as_deref(), Some("off"));
    assert!(!tl.tick_interval_valid);
    assert_eq!(tl.weekday, "monday");
    assert_eq!(d.iter().filter(|d| d.code == "gantt::extra-space").count(), 2);
}

#[test]
fn fallback_parser() {
    let src = "gantt\n    dateFormat DD-MM-YYYY\n    A :a, 1-3-2025, 2d\n    B :b, Phase 2, 1d\n";
    assert_eq!(rows(src), vec!["a 2025-01-03 2025-01-05 -", "b 2001-02-01 2001-02-02 -"]);
    assert_eq!(codes(src), vec!["gantt::date-fallback", "gantt::date-fallback"]);
    // Day roll-over works for starts; as an end the same text gives zero length.
    let src = chart("    A :a, 2025-02-30, 1d\n    B :b, 2025-02-01, 2025-02-30\n");
    assert_eq!(rows(&src), vec!["a 2025-03-02 2025-03-03 -", "b 2025-02-01 2025-02-01 -"]);
    assert_eq!(errors(&chart("    A :a, 2025-00-01, 1d\n")), vec!["gantt::invalid-date"]);
}

#[test]
fn fractional_durations() {
    let src = chart(
        "    A :a, 2025-01-01, 1.5d\n    B :b, 2025-01-01, 2.5d\n    C :c, 2025-01-01, 0.4d\n    D :d, 2025-01-31, 1.5M\n    E :e, 2025-01-01, 0.5y\n    F :f, 2025-01-01, 1.5w\n",
    );
    assert_eq!(
        rows(&src),
        vec![
            "a 2025-01-01 2025-01-03 -",
            "b 2025-01-01 2025-01-04 -",
            "c 2025-01-01 2025-01-01 -",
            "d 2025-01-31 2025-02-28 -",
            "e 2025-01-01 2025-01-01 -",
            "f 2025-01-01 2025-01-12 -"
        ]
    );
    assert_eq!(codes(&src).iter().filter(|c| **c == "gantt::fractional-duration").count(), 6);
}

#[test]
fn excludes_variants() {
    // weekday names, case-insensitive; dates in the dateFormat or ISO; merged lines.
    let src = "gantt\n    dateFormat DD.MM.YYYY\n    excludes Friday\n    excludes 08.01.2025, 2025-01-09\n    A :a, 06.01.2025, 3d\n";
    let (tl, _) = run(src);
    assert_eq!(tl.excludes, vec!["friday", "08.01.2025", "2025-01-09"]);
    assert_eq!(rows(src), vec!["a 2025-01-06 2025-01-12 2025-01-12"]);
    // includes override excludes
    let src = chart("    excludes weekends\n    includes 2025-01-11\n    A :a, 2025-01-09, 3d\n");
    assert_eq!(rows(&src), vec!["a 2025-01-09 2025-01-13 2025-01-12"]);
    // explicit YYYY-MM-DD ends are never shifted; `after` then starts on the Saturday
    let src = chart("    excludes weekends\n    A :a, 2025-01-06, 2025-01-11\n    B :b, after a, 2d\n");
    assert_eq!(rows(&src), vec!["a 2025-01-06 2025-01-11 -", "b 2025-01-11 2025-01-14 2025-01-14"]);
    // until overshoots
    let src = chart("    excludes weekends\n    U :u, 2025-01-06, until l\n    L :l, 2025-01-15, 1d\n");
    assert_eq!(rows(&src)[0], "u 2025-01-06 2025-01-17 2025-01-17");
    // sub-day tasks are never shifted
    let src =
        "gantt\n    dateFormat YYYY-MM-DD HH:mm\n    excludes weekends\n    A :a, 2025-01-11 06:00, 12h\n";
    assert_eq!(rows(src), vec!["a 2025-01-11T06:00:00 2025-01-11T18:00:00 -"]);
    // all days excluded: Mermaid fails
    let src =
        chart("    excludes weekends monday tuesday wednesday thursday friday\n    A :a, 2025-01-06, 2d\n");
    assert_eq!(errors(&src), vec!["gantt::excludes-exhausted"]);
    // words that mean nothing
    assert!(codes(&chart("    excludes weekdays, holidays\n")).contains(&"gantt::ignored-value"));
    // a milestone with a duration is shifted too
    let src = chart("    excludes weekends\n    M :milestone, m, 2025-01-09, 3d\n");
    assert_eq!(rows(&src), vec!["m 2025-01-09 2025-01-14 2025-01-14"]);
    // a DD-MM-YYYY end is shifted
    let src = "gantt\n    dateFormat DD-MM-YYYY\n    excludes weekends\n    A :a, 06-01-2025, 11-01-2025\n";
    assert_eq!(rows(src), vec!["a 2025-01-06 2025-01-13 2025-01-11"]);
}

#[test]
fn formats() {
    let src = "gantt\n    dateFormat YYYY [Q]Q\n    A :a, 2025 Q2, 1d\n";
    assert_eq!(rows(src), vec!["a 2025-04-01 2025-04-02 -"]);
    // A `Z` suffix never round-trips (dayjs formats the zone as +00:00): ISO start via the
    // fallback, end ignored. As a bracketed literal it works.
    let src = "gantt\n    dateFormat YYYY-MM-DDTHH:mmZ\n    A :a, 2025-03-03T10:00Z, 2025-03-04T10:00Z\n";
    assert_eq!(rows(src), vec!["a 2025-03-03T10:00:00 2025-03-03T10:00:00 -"]);
    let src = "gantt\n    dateFormat YYYY-MM-DDTHH:mm[Z]\n    A :a, 2025-03-03T10:00Z, 2025-03-04T10:00Z\n";
    assert_eq!(rows(src), vec!["a 2025-03-03T10:00:00 2025-03-04T10:00:00 -"]);
}

#[test]
fn spacing_tabs_and_case() {
    let src = "gantt\n\tdateFormat YYYY-MM-DD\n\tTight:l3,2025-03-03,2d\n\tTabbed\t:\tl4,\t2025-03-05,\t1d\n";
    assert_eq!(rows(src), vec!["l3 2025-03-03 2025-03-05 -", "l4 2025-03-05 2025-03-06 -"]);
    let src = "gantt\n    DATEFORMAT YYYY-MM-DD\n    EXCLUDES WEEKENDS\n    SECTION Loud\n    T :t, 2025-01-10, 1d\n";
    let (tl, _) = run(src);
    assert_eq!(tl.excludes, vec!["weekends"]);
    assert_eq!(rows(src), vec!["t 2025-01-10 2025-01-13 2025-01-11"]);
}

#[test]
fn click_links() {
    let src = chart(
        "    click a href \"https://example.org/a\"\n    A :a, 2025-01-06, 1d\n    click a,b href \"javascript:alert(1)\"\n",
    );
    let (tl, d) = run(&src);
    assert_eq!(tl.links.get("a").map(String::as_str), Some("about:blank"));
    assert!(d.iter().any(|d| d.code == "gantt::unknown-id"));
}

#[test]
fn percent_and_hash_and_semicolon() {
    let src = chart("    5% buffer :p, 2025-01-06, 1d\n    A :a, 2025-01-06, 1d; B :b, 2025-01-07, 1d\n");
    assert_eq!(rows(&src), vec!["a 2025-01-06 2025-01-07 -", "b 2025-01-07 2025-01-08 -"]);
    assert_eq!(codes(&src), vec!["gantt::comment-swallow", "gantt::line-split"]);
    let src = chart("    A :a, 2025-01-06, 1d # note\n");
    assert_eq!(errors(&src), vec!["gantt::hash-comment"]);
    assert_eq!(rows(&src), vec!["a 2025-01-06 2025-01-07 -"]);
}

#[test]
fn entities_keep_literal_text() {
    let (tl, d) = run(&chart("    Issue #42; triage :a, 2025-01-06, 2d\n"));
    assert_eq!(tl.tasks[0].name, "Issue #42; triage");
    let warning = d.iter().find(|d| d.code == "gantt::html-entity").map(|d| d.message.as_str()).unwrap_or("");
    // What the browser shows for Mermaid's `&#42;`.
    assert!(warning.contains("shows `*`"), "{warning}");
}

#[test]
fn settings_apply_to_earlier_tasks() {
    let src = "gantt\n    A :a, 03/03/2025, 5d\n    dateFormat MM/DD/YYYY\n    inclusiveEndDates\n    B :b, 03/10/2025, 03/14/2025\n";
    assert_eq!(rows(src), vec!["a 2025-03-03 2025-03-08 -", "b 2025-03-10 2025-03-15 -"]);
    assert_eq!(codes(src).iter().filter(|c| **c == "gantt::late-setting").count(), 2);
}

#[test]
fn first_task_and_dependents() {
    let src = chart("    A :5d\n    B :2d\n    C :c, 2025-01-06, 1d\n");
    assert_eq!(rows(&src), vec!["task1 - - -", "task2 - - -", "c 2025-01-06 2025-01-07 -"]);
    let (tl, _) = run(&src);
    assert_eq!(tl.tasks[1].problem.as_ref().map(|p| p.code), Some("gantt::depends-on-undated"));
}

#[test]
fn directives() {
    let src = "%%{init: {'gantt': {'axisFormat': '%d/%m', 'tickInterval': '1week'}}}%%\ngantt\n  dateFormat YYYY-MM-DD\n  A :a, 2025-01-06, 30d\n";
    let (tl, d) = run(src);
    assert_eq!(tl.axis_format.as_deref(), Some("%d/%m"));
    assert!(tl.tick_interval_valid);
    assert!(d.is_empty());
    let (tl, d) = run("%%{init: {gantt: {topAxis: true}}}%%\ngantt\n  A :a, 2025-01-06, 30d\n");
    assert!(!tl.top_axis);
    assert_eq!(d[0].code, "gantt::directive");
}

#[test]
fn header_must_be_lower_case() {
    let src = "GANTT\n    dateFormat YYYY-MM-DD\n    T :t, 2025-01-09, 3d\n";
    assert_eq!(errors(src), vec!["gantt::header"]);
    assert_eq!(rows(src), vec!["t 2025-01-09 2025-01-12 -"]);
}

#[test]
fn year_limits() {
    assert_eq!(errors(&chart("    A :a, 9999-12-30, 5d\n")), vec!["gantt::date-out-of-range"]);
    assert_eq!(errors(&chart("    A :a, 12025-01-01, 5d\n")), vec!["gantt::invalid-date"]);
    assert!(errors(&chart("    A :a, 2025-01-01, 99999999y\n")).is_empty());
}
