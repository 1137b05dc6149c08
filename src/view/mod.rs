//! The report's data: the roadmap model plus everything a template should not compute
//! itself (localized words and dates, chart geometry, track tables, the quarter's groups).
//! Serialized to `/data/report.json` for the Typst templates.

pub mod axis;
pub mod budget;
pub mod changes;
pub mod chart;
pub mod describe;
pub mod estimate;
pub mod label;
pub mod pack;
pub mod quarter;
pub mod standard;
pub mod text;

use crate::date::{Date, DateTime};
use crate::locale::Lang;
use crate::model::{Block, Inline, ListItem, Roadmap, TaskStatus};
use crate::quarter::Quarter;
use crate::read::tracks::fold;
use chart::Chart;
use serde::Serialize;
use std::collections::BTreeMap;

/// The columns of the full report's chart: A4 landscape between its margins.
pub const REPORT_COLUMNS: chart::Columns =
    chart::Columns { width_mm: 267.0, section_mm: 33.0, task_mm: 62.0, gap_mm: 4.0, compact: false };
/// The compact chart of the minutes attachment: A4 portrait; room for a one-word section
/// name such as "Sekretariatsfunktion" unbroken.
pub const MINUTES_COLUMNS: chart::Columns =
    chart::Columns { width_mm: 180.0, section_mm: 32.0, task_mm: 46.0, gap_mm: 3.0, compact: true };

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Template {
    Report,
    Minutes,
}

