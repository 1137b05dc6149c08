//! The typed roadmap: plain data, no parsing, no rendering. `boardpack inspect` prints it
//! as JSON, and the templates read the same JSON, so field names are a public contract
//! (documented in `docs/model.md`). Bump [`SCHEMA_VERSION`] on breaking changes.

use crate::date::{Date, DateTime};
use crate::diag::{Diagnostic, Span};
use serde::Serialize;
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize)]
pub struct Roadmap {
    pub schema_version: u32,
    pub source: SourceInfo,
    pub meta: Meta,
    /// The title to show: front matter `title`, else the first level-1 heading, else the
    /// file name.
    pub title: String,
    /// Language of the document's text: front matter `lang`, else detected (`da`/`en`).
    pub lang: String,
    /// The as-of date ("today") of this reading: `--today`, `SOURCE_DATE_EPOCH` or the clock.
    pub today: Date,
    pub blocks: Vec<Block>,
    /// Every Mermaid block, in document order. `Block::Diagram` refers to these by index.
    pub diagrams: Vec<Diagram>,
    pub tracks: Vec<Track>,
    pub diagnostics: Vec<Diagnostic>,
    /// What changed since an earlier version of the page (`--baseline`, `--since`); set
    /// by `compare`, absent without a baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Changes>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SourceInfo {
    /// The path as given (or `<stdin>`).
    pub path: String,
    /// The file name without extension, made safe for output file names.
    pub stem: String,
    pub encoding: String,
    /// What decoding changed, e.g. "removed a UTF-8 byte-order mark", "repaired mojibake".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decoding_notes: Vec<String>,
    pub lines: usize,
}

/// Front matter, typed where roadmap sites agree on a meaning, the rest kept in `extra`.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub author: Option<String>,
    /// The document date as written, parsed (`19-08-2025`, `2025-08-19`, `19.08.2025`, ...).
    pub date: Option<Date>,
    /// The date exactly as written in the front matter.
    pub date_text: Option<String>,
    pub status: Option<String>,
    /// True when `status` reads as a draft (`Udkast`, `draft`, `kladde`, ...).
    pub draft: bool,
    pub parent: Option<String>,
    pub nav_order: Option<serde_json::Value>,
    pub lang: Option<String>,
    pub version: Option<String>,
    pub slug: Option<String>,
    /// Every other key, as JSON values.
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Whether a front-matter block was found and read.
    pub front_matter: FrontMatterState,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FrontMatterState {
    #[default]
    Absent,
    Read,
    Broken,
}

/// Body content. Every block keeps the byte span of its source.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Heading {
        level: u8,
        content: Vec<Inline>,
        line: usize,
    },
    Paragraph {
        content: Vec<Inline>,
        line: usize,
    },
    List {
        /// `Some(n)` for an ordered list starting at `n`.
        #[serde(skip_serializing_if = "Option::is_none")]
        start: Option<u64>,
        ordered: bool,
        tight: bool,
        items: Vec<ListItem>,
        line: usize,
    },
    Quote {
        blocks: Vec<Block>,
        line: usize,
    },
    Table {
        alignments: Vec<Alignment>,
        header: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        line: usize,
    },
    Code {
        #[serde(skip_serializing_if = "Option::is_none")]
        lang: Option<String>,
        text: String,
        line: usize,
    },
    /// A Mermaid block; the diagram itself is `Roadmap::diagrams[diagram]`.
    Diagram {
        diagram: usize,
        line: usize,
    },
    Rule {
        line: usize,
    },
    /// Raw HTML reduced to its text (a warning says so).
    Html {
        text: String,
        line: usize,
    },
    Footnote {
        label: String,
        blocks: Vec<Block>,
        line: usize,
    },
}

