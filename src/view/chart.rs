//! A gantt timeline laid out for drawing: lanes per section, one row per task with its
//! bar as fractions of the plot width, markers, the today line and the tasks that could
//! not be placed. Pure data; the templates only scale it to the page.

use super::axis::Axis;
use crate::date::DateTime;
use crate::locale::Lang;
use crate::model::{Task, TaskStatus, Timeline};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Debug, Serialize)]
pub struct Chart {
    /// Index into `Roadmap::diagrams`.
    pub diagram: usize,
    pub title: String,
    /// `marts 2025 – juni 2026`.
    pub range_text: String,
    pub axis: Axis,
    pub today: Option<TodayLine>,
    pub lanes: Vec<Lane>,
    pub markers: Vec<Marker>,
    /// Tasks that have no place on the axis, with the reason.
    pub unplaced: Vec<Unplaced>,
    /// Tasks drawn with dates in doubt, with the reason in plain words.
    pub doubts: Vec<Doubtful>,
    pub summary: Summary,
    /// Set for a cropped chart (a quarter with context): the highlighted part.
    pub window: Option<Highlight>,
    /// How tightly rows are packed: 0 (roomy) to 2 (dense), so that long charts fit more
    /// rows on a page; the type size stays.
    pub density: u8,
    /// What the legend explains: only what the chart shows.
    pub legend: Legend,
    /// The columns it is drawn in.
    pub columns: Columns,
    /// What the chart shows, in words: its alternative text in the tagged PDF.
    pub description: String,
}