impl Template {
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_lowercase().as_str() {
            "report" | "full" | "board" | "rapport" => Some(Template::Report),
            "minutes" | "attachment" | "bilag" | "referat" => Some(Template::Minutes),
            _ => None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct ReportOptions {
    pub lang: Lang,
    pub template: Template,
    pub quarter: Option<Quarter>,
    pub meeting_date: Option<Date>,
    /// The standards the PDF is to claim (it may claim less: see `report::export`).
    pub conformance: standard::Conformance,
}

#[derive(Serialize)]
pub struct ReportData<'a> {
    pub schema_version: u32,
    pub template: Template,
    pub lang: Lang,
    /// The page's own language where it differs from the report's (see [`content_lang`]).
    pub content_lang: Option<String>,
    pub labels: BTreeMap<&'static str, &'static str>,
    pub header: Header,
    pub pdf: PdfInfo,
    pub charts: Vec<Chart>,
    pub tracks: Vec<TrackView>,
    /// The paragraph that introduces the activity lists, shown above the tracks.
    pub tracks_intro: Option<Vec<Inline>>,
    /// Short paragraphs before the page's first heading, chart or list (a "last
    /// updated" line, a one-sentence summary): shown under the title.
    pub lead: Vec<Vec<Inline>>,
    /// The page's remaining content, in order: what is not drawn as chart or tracks.
    pub content: Vec<Block>,
    pub quarter: Option<quarter::QuarterView>,
    /// "Changes since …", when the page was compared with a baseline.
    pub changes: Option<changes::ChangesView>,
    /// Virtual paths of embedded images, by their path relative to the document.
    pub images: BTreeMap<String, String>,
    /// The drawn Mermaid diagrams the content shows, by their index in the model.
    pub diagrams: BTreeMap<String, DiagramView>,
    /// The part of the page's content left out because a report lays out at most
    /// [`budget::BUDGET`] of it; the templates say so where it would have been.
    pub omitted: Option<budget::Omitted>,
    /// Tables shown with their first [`budget::MAX_COLUMNS`] columns only.
    pub narrowed: Vec<budget::NarrowedTable>,
    /// The model itself. Not part of `/data/report.json`: templates that want it read
    /// `/data/roadmap.json` (the `boardpack inspect` JSON), parsed only if they do.
    #[serde(skip)]
    pub roadmap: &'a Roadmap,
}

/// A drawn diagram as the template places it.
#[derive(Clone, Debug, Serialize)]
pub struct DiagramView {
    /// Its index in `Roadmap::diagrams`.
    #[serde(skip)]
    pub diagram: usize,
    /// The virtual path its SVG is served at.
    pub path: String,
    #[serde(flatten)]
    pub fit: crate::model::Fit,
    pub alt: String,
    /// A drawing cut across pages: each piece's SVG, width and alternative text.
    pub pieces: Vec<PieceView>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PieceView {
    pub path: String,
    pub width: f64,
    pub alt: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Header {
    pub title: String,
    /// Small caps line over the title (product · kind of report).
    pub eyebrow: Vec<String>,
    pub product: Option<String>,
    pub author: Option<String>,
    pub document_date: Option<String>,
    pub version: Option<String>,
    pub status: Option<String>,
    pub draft: bool,
    /// The as-of date, long and medium (`15. februar 2026`, `15. feb. 2026`).
    pub as_of: String,
    pub as_of_medium: String,
    pub generated: String,
    pub meeting_date: Option<String>,
    /// Shown under the title (the quarter, or "Bilag").
    pub subtitle: Option<String>,
    /// The title and status in the page footer, shortened so that the footer stays one
    /// line on a portrait page.
    pub running_title: String,
    pub running_status: Option<String>,
    /// A long author list (several organisations) gets a row of its own.
    pub long_author: bool,
    /// The status in the title block's metadata: the page's own words, unless they only
    /// say "draft" (the badge says that, in the report's language, as the draft mark does).
    pub status_shown: Option<String>,
    /// Whether the title is a PDF bookmark: not when it is longer than a PDF string may be.
    pub bookmarked: bool,
    /// The metadata values are too long to stand side by side on a portrait page: they
    /// share the width in a grid and wrap.
    pub meta_in_grid: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct PdfInfo {
    pub title: String,
    pub author: Vec<String>,
    pub description: String,
    pub keywords: Vec<String>,
    /// The report's date (its as-of date), so the same input gives the same bytes.
    pub date: [u32; 3],
}

#[derive(Clone, Debug, Serialize)]
pub struct TrackView {
    /// 1-based position among the tracks shown.
    pub number: usize,
    pub diagram: usize,
    pub section: String,
    pub heading: String,
    /// A compound word too long for the heading's column (a Danish
    /// "Sagsbehandlingssystem") makes the heading hyphenated.
    pub hyphenate: bool,
    /// The chart the track belongs to, when the page's tracks come from several charts
    /// (their sections may share names): the chart's title, else "Tidsplan 2".
    pub chart: Option<String>,
    /// The band may be taller than what is left of a page: laid out so that it breaks
    /// across pages, with the column headings repeated.
    pub tall: bool,
    /// The tasks are set as a table with header cells (tagged as Table/TH); past
    /// [`MAX_TABLE_TASKS`] as plain rows, which Typst lays out in a fraction of the time.
    pub task_table: bool,
    /// How many of its tasks are in each status, in the order the minutes list them.
    pub status_counts: Vec<(TaskStatus, usize)>,
    pub color: usize,
    pub period: Option<String>,
    pub undated: usize,
    pub tasks: Vec<TaskLine>,
    pub activities: Vec<ListItem>,
    pub notes: Vec<Block>,
    /// The Mermaid diagrams of its notes and activities, shown full width after the band
    /// (its columns are too narrow to print one legibly): drawn, or as source.
    pub diagrams: Vec<Block>,
    /// The track's span on its chart's axis (0..1), for the mini axis.
    pub span: Option<(f64, f64)>,
    pub today_x: Option<f64>,
    /// The chart axis' first and last month (`mar 2025`, `jun 2026`), under the mini axis.
    pub axis_range: Option<(String, String)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TaskLine {
    pub name: String,
    /// Its dates are in doubt (see the chart's note on them).
    pub doubt: bool,
    pub start: String,
    pub end: String,
    pub status: TaskStatus,
    pub status_label: &'static str,
    pub milestone: bool,
    pub crit: bool,
    /// Upper bounds of the widths in em of the row's four texts (name, start, end, status
    /// label), when every character is in the face it is set in: a row whose texts all
    /// fit their columns is one line high, and the template gives it that height without
    /// measuring it. Set by the renderer, which has the fonts (`render::widths`).
    pub widths: Option<[f64; 4]>,
}

/// Builds the report data for `roadmap`.
pub fn build<'a>(roadmap: &'a Roadmap, options: &ReportOptions) -> ReportData<'a> {
    let lang = options.lang;
    let today = DateTime::from_date(roadmap.today);
    let window = options.quarter.map(|q| quarter::window(q, lang));
    let columns = match options.template {
        Template::Report => REPORT_COLUMNS,
        Template::Minutes => MINUTES_COLUMNS,
    };
    let charts: Vec<Chart> = roadmap
        .diagrams
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.gantt.as_ref().map(|t| (i, t)))
        .filter_map(|(i, t)| {
            let spec = chart::ChartSpec {
                today,
                lang,
                columns,
                window: window.as_ref(),
                first_color: first_color(roadmap, i),
                baseline: baseline_bars(roadmap, i),
            };
            chart::build(i, t, &spec)
        })
        .collect();
    let mut budget = budget::Budget::default();
    let mut tracks = track_views(roadmap, &charts, lang, window.as_ref(), &mut budget);
    for track in &mut tracks {
        let mut found = Vec::new();
        take_diagrams(&mut track.notes, &mut found);
        for item in &mut track.activities {
            take_diagrams(&mut item.blocks, &mut found);
        }
        diagrams_in_place(&mut found, roadmap, lang);
        track.diagrams = found;
    }
    let lead = leading_paragraphs(&roadmap.blocks);
    let (content, tracks_intro) = remaining_content(lead.len(), roadmap, lang);
    let mut content = text::blocks(&budget.take(content));
    outline_levels(&mut content);
    let tracks_intro = tracks_intro.map(|i| text::inlines(&i));
    let lead: Vec<Vec<Inline>> = lead.iter().map(|p| text::inlines(p)).collect();
    let quarter = options.quarter.map(|q| quarter::build(roadmap, q, lang));
    let changes = roadmap.changes.as_ref().map(|found| {
        let scope = match (options.template, options.quarter) {
            (Template::Minutes, _) => changes::Scope::LargestSlips,
            (_, Some(q)) => changes::Scope::Quarter(q),
            _ => changes::Scope::All,
        };
        changes::build(found, lang, scope)
    });
    let header = header(roadmap, options);
    let pdf = pdf_info(roadmap, &header, options);
    let images = collect_images(&roadmap.blocks);
    // Only the full report shows the page's further content, diagrams and all.
    let diagrams = if options.template == Template::Report && options.quarter.is_none() {
        let in_tracks: Vec<Block> = tracks.iter().flat_map(|t| t.diagrams.iter().cloned()).collect();
        diagram_views(roadmap, &[content.as_slice(), in_tracks.as_slice()].concat(), lang)
    } else {
        BTreeMap::new()
    };
    ReportData {
        schema_version: crate::model::SCHEMA_VERSION,
        template: options.template,
        lang,
        content_lang: content_lang(roadmap, lang),
        labels: lang.labels(),
        header,
        pdf,
        charts,
        tracks,
        tracks_intro,
        lead,
        content,
        quarter,
        changes,
        images,
        diagrams,
        omitted: budget.omitted,
        narrowed: budget.narrowed,
        roadmap,
    }
}

/// Where the baseline drew each task of diagram `diagram` that moved, by task index.
fn baseline_bars(roadmap: &Roadmap, diagram: usize) -> BTreeMap<usize, (DateTime, DateTime)> {
    let Some(changes) = &roadmap.changes else { return BTreeMap::new() };
    changes
        .items
        .iter()
        .filter(|c| c.start_shift_days.is_some() || c.end_shift_days.is_some())
        .filter_map(|c| {
            let at = c.task.filter(|t| t.diagram == diagram)?;
            Some((at.task, c.previous_bar?))
        })
        .collect()
}

/// The first palette index of diagram `diagram`'s sections: after every coloured section of
/// the gantt charts before it, so that two charts on a page never reuse a colour.
fn first_color(roadmap: &Roadmap, diagram: usize) -> usize {
    roadmap
        .diagrams
        .iter()
        .take(diagram)
        .filter_map(|d| d.gantt.as_ref())
        .map(|t| chart::coloured_sections(t, t.sections.len()))
        .sum()
}

/// The language of the page's own text when it is not the report's (a Danish page in an
/// English report, a Japanese page in an English one), so that the templates set it on
/// that text: a screen reader then reads it in its own language, and Typst breaks and
/// hyphenates it by its own rules. From front matter `lang`, else from detection; none
/// when detection only fell back to English, as that proves nothing.
pub fn content_lang(roadmap: &Roadmap, report: Lang) -> Option<String> {
    let declared = roadmap.meta.lang.as_deref().and_then(|l| {
        let primary = l.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        let valid = (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase());
        valid.then_some(primary)
    });
    let page = declared.or_else(|| (roadmap.lang != "en").then(|| roadmap.lang.clone()))?;
    (page != report.code()).then_some(page)
}

/// The report language: `--lang`, else front matter `lang`, else the detected language.
pub fn choose_lang(flag: Option<Lang>, roadmap: &Roadmap) -> Lang {
    flag.or_else(|| roadmap.meta.lang.as_deref().and_then(Lang::parse))
        .or_else(|| Lang::parse(&roadmap.lang))
        .unwrap_or(Lang::En)
}

/// The most tasks a track's table holds as a tagged table. A Typst table measures every
/// row before laying it out: 20 tracks of 500 tasks took 16.5 s as tables, against 11.4 s
/// as rows. A track this long is a data dump rather than a board's reading.
pub const MAX_TABLE_TASKS: usize = 200;

/// The footer's room at 7 pt on a portrait page, beside "Genereret … Side X af Y".
const RUNNING_TITLE_CHARS: usize = 70;
const RUNNING_STATUS_CHARS: usize = 30;
/// The title block's metadata that fits one row of a portrait page, in characters.
const META_ROW_CHARS: usize = 48;

fn header(roadmap: &Roadmap, options: &ReportOptions) -> Header {
    let lang = options.lang;
    let meta = &roadmap.meta;
    let mut eyebrow = Vec::new();
    if let Some(parent) = &meta.parent {
        eyebrow.push(label::breakable(&parent.to_uppercase()));
    }
    let kind = match (options.template, options.quarter) {
        (Template::Minutes, _) => lang.label("attachment"),
        (_, Some(_)) => lang.label("quarter-report"),
        _ => lang.label("roadmap"),
    };
    eyebrow.push(kind.to_uppercase());
    let subtitle = match (options.template, options.quarter) {
        (Template::Minutes, _) => Some(match options.meeting_date {
            Some(date) => format!("{} {}", lang.label("attachment-to-meeting"), lang.long_date(date)),
            None => lang.label("minutes-subtitle").to_string(),
        }),
        (_, Some(q)) => Some(lang.quarter(q)),
        _ => None,
    };
    let document_date = meta.date.map(|d| lang.long_date(d)).or_else(|| meta.date_text.clone());
    let meeting_date = options.meeting_date.map(|d| lang.long_date(d));
    let chars = |v: &Option<String>| v.as_deref().map_or(0, |v| v.chars().count());
    let long_author = chars(&meta.author) > META_ROW_CHARS;
    let status_shown = meta.status.clone().filter(|s| !(meta.draft && only_says_draft(s)));
    let status_in_row = chars(&status_shown);
    let author_in_row = if long_author { 0 } else { chars(&meta.author) };
    let meta_chars = chars(&meta.parent)
        + author_in_row
        + chars(&document_date)
        + chars(&meta.version)
        + chars(&meeting_date)
        + status_in_row;
    let breakable = |v: &Option<String>| v.as_deref().map(label::breakable);
    Header {
        bookmarked: roadmap.title.chars().count() <= METADATA_CHARS,
        long_author,
        meta_in_grid: meta_chars > META_ROW_CHARS,
        // A heading is a PDF string in the tagged structure: an absurdly long title is
        // shown shortened, within the PDF format's limit.
        title: label::breakable(&label::shortened(&roadmap.title, METADATA_CHARS)),
        eyebrow,
        product: breakable(&meta.parent),
        author: breakable(&meta.author),
        document_date: breakable(&document_date),
        version: breakable(&meta.version),
        status: breakable(&meta.status),
        draft: meta.draft,
        as_of: lang.long_date(roadmap.today),
        as_of_medium: lang.medium_date(roadmap.today),
        generated: lang.long_date(roadmap.today),
        meeting_date,
        subtitle,
        running_title: label::shortened(&roadmap.title, RUNNING_TITLE_CHARS),
        running_status: if meta.draft {
            Some(lang.label("draft").to_string())
        } else {
            meta.status.as_deref().map(|s| label::shortened(s, RUNNING_STATUS_CHARS))
        },
        status_shown: status_shown.as_deref().map(label::breakable),
    }
}

fn pdf_info(roadmap: &Roadmap, header: &Header, options: &ReportOptions) -> PdfInfo {
    let lang = options.lang;
    let mut description =
        format!("{} · {} {}", lang.label("roadmap"), lang.label("status-as-of"), header.as_of);
    if let Some(q) = options.quarter {
        description = format!("{} · {}", lang.quarter(q), description);
    }
    let mut keywords = vec!["roadmap".to_string()];
    keywords.extend(roadmap.meta.parent.as_deref().map(metadata));
    keywords.extend(roadmap.meta.status.as_deref().map(metadata));
    keywords.extend(options.quarter.map(|q| q.to_string()));
    let today = roadmap.today;
    PdfInfo {
        title: metadata(&roadmap.title),
        author: roadmap.meta.author.as_deref().map(metadata).into_iter().collect(),
        description,
        keywords,
        date: [today.year().max(0) as u32, today.month(), today.day()],
    }
}

/// Whether a status is nothing but a draft word, in any report language (`Udkast`,
/// `draft`, `Entwurf`): a badge in the report's language says as much.
fn only_says_draft(status: &str) -> bool {
    let folded = status.trim().trim_end_matches(['.', '!']).to_lowercase();
    Lang::ALL.iter().any(|l| l.label("draft").to_lowercase() == folded)
        || matches!(
            folded.as_str(),
            "kladde" | "wip" | "work in progress" | "brouillon" | "ébauche" | "concept"
        )
}

/// A text for the PDF's metadata, which PDF/A limits in length: at most
/// [`METADATA_CHARS`] characters, shortened at a word.
fn metadata(text: &str) -> String {
    label::shortened(text, METADATA_CHARS)
}

/// Far below PDF/A's limit on strings (32,767 bytes), and longer than any real title.
const METADATA_CHARS: usize = 1000;

/// Words longer than this in a track heading make it hyphenated.
const LONG_WORD_CHARS: usize = 22;

/// One view per gantt section that has tasks, with the linked activity list if any.
fn track_views(
    roadmap: &Roadmap,
    charts: &[Chart],
    lang: Lang,
    window: Option<&chart::Window>,
    budget: &mut budget::Budget,
) -> Vec<TrackView> {
    let mut views = Vec::new();
    for (d, diagram) in roadmap.diagrams.iter().enumerate() {
        let Some(timeline) = &diagram.gantt else { continue };
        let chart = charts.iter().find(|c| c.diagram == d);
        for (s, section) in timeline.sections.iter().enumerate() {
            let track = roadmap.tracks.iter().find(|t| t.diagram == d && t.section == s);
            let tasks: Vec<TaskLine> = section
                .tasks
                .iter()
                .filter_map(|&t| timeline.tasks.get(t))
                .filter(|t| !t.flags.vert)
                .filter(|t| window.is_none_or(|w| overlaps(t, w.start, w.end)))
                .map(|t| task_line(t, lang))
                .collect();
            // A quarter report shows only the tracks with work in its window.
            if tasks.is_empty() && (track.is_none() || window.is_some()) {
                continue;
            }
            let (period, undated) = track
                .map_or_else(|| crate::read::tracks::section_period(timeline, s), |t| (t.period, t.undated));
            let span = chart
                .zip(period)
                .map(|(c, p)| (c.axis.x(p.start.ms()).clamp(0.0, 1.0), c.axis.x(p.end.ms()).clamp(0.0, 1.0)));
            let today_x = chart
                .map(|c| c.axis.x(DateTime::from_date(roadmap.today).ms()))
                .filter(|x| (0.0..=1.0).contains(x));
            let named = track.map_or_else(
                || crate::read::tracks::replace_breaks(&section.name, "\n"),
                |t| t.heading.clone(),
            );
            // Tasks before a chart's first `section` have no name: the band is the chart's
            // (a heading needs words, for the reader and for PDF/UA).
            let named = if named.trim().is_empty() { chart_name(roadmap, d, lang) } else { named };
            let heading = label::breakable(&named);
            let status_counts =
                [TaskStatus::Active, TaskStatus::Done, TaskStatus::Planned, TaskStatus::Undated]
                    .into_iter()
                    .map(|s| (s, tasks.iter().filter(|t| t.status == s).count()))
                    .filter(|&(_, n)| n > 0)
                    .collect();
            let activities = track.map(|t| take_items(budget, &t.activities)).unwrap_or_default();
            let notes = track.map(|t| text::blocks(&budget.take(t.notes.clone()))).unwrap_or_default();
            let names: Vec<&str> = tasks.iter().map(|t| t.name.as_str()).collect();
            let tall = estimate::band_mm(&names, &activities, &notes) > estimate::TALL_BAND_MM;
            views.push(TrackView {
                tall,
                task_table: tasks.len() <= MAX_TABLE_TASKS,
                chart: None,
                number: views.len() + 1,
                hyphenate: heading.split(' ').any(|w| w.chars().count() > LONG_WORD_CHARS),
                status_counts,
                diagram: d,
                section: section.name.clone(),
                heading,
                color: first_color(roadmap, d) + chart::color_index(timeline, s),
                period: period.and_then(|p| {
                    Some(lang.period(p.start.date()?, crate::model::last_covered(p.start, p.end).date()?))
                }),
                undated,
                tasks,
                activities,
                notes,
                diagrams: Vec::new(),
                span,
                today_x,
                axis_range: chart.and_then(|c| axis_range(c, lang)),
            });
        }
    }
    let mut diagrams: Vec<usize> = views.iter().map(|v| v.diagram).collect();
    diagrams.dedup();
    if diagrams.len() > 1 {
        for view in &mut views {
            let name = chart_name(roadmap, view.diagram, lang);
            // A band named after its chart (tasks outside any section) says it once.
            if view.heading != label::breakable(&name) {
                view.chart = Some(name);
            }
        }
    }
    views
}

/// The activities that fit the budget, ready for the templates.
fn take_items(budget: &mut budget::Budget, items: &[ListItem]) -> Vec<ListItem> {
    let line = items.first().map_or(0, |i| i.line);
    let list = Block::List { items: items.to_vec(), start: None, ordered: false, tight: true, line };
    match budget.take(vec![list]).pop() {
        Some(Block::List { items, .. }) => text::items(&items),
        _ => Vec::new(),
    }
}

/// A chart as readers know it: its title, else "Tidsplan 2" by its place among the page's
/// gantt charts.
pub fn chart_name(roadmap: &Roadmap, diagram: usize, lang: Lang) -> String {
    let gantts = roadmap.diagrams.iter().enumerate().filter(|(_, d)| d.gantt.is_some());
    let position = gantts.clone().position(|(i, _)| i == diagram).map_or(1, |p| p + 1);
    let title =
        roadmap.diagrams.get(diagram).and_then(|d| d.gantt.as_ref()).map(|t| t.title.trim()).unwrap_or("");
    if title.is_empty() { format!("{} {position}", lang.label("timeline")) } else { title.to_string() }
}

fn axis_range(chart: &Chart, lang: Lang) -> Option<(String, String)> {
    let first = chart.axis.start_date.date()?;
    let last = DateTime::from_ms(chart.axis.end - 1).date()?;
    let label = |d: Date| format!("{} {}", lang.month_short(d.month()), d.year());
    Some((label(first), label(last)))
}

fn overlaps(task: &crate::model::Task, start: DateTime, end: DateTime) -> bool {
    chart::touches(task, start, end)
}

fn task_line(task: &crate::model::Task, lang: Lang) -> TaskLine {
    let raw = |r: Option<&str>| r.map(str::trim).filter(|r| !r.is_empty()).unwrap_or("–").to_string();
    let (start, end) = if task.problem.is_some() {
        (
            task.start.map_or_else(|| raw(task.raw.start.as_deref()), |s| lang.short_datetime(s)),
            task.end.map_or_else(|| raw(task.raw.end.as_deref()), |e| lang.short_datetime(e)),
        )
    } else {
        (
            task.shown_start().map_or_else(|| "–".into(), |s| lang.short_datetime(s)),
            task.shown_end().map_or_else(|| "–".into(), |e| lang.short_datetime(e)),
        )
    };
    let status_label = match task.status {
        TaskStatus::Done => lang.label("done"),
        TaskStatus::Active => lang.label("active"),
        TaskStatus::Planned => lang.label("planned"),
        TaskStatus::Undated => lang.label("undated"),
    };
    TaskLine {
        doubt: !task.doubts.is_empty(),
        name: label::breakable(&task.name),
        start,
        end,
        status: task.status,
        status_label,
        milestone: task.flags.milestone,
        crit: task.flags.crit,
        widths: None,
    }
}

/// The blocks from `first` on left to typeset after the chart and the tracks have taken
/// theirs: gantt diagrams, track items and the blocks of heading tracks are left out, a
/// first heading that repeats the title is dropped, and the paragraph just before a list
/// of tracks becomes the tracks' intro.
fn remaining_content(first: usize, roadmap: &Roadmap, lang: Lang) -> (Vec<Block>, Option<Vec<Inline>>) {
    let mut content = Vec::new();
    let mut intro = None;
    let mut first_heading_seen = false;
    let title_words = words(&roadmap.title);
    let in_track = |i: usize| {
        roadmap
            .tracks
            .iter()
            .any(|t| t.blocks.is_some_and(|[s, e]| (s..e).contains(&i)) || t.following_list == Some(i))
    };
    for (i, block) in roadmap.blocks.iter().enumerate().skip(first) {
        if in_track(i) {
            continue;
        }
        match block {
            Block::Heading { level: 1, content: inlines, .. } if !first_heading_seen => {
                first_heading_seen = true;
                if similar(&words(&Inline::plain(inlines)), &title_words) {
                    continue;
                }
                content.push(block.clone());
            }
            Block::List { items, start, ordered, tight, line } if items.iter().any(|i| i.track.is_some()) => {
                if intro.is_none()
                    && matches!(content.last(), Some(Block::Paragraph { .. }))
                    && let Some(Block::Paragraph { content: inlines, .. }) = content.pop()
                {
                    intro = Some(inlines);
                }
                let rest: Vec<ListItem> = items.iter().filter(|i| i.track.is_none()).cloned().collect();
                if !rest.is_empty() {
                    content.push(Block::List {
                        items: rest,
                        start: *start,
                        ordered: *ordered,
                        tight: *tight,
                        line: *line,
                    });
                }
            }
            _ => content.push(block.clone()),
        }
    }
    diagrams_in_place(&mut content, roadmap, lang);
    (content, intro)
}

/// Moves every diagram block out of `blocks` (at any depth) into `found`, in order.
fn take_diagrams(blocks: &mut Vec<Block>, found: &mut Vec<Block>) {
    let mut kept = Vec::with_capacity(blocks.len());
    for mut block in std::mem::take(blocks) {
        match &mut block {
            Block::Diagram { .. } => {
                found.push(block);
                continue;
            }
            Block::List { items, .. } => {
                items.iter_mut().for_each(|item| take_diagrams(&mut item.blocks, found))
            }
            Block::Quote { blocks: inner, .. } | Block::Footnote { blocks: inner, .. } => {
                take_diagrams(inner, found)
            }
            _ => {}
        }
        kept.push(block);
    }
    *blocks = kept;
}

/// Diagrams in `blocks` (at any depth) as the report shows them: a drawn one stays (the
/// template draws it), a gantt chart goes (the timeline shows it), any other shows its
/// source under a caption (a diagnostic says why it was not drawn).
fn diagrams_in_place(blocks: &mut Vec<Block>, roadmap: &Roadmap, lang: Lang) {
    let mut i = 0;
    while i < blocks.len() {
        let replacement = match &mut blocks[i] {
            Block::Diagram { diagram, line } => match roadmap.diagrams.get(*diagram) {
                Some(d) if d.drawing.is_some() => None,
                Some(d) if d.gantt.is_none() => {
                    let caption = format!("{} · {}", lang.label("diagram-not-drawn"), d.kind);
                    let caption = vec![Inline::Emph { content: vec![Inline::Text { text: caption }] }];
                    Some(vec![
                        Block::Paragraph { content: caption, line: *line },
                        Block::Code { lang: Some("mermaid".into()), text: d.source.clone(), line: *line },
                    ])
                }
                _ => Some(Vec::new()),
            },
            Block::List { items, .. } => {
                for item in items {
                    diagrams_in_place(&mut item.blocks, roadmap, lang);
                }
                None
            }
            Block::Quote { blocks: inner, .. } | Block::Footnote { blocks: inner, .. } => {
                diagrams_in_place(inner, roadmap, lang);
                None
            }
            _ => None,
        };
        match replacement {
            Some(new) => {
                let added = new.len();
                blocks.splice(i..=i, new);
                i += added;
            }
            None => i += 1,
        }
    }
}

/// The paragraphs at the very start of the page, if together they are short (a "last
/// updated" line, a one-sentence summary): they go under the title. Longer introductions
/// stay in the content.
fn leading_paragraphs(blocks: &[Block]) -> Vec<Vec<Inline>> {
    const MAX_LEAD_CHARS: usize = 400;
    let lead: Vec<Vec<Inline>> = blocks
        .iter()
        .map_while(|b| match b {
            Block::Paragraph { content, .. } => Some(content.clone()),
            _ => None,
        })
        .collect();
    let length: usize = lead.iter().map(|p| Inline::plain(p).chars().count()).sum();
    if lead.len() > 3 || length > MAX_LEAD_CHARS { Vec::new() } else { lead }
}

fn words(text: &str) -> Vec<String> {
    fold(text).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Two titles say the same when most of their words are shared (ignoring order and
/// accents): "OS2forms: Roadmap og Timeline for …" vs "Roadmap og timeline for … OS2forms".
fn similar(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let shared = a.iter().filter(|w| b.contains(w)).count();
    shared * 2 >= a.len().max(b.len())
}

/// The drawn diagrams that `content` shows (at any depth), with where their SVGs are served.
fn diagram_views(roadmap: &Roadmap, content: &[Block], lang: Lang) -> BTreeMap<String, DiagramView> {
    let mut views = BTreeMap::new();
    let mut visit = |block: &Block| {
        if let Block::Diagram { diagram, .. } = block
            && let Some(d) = roadmap.diagrams.get(*diagram)
            && let Some(drawing) = &d.drawing
        {
            views.entry(diagram.to_string()).or_insert_with(|| {
                let alt = describe::diagram(drawing, &d.kind, lang);
                let count = drawing.pieces.len();
                let pieces = drawing
                    .pieces
                    .iter()
                    .enumerate()
                    .map(|(i, piece)| PieceView {
                        path: format!("/diagrams/{diagram}-{}.svg", i + 1),
                        width: piece.width,
                        alt: format!("{alt} ({} {} / {count})", lang.label("diagram-piece"), i + 1),
                    })
                    .collect();
                DiagramView {
                    diagram: *diagram,
                    path: format!("/diagrams/{diagram}.svg"),
                    fit: drawing.fit,
                    alt,
                    pieces,
                }
            });
        }
    };
    walk_blocks(content, &mut visit);
    views
}

/// Calls `f` on every block in `blocks`, depth first.
fn walk_blocks(blocks: &[Block], f: &mut dyn FnMut(&Block)) {
    for block in blocks {
        f(block);
        match block {
            Block::List { items, .. } => items.iter().for_each(|item| walk_blocks(&item.blocks, f)),
            Block::Quote { blocks, .. } | Block::Footnote { blocks, .. } => walk_blocks(blocks, f),
            _ => {}
        }
    }
}

/// The page's images that resolved to a file, by their path relative to its folder.
pub fn image_paths(roadmap: &Roadmap) -> Vec<String> {
    collect_images(&roadmap.blocks).into_keys().collect()
}

/// The first report heading level the page's own headings get: under "Further content"
/// (level 2), itself under the title (level 1).
const FIRST_CONTENT_LEVEL: u8 = 3;

/// Gives the page's top-level headings their level in the report's outline: the
/// shallowest becomes [`FIRST_CONTENT_LEVEL`], deeper ones follow, and none skips a level
/// (a tagged PDF must not go from 3 to 5), at most 6. A heading without words gets 0 and
/// is shown as styled text: a heading must have a text to be read out.
fn outline_levels(blocks: &mut [Block]) {
    let shallowest = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(1);
    let mut previous = FIRST_CONTENT_LEVEL - 1;
    for block in blocks {
        if let Block::Heading { level, content, .. } = block {
            if Inline::plain(content).trim().is_empty() {
                *level = 0;
                continue;
            }
            let wanted = FIRST_CONTENT_LEVEL + level.saturating_sub(shallowest);
            *level = wanted.min(previous + 1).min(6);
            previous = *level;
        }
    }
}

/// The page's images that resolve to a file but have no alternative text (`![](a.png)`),
/// each once, in page order: a tagged PDF needs a description for every picture.
pub fn images_without_alt(roadmap: &Roadmap) -> Vec<String> {
    fn visit(inlines: &[Inline], out: &mut Vec<String>) {
        for inline in inlines {
            match inline {
                Inline::Image { path: Some(path), alt, .. }
                    if alt.trim().is_empty() && !out.contains(path) =>
                {
                    out.push(path.clone());
                }
                Inline::Emph { content }
                | Inline::Strong { content }
                | Inline::Strike { content }
                | Inline::Link { content, .. } => visit(content, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk_inlines(&roadmap.blocks, &mut |inlines| visit(inlines, &mut out));
    out
}

fn collect_images(blocks: &[Block]) -> BTreeMap<String, String> {
    let mut images = BTreeMap::new();
    let mut visit = |inlines: &[Inline]| collect_inline_images(inlines, &mut images);
    walk_inlines(blocks, &mut visit);
    images
}

fn collect_inline_images(inlines: &[Inline], images: &mut BTreeMap<String, String>) {
    for inline in inlines {
        match inline {
            Inline::Image { path: Some(path), .. } => {
                let virtual_path = format!("/assets/{}", images.len());
                images.entry(path.clone()).or_insert(virtual_path);
            }
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => collect_inline_images(content, images),
            _ => {}
        }
    }
}

/// Calls `f` on every run of inlines in `blocks`, depth first.
pub fn walk_inlines(blocks: &[Block], f: &mut dyn FnMut(&[Inline])) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => f(content),
            Block::List { items, .. } => {
                for item in items {
                    walk_inlines(&item.blocks, f);
                }
            }
            Block::Quote { blocks, .. } | Block::Footnote { blocks, .. } => walk_inlines(blocks, f),
            Block::Table { header, rows, .. } => {
                for cell in header.iter().chain(rows.iter().flatten()) {
                    f(cell);
                }
            }
            Block::Code { .. } | Block::Diagram { .. } | Block::Rule { .. } | Block::Html { .. } => {}
        }
    }
}