#[derive(Clone, Debug, Serialize)]
pub struct ListItem {
    /// The number printed before the item in an ordered list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u64>,
    /// `Some(done)` for a task-list item (`- [x]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checked: Option<bool>,
    pub blocks: Vec<Block>,
    /// Set when this item is a track's activity list (`Roadmap::tracks[track]`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub track: Option<usize>,
    pub line: usize,
}

#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Alignment {
    None,
    Left,
    Center,
    Right,
}

/// Rich inline text, a small tree that templates render recursively.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    Emph {
        content: Vec<Inline>,
    },
    Strong {
        content: Vec<Inline>,
    },
    Strike {
        content: Vec<Inline>,
    },
    Code {
        text: String,
    },
    Link {
        url: String,
        content: Vec<Inline>,
    },
    /// `path` is set when the image resolves to a readable file inside the document's folder.
    Image {
        url: String,
        alt: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        path: Option<String>,
    },
    SoftBreak,
    LineBreak,
    FootnoteRef {
        label: String,
    },
    Checkbox {
        checked: bool,
    },
}

/// A Mermaid block of any type.
#[derive(Clone, Debug, Serialize)]
pub struct Diagram {
    /// The first word of the diagram (`gantt`, `graph`, `pie`, ...).
    pub kind: String,
    /// The fence's info string as written (`mermaid`, `{mermaid}`, `mermaid-example`);
    /// `mermaid{h}` for a `<div class="mermaid">`, `<pre class="mermaid">` or Hugo shortcode.
    pub fence: String,
    /// The diagram's text (an HTML container's with its entities decoded).
    pub source: String,
    pub line: usize,
    /// Resolved chart for `gantt` blocks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gantt: Option<Timeline>,
    /// Every other kind, as drawn by the `diagrams` stage; `None` when it was not drawn
    /// (the report then shows its source, and a diagnostic says why).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drawing: Option<Drawing>,
    /// Offsets in `source` to offsets in the page, for diagnostics found after reading.
    #[serde(skip)]
    pub map: crate::diag::SourceMap,
}

/// A Mermaid diagram drawn as SVG, and where the full report puts it.
#[derive(Clone, Debug, Serialize)]
pub struct Drawing {
    /// The SVG's own size, in CSS pixels.
    pub width: f64,
    pub height: f64,
    /// The size of its smallest text, in CSS pixels: what limits how far it may shrink.
    pub smallest_text: f64,
    /// How the full report places it, and at what scale.
    pub fit: Fit,
    /// Its alternative text: the diagram's `accTitle` and `accDescr`, or a description
    /// generated from its kind and its parts.
    pub alt: String,
    /// What the description was made from (nodes, edges, ...), for `inspect`.
    pub parts: Vec<(String, usize)>,
    /// A drawing too large for one page at a legible size, cut into pieces (between its
    /// texts), a page each; empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pieces: Vec<Piece>,
    /// The SVG itself (resvg-safe: no `foreignObject`, no filters, no external files).
    #[serde(skip)]
    pub svg: std::sync::Arc<str>,
}

/// Where a drawn diagram goes in the full report (A4 landscape).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "placement", rename_all = "kebab-case")]
pub enum Fit {
    /// In the text, `width` points wide.
    Inline { width: f64 },
    /// On a page of its own (portrait when `portrait`), `width` points wide: it is too
    /// tall for the text.
    OwnPage { width: f64, portrait: bool },
    /// On `count` pages of their own, one piece of `Drawing::pieces` each.
    Pieces { count: usize, portrait: bool },
}

/// One piece of a drawing cut across pages.
#[derive(Clone, Debug, Serialize)]
pub struct Piece {
    /// Its width on the page, in points.
    pub width: f64,
    /// The piece as an SVG of its own: the drawing's view box narrowed to it, without the
    /// texts of the other pieces.
    #[serde(skip)]
    pub svg: std::sync::Arc<str>,
}