/// The kinds of marks a chart draws, so that its legend lists those and no others.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Legend {
    pub done: bool,
    pub active: bool,
    pub planned: bool,
    pub crit: bool,
    pub milestone: bool,
    pub undated: bool,
    pub today: bool,
    pub marker: bool,
    /// A bar is outlined where the baseline had it.
    pub baseline: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct TodayLine {
    pub x: f64,
    pub label: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Lane {
    pub name: String,
    /// A one-word name (`Sekretariatsfunktion`) may be hyphenated to fit its column;
    /// longer names wrap between words.
    pub hyphenate: bool,
    /// Index into the palette of section colours.
    pub color: usize,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Row {
    /// Index into the timeline's tasks.
    pub task: usize,
    pub name: String,
    /// `bar`, `milestone` or `unplaced`.
    pub kind: &'static str,
    pub x0: f64,
    pub x1: f64,
    /// The bar continues beyond the left/right edge of a cropped chart.
    pub clipped_start: bool,
    pub clipped_end: bool,
    pub status: TaskStatus,
    pub crit: bool,
    pub note: Option<String>,
    /// Why the bar's dates are in doubt, in plain words, when they are.
    pub doubt: Option<String>,
    pub start_text: String,
    pub end_text: String,
    /// Where the baseline had the bar (x0, x1), for a task that moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<[f64; 2]>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Marker {
    pub x: f64,
    pub name: String,
    pub date_text: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Unplaced {
    pub name: String,
    pub section: String,
    pub reason: String,
    pub line: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Doubtful {
    pub name: String,
    pub text: String,
    pub line: usize,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub tasks: usize,
    pub sections: usize,
    pub done: usize,
    pub active: usize,
    pub planned: usize,
    pub undated: usize,
    pub milestones: usize,
    pub markers: usize,
    /// Tasks left out of a cropped chart.
    pub outside: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Highlight {
    pub x0: f64,
    pub x1: f64,
    pub label: String,
}

/// What part of the timeline to show.
#[derive(Clone, Debug)]
pub struct Window {
    pub start: DateTime,
    pub end: DateTime,
    /// The highlighted span inside it (the quarter) and its label.
    pub highlight: (DateTime, DateTime, String),
}

/// The chart's columns, in millimetres: section names, task names, a gap, then the plot.
/// The template draws exactly these, so the axis is chosen for the width it gets.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Columns {
    pub width_mm: f64,
    pub section_mm: f64,
    pub task_mm: f64,
    pub gap_mm: f64,
    /// The minutes attachment's compact chart.
    pub compact: bool,
}

impl Columns {
    /// The plot's width: what the label columns leave, less a margin on the right.
    pub fn plot_mm(self) -> f64 {
        self.width_mm - self.section_mm - self.task_mm - self.gap_mm - 1.5
    }
}

/// How to lay a chart out: for which report, language and date, how wide.
pub struct ChartSpec<'a> {
    pub today: DateTime,
    pub lang: Lang,
    /// The chart's columns; the plot's width decides how fine the axis can be.
    pub columns: Columns,
    /// The part of the timeline to show (a quarter with context), else all of it.
    pub window: Option<&'a Window>,
    /// The palette index of its first coloured section, so that the sections of two
    /// charts on one page never share a colour.
    pub first_color: usize,
    /// Where the baseline drew the tasks that moved (start, drawn end), by task index:
    /// drawn as a thin outline under the current bar.
    pub baseline: BTreeMap<usize, (DateTime, DateTime)>,
}

/// Lays out `timeline` (diagram `diagram` of the page) as `spec` says.
pub fn build(diagram: usize, timeline: &Timeline, spec: &ChartSpec<'_>) -> Option<Chart> {
    let ChartSpec { today, lang, columns, window, first_color, ref baseline } = *spec;
    let (width_mm, compact) = (columns.plot_mm(), columns.compact);
    let axis = match window {
        Some(w) => Axis::window(w.start.ms(), w.end.ms(), width_mm, lang),
        None => {
            let range = timeline.range?;
            // The axis also spans where the baseline had the tasks that moved.
            let start = baseline.values().map(|b| b.0.ms()).fold(range.start.ms(), i64::min);
            let end = baseline.values().map(|b| b.1.ms()).fold(range.end.ms(), i64::max);
            Axis::new(start, end.max(start), width_mm, lang)
        }
    };
    let in_view = |task: &Task| match (task.start, drawn_end(task)) {
        (Some(s), Some(e)) => e.ms() >= axis.start && s.ms() <= axis.end,
        _ => true,
    };
    let mut summary = Summary::default();
    let mut lanes = Vec::new();
    let mut unplaced = Vec::new();
    let mut doubts = Vec::new();
    for (index, section) in timeline.sections.iter().enumerate() {
        let mut rows = Vec::new();
        for &t in &section.tasks {
            let Some(task) = timeline.tasks.get(t) else { continue };
            if task.flags.vert {
                continue;
            }
            if !in_view(task) {
                summary.outside += 1;
                continue;
            }
            count(&mut summary, task);
            let mut row = row(t, task, &axis, lang);
            if let Some(&(start, end)) = baseline.get(&t)
                && row.kind != "unplaced"
            {
                let (a, b) = (axis.x(start.ms()), axis.x(end.ms()));
                let (a, b) = if task.flags.milestone { ((a + b) / 2.0, (a + b) / 2.0) } else { (a, b) };
                row.baseline = Some([a.clamp(0.0, 1.0), b.clamp(0.0, 1.0)]);
            }
            if let Some(text) = &row.doubt {
                doubts.push(Doubtful {
                    name: super::label::breakable(&task.name),
                    text: text.clone(),
                    line: task.line,
                });
            }
            if row.kind == "unplaced" {
                unplaced.push(Unplaced {
                    name: super::label::breakable(&task.name),
                    section: section.name.clone(),
                    reason: row.note.clone().unwrap_or_default(),
                    line: task.line,
                });
            }
            rows.push(row);
        }
        if !rows.is_empty() {
            let name = crate::read::tracks::replace_breaks(&section.name, "\n");
            lanes.push(Lane {
                hyphenate: !name.contains(' '),
                name: super::label::breakable(&name),
                color: first_color + color_index(timeline, index),
                rows,
            });
        }
    }
    let markers = timeline
        .tasks
        .iter()
        .filter(|t| t.flags.vert)
        .filter_map(|t| {
            let start = t.start?;
            let x = axis.x(start.ms());
            (0.0..=1.0).contains(&x).then(|| Marker {
                x,
                name: super::label::breakable(&t.name),
                date_text: date_text(start, lang),
            })
        })
        .collect::<Vec<_>>();
    summary.markers = markers.len();
    summary.sections = lanes.len();
    let today_x = axis.x(today.ms());
    let today_line = (0.0..=1.0).contains(&today_x).then(|| TodayLine {
        x: today_x,
        label: format!(
            "{} · {}",
            lang.label("today"),
            today.date().map(|d| lang.medium_date(d)).unwrap_or_default()
        ),
    });
    let range_text = range_text(&axis, lang);
    let window = window.map(|w| Highlight {
        x0: axis.x(w.highlight.0.ms()).clamp(0.0, 1.0),
        x1: axis.x(w.highlight.1.ms()).clamp(0.0, 1.0),
        label: w.highlight.2.clone(),
    });
    let rows: usize = lanes.iter().map(|l| l.rows.len()).sum();
    let density = match rows {
        _ if compact => 0,
        0..=12 => 0,
        13..=20 => 1,
        _ => 2,
    };
    let mut legend = Legend { today: today_line.is_some(), marker: !markers.is_empty(), ..Legend::default() };
    for row in lanes.iter().flat_map(|l| &l.rows) {
        match row.kind {
            "milestone" => legend.milestone = true,
            "unplaced" => legend.undated = true,
            _ => match row.status {
                TaskStatus::Done => legend.done = true,
                TaskStatus::Active => legend.active = true,
                TaskStatus::Planned => legend.planned = true,
                TaskStatus::Undated => legend.undated = true,
            },
        }
        legend.crit |= row.crit;
        legend.baseline |= row.baseline.is_some();
    }
    let mut chart = Chart {
        description: String::new(),
        columns,
        doubts,
        legend,
        density,
        diagram,
        title: super::label::breakable(timeline.title.trim()),
        range_text,
        axis,
        today: today_line,
        lanes,
        markers,
        unplaced,
        summary,
        window,
    };
    chart.description = super::describe::timeline(&chart, lang);
    Some(chart)
}

/// Mermaid's colour index of a section: its position among the sections that hold tasks
/// other than `vert` markers, so a marker-only section takes no colour.
pub fn color_index(timeline: &Timeline, section: usize) -> usize {
    coloured_sections(timeline, section)
}

/// How many of the first `upto` sections take a colour (hold tasks other than markers).
pub fn coloured_sections(timeline: &Timeline, upto: usize) -> usize {
    let has_tasks = |s: &crate::model::Section| {
        s.tasks.iter().any(|&t| timeline.tasks.get(t).is_some_and(|t| !t.flags.vert))
    };
    timeline.sections.iter().take(upto).filter(|s| has_tasks(s)).count()
}

fn count(summary: &mut Summary, task: &Task) {
    summary.tasks += 1;
    if task.flags.milestone {
        summary.milestones += 1;
    }
    match task.status {
        TaskStatus::Done => summary.done += 1,
        TaskStatus::Active => summary.active += 1,
        TaskStatus::Planned => summary.planned += 1,
        TaskStatus::Undated => summary.undated += 1,
    }
}

/// Where a task's bar ends: Mermaid's render end when excluded days trail it.
pub fn drawn_end(task: &Task) -> Option<DateTime> {
    task.drawn_end()
}

/// Whether a dated task shows in `[start, end)`: a bar when it covers part of it (its end
/// is exclusive), a zero-length task when it stands inside it.
pub fn touches(task: &Task, start: DateTime, end: DateTime) -> bool {
    match (task.start, drawn_end(task)) {
        (Some(s), Some(e)) if e > s => s < end && e > start,
        (Some(s), Some(_)) => s >= start && s < end,
        _ => true,
    }
}

fn row(index: usize, task: &Task, axis: &Axis, lang: Lang) -> Row {
    let start_text = task
        .shown_start()
        .map(|s| lang.short_datetime(s))
        .unwrap_or_else(|| raw_or_dash(task.raw.start.as_deref()));
    let end_text = task
        .shown_end()
        .map(|e| lang.short_datetime(e))
        .unwrap_or_else(|| raw_or_dash(task.raw.end.as_deref()));
    let base = Row {
        task: index,
        name: super::label::breakable(&task.name),
        kind: "unplaced",
        x0: 0.0,
        x1: 0.0,
        clipped_start: false,
        clipped_end: false,
        status: task.status,
        crit: task.flags.crit,
        note: None,
        doubt: doubt_text(task, lang),
        start_text,
        end_text,
        baseline: None,
    };
    match (task.start, drawn_end(task), &task.problem) {
        (Some(start), Some(end), None) => {
            let (a, b) = (axis.x(start.ms()), axis.x(end.ms().max(start.ms())));
            let kind = if task.flags.milestone { "milestone" } else { "bar" };
            let (x0, x1) = if task.flags.milestone {
                let mid = (a + b) / 2.0;
                (mid, mid)
            } else {
                (a, b)
            };
            Row {
                kind,
                clipped_start: x0 < 0.0,
                clipped_end: x1 > 1.0,
                x0: x0.clamp(0.0, 1.0),
                x1: x1.clamp(0.0, 1.0),
                ..base
            }
        }
        (_, _, problem) => {
            let reason = match problem {
                Some(p) => reason_text(p.code, &p.message, task, lang),
                None => lang.label("undated").to_string(),
            };
            Row { note: Some(reason), status: TaskStatus::Undated, ..base }
        }
    }
}

fn raw_or_dash(raw: Option<&str>) -> String {
    raw.map(str::trim).filter(|r| !r.is_empty()).unwrap_or("–").to_string()
}

/// A reader-facing reason for an undated task, in the report's language where we know
/// the problem, with the source line.
fn reason_text(code: &str, _message: &str, task: &Task, lang: Lang) -> String {
    use crate::gantt::codes;
    let raw_start = task.raw.start.as_deref().unwrap_or("").trim();
    let line = format!("{} {}", lang.label("line"), task.line);
    // Plain words for a board, never the JavaScript error Mermaid would show.
    let why = match code {
        codes::INVALID_DATE | codes::MISPLACED_TAG => {
            format!("{} {raw_start}", lang.label("invalid-start-date"))
        }
        codes::TAGS_ONLY => lang.label("reason-tags-only").to_string(),
        codes::TOO_MANY_FIELDS => lang.label("reason-too-many-fields").to_string(),
        codes::NO_PREVIOUS_TASK => lang.label("reason-no-previous-task").to_string(),
        codes::DATE_OUT_OF_RANGE => lang.label("reason-out-of-range").to_string(),
        codes::UNSUPPORTED_FORMAT => lang.label("reason-unreadable-format").to_string(),
        codes::EXCLUDES_EXHAUSTED => lang.label("reason-no-working-days").to_string(),
        codes::DEPENDS_ON_UNDATED => lang.label("reason-depends-on-undated").to_string(),
        codes::CYCLE => lang.label("reason-cycle").to_string(),
        codes::CHAIN_TOO_DEEP => lang.label("reason-chain-too-deep").to_string(),
        _ => lang.label("reason-undated").to_string(),
    };
    format!("{why}, {line}")
}

/// Why a drawn task's dates are in doubt, in plain words in the report's language.
pub fn doubt_text(task: &Task, lang: Lang) -> Option<String> {
    use crate::gantt::codes;
    let words: Vec<&str> = task
        .doubts
        .iter()
        .map(|code| match *code {
            codes::UNKNOWN_ID => lang.label("doubt-unknown-after"),
            codes::END_BEFORE_START => lang.label("doubt-end-before-start"),
            codes::DATE_FALLBACK => lang.label("doubt-date-fallback"),
            codes::ZERO_LENGTH => lang.label("doubt-zero-length"),
            codes::MILESTONE_RANGE => lang.label("doubt-milestone-range"),
            _ => lang.label("doubt-colon-in-name"),
        })
        .collect();
    (!words.is_empty()).then(|| format!("{}, {} {}", words.join("; "), lang.label("line"), task.line))
}

fn date_text(t: DateTime, lang: Lang) -> String {
    match t.date() {
        Some(d) if t.is_midnight() => lang.medium_date(d),
        _ => lang.short_datetime(t),
    }
}

/// `marts 2025 – juni 2026` for month-or-coarser axes, else the first and last dates.
fn range_text(axis: &Axis, lang: Lang) -> String {
    let (Some(first), Some(last)) = (axis.start_date.date(), DateTime::from_ms(axis.end - 1).date()) else {
        return String::new();
    };
    let coarse = matches!(axis.rows.last().map(|r| r.unit), Some("month" | "quarter" | "year"));
    if coarse {
        if (first.year(), first.month()) == (last.year(), last.month()) {
            return lang.month_year(first);
        }
        format!("{} – {}", lang.month_year(first), lang.month_year(last))
    } else if first == last {
        lang.long_date(first)
    } else {
        format!("{} – {}", lang.long_date(first), lang.long_date(last))
    }
}