/// A resolved gantt chart.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Timeline {
    pub title: String,
    pub acc_title: String,
    pub acc_descr: String,
    /// The dayjs input format in effect (trimmed), "" when the chart has none.
    pub date_format: String,
    pub axis_format: Option<String>,
    /// The raw `tickInterval` value and whether Mermaid accepts it.
    pub tick_interval: Option<String>,
    pub tick_interval_valid: bool,
    pub excludes: Vec<String>,
    pub includes: Vec<String>,
    pub weekday: String,
    pub weekend: String,
    pub today_marker: Option<String>,
    pub inclusive_end_dates: bool,
    pub top_axis: bool,
    pub display_mode: Option<String>,
    /// Sections in order of first appearance (trimmed names; "" for tasks before any).
    pub sections: Vec<Section>,
    /// Tasks and markers in definition order.
    pub tasks: Vec<Task>,
    /// `click id href "url"` links.
    pub links: BTreeMap<String, String>,
    /// Earliest start and latest end over all dated items (Mermaid's axis domain).
    pub range: Option<DateRange>,
    /// True when any resolved instant is not at midnight.
    pub has_times: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Section {
    pub name: String,
    /// Indexes into `Timeline::tasks`.
    pub tasks: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DateRange {
    pub start: DateTime,
    pub end: DateTime,
}

#[derive(Clone, Debug, Serialize)]
pub struct Task {
    pub id: String,
    /// False for Mermaid's automatic `taskN` ids.
    pub id_explicit: bool,
    /// Trimmed name as written.
    pub name: String,
    /// Index into `Timeline::sections`.
    pub section: usize,
    pub start: Option<DateTime>,
    /// Mermaid's `endTime`: exclusive end, used by `after` and the axis.
    pub end: Option<DateTime>,
    /// Where the bar is drawn to when excluded days trail the task (else `end`).
    pub render_end: Option<DateTime>,
    pub flags: TaskFlags,
    /// The end text was an explicit `YYYY-MM-DD` date (never shifted by `excludes`).
    pub manual_end: bool,
    /// Row in Mermaid's drawing (definition order), -1 for `vert` markers.
    pub order: i64,
    pub raw: RawTask,
    /// Why this task could not be dated (it is still shown), with the diagnostic code.
    pub problem: Option<TaskProblem>,
    /// Status as of `Roadmap::today`; filled by `read::status`.
    pub status: TaskStatus,
    /// Why its dates are in doubt although it is drawn (the codes of the warnings about
    /// it: a start that fell back to "today", an end before its start, a date the browser
    /// read as another day, a milestone given a period, a name cut by a colon). Reports
    /// say so in plain words, and such a task does not decide which quarters a page
    /// belongs to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub doubts: Vec<&'static str>,
    /// 1-based line of the task in the source file.
    pub line: usize,
    #[serde(skip)]
    pub span: Span,
}

impl Task {
    /// Where the task's bar is drawn to: Mermaid's render end when excluded days trail the
    /// task, else its (exclusive) end.
    pub fn drawn_end(&self) -> Option<DateTime> {
        self.render_end.or(self.end)
    }

    /// The end a reader is shown, by the one convention of every report: the last day the
    /// bar covers (see [`last_covered`]); a milestone's single date is the instant its
    /// diamond marks. `None` when the task has no dates.
    pub fn shown_end(&self) -> Option<DateTime> {
        let (start, end) = (self.start?, self.drawn_end()?);
        if self.flags.milestone {
            return Some(self.milestone_at().unwrap_or(start));
        }
        Some(last_covered(start, end))
    }

    /// The start a reader is shown: a milestone's is the instant its diamond marks.
    pub fn shown_start(&self) -> Option<DateTime> {
        if self.flags.milestone { self.milestone_at().or(self.start) } else { self.start }
    }

    /// Where Mermaid draws a milestone's diamond: the middle of its start and end.
    fn milestone_at(&self) -> Option<DateTime> {
        let (start, end) = (self.start?, self.drawn_end()?);
        let end = end.max(start);
        Some(DateTime::from_ms(start.ms() + (end.ms() - start.ms()) / 2))
    }
}

/// The last instant shown for something that runs from `start` to the exclusive `end`:
/// for whole days, the day before `end` (a task from 1 January to 1 February covers
/// January, so it ends 31 January; a one-day task starts and ends on its day); for times
/// of day, `end` itself (10:00 to 12:00). Never before `start`.
pub fn last_covered(start: DateTime, end: DateTime) -> DateTime {
    if end <= start {
        return start;
    }
    if end.is_midnight() && start.is_midnight() {
        DateTime::from_ms(end.ms() - crate::date::MS_PER_DAY)
    } else {
        end
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TaskFlags {
    pub crit: bool,
    pub done: bool,
    pub active: bool,
    pub milestone: bool,
    pub vert: bool,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct RawTask {
    /// The text after the name's colon, as written.
    pub data: String,
    /// The start expression, or `None` when the start is the previous task's end.
    pub start: Option<String>,
    pub end: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TaskProblem {
    pub code: &'static str,
    pub message: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Done,
    Active,
    #[default]
    Planned,
    /// No usable dates.
    Undated,
}

/// An activity list linked to a gantt section.
#[derive(Clone, Debug, Serialize)]
pub struct Track {
    /// The gantt section's name.
    pub name: String,
    /// The list item's full lead text, e.g. "Produktforvaltning og leverandørsamarbejde".
    pub heading: String,
    /// The number of the list item, when it came from an ordered list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u64>,
    pub diagram: usize,
    pub section: usize,
    /// First start and last end of the section's dated tasks (vert markers excluded).
    pub period: Option<DateRange>,
    /// Tasks of the section that could not be dated.
    pub undated: usize,
    /// The activities: the nested list of the item, nesting preserved.
    pub activities: Vec<ListItem>,
    /// Further blocks of the item that are not the activity list (prose under the lead).
    pub notes: Vec<Block>,
    /// For a track that is a heading with the blocks under it rather than a list item:
    /// the top-level blocks `[start, end)` of `Roadmap::blocks` it took.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocks: Option<[usize; 2]>,
    /// A list written right after the lead item instead of inside it (`1. **Track**`
    /// then `- activity` lines at column 0, which CommonMark reads as a new list): its
    /// index in `Roadmap::blocks`. It is the track's activities, not page content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub following_list: Option<usize>,
    pub line: usize,
}

impl Inline {
    /// The plain text of a run of inlines.
    pub fn plain(inlines: &[Inline]) -> String {
        let mut out = String::new();
        for inline in inlines {
            inline.push_plain(&mut out);
        }
        out
    }

    /// The words of a run of inlines without images' descriptions: a heading that is only
    /// a badge (`# ![build passing](…)`) has none.
    pub fn words_only(inlines: &[Inline]) -> String {
        let kept: Vec<Inline> =
            inlines.iter().filter(|i| !matches!(i, Inline::Image { .. })).cloned().collect();
        let mut out = String::new();
        for inline in &kept {
            match inline {
                Inline::Link { content, .. } => out.push_str(&Inline::words_only(content)),
                other => other.push_plain(&mut out),
            }
        }
        out
    }

    fn push_plain(&self, out: &mut String) {
        match self {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => {
                for inline in content {
                    inline.push_plain(out);
                }
            }
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::SoftBreak | Inline::LineBreak => out.push(' '),
            Inline::FootnoteRef { label } => {
                out.push('[');
                out.push_str(label);
                out.push(']');
            }
            Inline::Checkbox { .. } => {}
        }
    }
}

/// What changed between an earlier version of a page (the baseline) and this one, for
/// every gantt task, milestone and `vert` marker. Filled by `compare`.
#[derive(Clone, Debug, Serialize)]
pub struct Changes {
    pub baseline: Baseline,
    pub summary: ChangeSummary,
    /// Every item that changed, in the order a board reads them: slipped milestones and
    /// markers first, then slipped tasks by the size of the slip, then added and removed
    /// items, then the rest (pulled in, start moved, renamed, moved, status changed).
    pub items: Vec<ItemChange>,
    /// Each track (gantt section) present in both versions whose period moved.
    pub tracks: Vec<TrackShift>,
}

/// Which earlier version was compared.
#[derive(Clone, Debug, Serialize)]
pub struct Baseline {
    /// How it was named: a file's path, or `REV:path` for a git revision.
    pub source: String,
    /// The commit read, for a git revision or `--since`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// The baseline's own as-of date: `--since`'s date, the commit's date, else the
    /// earlier file's front-matter date. Its statuses are as of this date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    pub title: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ChangeSummary {
    /// Items whose end (a milestone's date) moved later.
    pub slipped: usize,
    /// The largest slip, in calendar days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub largest_slip_days: Option<i64>,
    /// Items whose end moved earlier.
    pub pulled_in: usize,
    pub added: usize,
    pub removed: usize,
    pub renamed: usize,
    /// Items now in another section.
    pub moved: usize,
    /// Items done now that were not done as of the baseline's date.
    pub finished: usize,
    /// Items in progress now that were planned as of the baseline's date.
    pub started: usize,
}

impl ChangeSummary {
    pub fn is_empty(&self) -> bool {
        *self == ChangeSummary::default()
    }
}

/// One task, milestone or marker that changed.
#[derive(Clone, Debug, Serialize)]
pub struct ItemChange {
    /// What matters most about it, which decides its place in the list.
    pub kind: ChangeKind,
    pub item: ItemKind,
    /// The name now (the baseline's for a removed item).
    pub name: String,
    /// The baseline's name, when it was renamed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_name: Option<String>,
    /// The section now (the baseline's for a removed item).
    pub section: String,
    /// The baseline's section, when it moved to another one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_section: Option<String>,
    /// The shown start and end (the last day covered; a milestone's date), now and as of
    /// the baseline.
    pub start: Option<DateTime>,
    pub end: Option<DateTime>,
    pub previous_start: Option<DateTime>,
    pub previous_end: Option<DateTime>,
    /// Calendar days the start and end moved (positive: later).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_shift_days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_shift_days: Option<i64>,
    /// The end's shift in working days, when the chart excludes days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_shift_working_days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<TaskStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_status: Option<TaskStatus>,
    /// How it was paired with its baseline version (absent for added and removed items).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_by: Option<MatchRule>,
    /// Where it is now: `Roadmap::diagrams[diagram].gantt.tasks[task]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<TaskRef>,
    /// Where it was in the baseline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_task: Option<TaskRef>,
    /// Its line in the page (the baseline's line for a removed item).
    pub line: usize,
    /// Where the baseline's bar was drawn (start, drawn end), for the timeline's outline.
    #[serde(skip)]
    pub previous_bar: Option<(DateTime, DateTime)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Slipped,
    Added,
    Removed,
    PulledIn,
    /// Only its start moved.
    StartMoved,
    /// Its dates are as they were; its name, section or status changed.
    Changed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Task,
    Milestone,
    Marker,
}

/// The rule that paired a task with its baseline version, tried in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchRule {
    /// The same explicit id, used by one task only in each version.
    Id,
    /// The same section and name (normalised: case, spacing, punctuation at the ends).
    Name,
    /// The same name in another section.
    NameElsewhere,
    /// A light rename: a similar name in the same section (or a very similar one in
    /// another), see `compare::matching`.
    Similar,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TaskRef {
    pub diagram: usize,
    pub task: usize,
}

/// A track whose period moved.
#[derive(Clone, Debug, Serialize)]
pub struct TrackShift {
    pub name: String,
    pub period: Option<DateRange>,
    pub previous_period: Option<DateRange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_shift_days: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_shift_days: Option<i64>,
}
