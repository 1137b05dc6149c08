//! The "Changes since …" section: the comparison with the baseline in the report's words,
//! as rows a template places. The full report lists every change, the quarter report those
//! that touch the quarter, the minutes attachment the summary and the largest slips.

use crate::date::DateTime;
use crate::locale::Lang;
use crate::model::{ChangeKind, ChangeSummary, Changes, ItemChange, ItemKind, TaskStatus, TrackShift};
use crate::quarter::Quarter;
use serde::Serialize;

/// How many slips the minutes attachment lists.
pub const MINUTES_SLIPS: usize = 5;

#[derive(Clone, Debug, Serialize)]
pub struct ChangesView {
    /// "Changes since 12 March 2026".
    pub title: String,
    /// "Compared with HEAD~3:docs/roadmap.md (commit 1a2b3c4d5e6f)".
    pub source: String,
    /// "3 slipped (largest +21 days), 1 pulled in, 2 added, 1 removed, 4 finished", or the
    /// words for no change.
    pub summary: String,
    pub unchanged: bool,
    pub rows: Vec<ChangeRow>,
    /// Changes not listed here (the minutes list only the largest slips).
    pub more: usize,
    pub tracks: Vec<TrackRow>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChangeRow {
    /// `slipped`, `added`, `removed`, `pulled_in`, `start_moved`, `changed`.
    pub kind: ChangeKind,
    pub kind_label: &'static str,
    pub milestone: bool,
    pub name: String,
    pub section: String,
    /// Renamed, moved, status: "formerly X · moved from Y · Planned → Done".
    pub detail: String,
    pub before: String,
    pub now: String,
    /// "+21 days (15 working days)", "" when the dates did not move.
    pub shift: String,
    pub line: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct TrackRow {
    pub name: String,
    pub before: String,
    pub now: String,
    pub shift: String,
}

/// Which of the changes a report shows.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    All,
    Quarter(Quarter),
    LargestSlips,
}

pub fn build(changes: &Changes, lang: Lang, scope: Scope) -> ChangesView {
    let title = match changes.baseline.date {
        Some(date) => format!("{} {}", lang.label("changes-since"), lang.long_date(date)),
        None => lang.label("changes-earlier").to_string(),
    };
    let mut source =
        format!("{} {}", lang.label("compared-with"), super::label::breakable(&changes.baseline.source));
    if let Some(commit) = &changes.baseline.commit {
        let short: String = commit.chars().take(12).collect();
        if !changes.baseline.source.starts_with(&short) {
            source.push_str(&format!(" ({} {short})", lang.label("commit")));
        }
    }
    let shown: Vec<&ItemChange> = match scope {
        Scope::All => changes.items.iter().collect(),
        Scope::Quarter(q) => changes.items.iter().filter(|c| touches(c, q)).collect(),
        Scope::LargestSlips => {
            changes.items.iter().filter(|c| c.kind == ChangeKind::Slipped).take(MINUTES_SLIPS).collect()
        }
    };
    let more = match scope {
        Scope::LargestSlips => changes.items.len() - shown.len(),
        _ => 0,
    };
    let unchanged = changes.items.is_empty() && changes.tracks.is_empty();
    let summary = if unchanged {
        lang.label("no-changes").to_string()
    } else if matches!(scope, Scope::Quarter(_)) && shown.is_empty() {
        format!("{} {}", summary_line(&changes.summary, lang), lang.label("no-changes-quarter"))
    } else {
        summary_line(&changes.summary, lang)
    };
    let tracks = match scope {
        Scope::All => changes.tracks.iter().map(|t| track_row(t, lang)).collect(),
        _ => Vec::new(),
    };
    ChangesView {
        title,
        source,
        summary,
        unchanged,
        rows: shown.into_iter().map(|c| row(c, lang)).collect(),
        more,
        tracks,
    }
}

/// "3 slipped (largest +21 days), 1 pulled in, 2 added, 1 removed, 4 finished".
pub fn summary_line(summary: &ChangeSummary, lang: Lang) -> String {
    let mut parts = Vec::new();
    if summary.slipped > 0 {
        let mut part = format!("{} {}", summary.slipped, lang.label("n-slipped"));
        if let Some(days) = summary.largest_slip_days {
            part.push_str(&format!(" ({} {})", lang.label("largest"), days_text(days, lang)));
        }
        parts.push(part);
    }
    for (n, key) in [
        (summary.pulled_in, "n-pulled-in"),
        (summary.added, "n-added"),
        (summary.removed, "n-removed"),
        (summary.finished, "n-finished"),
        (summary.started, "n-started"),
        (summary.renamed, "n-renamed"),
        (summary.moved, "n-moved"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {}", lang.label(key)));
        }
    }
    if parts.is_empty() {
        return lang.label("no-changes").trim_end_matches('.').to_string();
    }
    parts.join(", ")
}

/// "+21 days", "−3 days", "+1 day".
pub fn days_text(days: i64, lang: Lang) -> String {
    let sign = if days > 0 {
        "+"
    } else if days < 0 {
        "−"
    } else {
        ""
    };
    let word = if days.abs() == 1 { lang.label("day") } else { lang.label("days") };
    format!("{sign}{} {word}", days.abs())
}

fn row(change: &ItemChange, lang: Lang) -> ChangeRow {
    let kind_label = lang.label(match change.kind {
        ChangeKind::Slipped => "ch-slipped",
        ChangeKind::PulledIn => "ch-pulled-in",
        ChangeKind::Added => "ch-added",
        ChangeKind::Removed => "ch-removed",
        ChangeKind::StartMoved => "ch-start-moved",
        ChangeKind::Changed => "ch-changed",
    });
    let mut detail = Vec::new();
    if let Some(previous) = &change.previous_name {
        detail.push(format!("{}: {}", lang.label("formerly"), previous));
    }
    if let Some(previous) = &change.previous_section {
        detail.push(format!(
            "{} {}",
            lang.label("moved-from"),
            if previous.is_empty() { "–" } else { previous }
        ));
    }
    if let (Some(was), Some(now)) = (change.previous_status, change.status)
        && was != now
    {
        detail.push(format!("{} → {}", status_word(was, lang), status_word(now, lang)));
    }
    let milestone = change.item != ItemKind::Task;
    let period = |start: Option<DateTime>, end: Option<DateTime>| match (start, end) {
        (Some(s), Some(e)) if milestone || s == e => lang.short_datetime(e),
        (Some(s), Some(e)) => format!("{} – {}", lang.short_datetime(s), lang.short_datetime(e)),
        _ if change.kind == ChangeKind::Added && change.previous_start.is_none() => String::new(),
        _ => "–".to_string(),
    };
    let before = match change.kind {
        ChangeKind::Added => String::new(),
        _ => period(change.previous_start, change.previous_end),
    };
    let now = match change.kind {
        ChangeKind::Removed => String::new(),
        _ => period(change.start, change.end),
    };
    let mut shift = String::new();
    if let Some(days) = change.end_shift_days {
        shift = days_text(days, lang);
        if let Some(working) = change.end_shift_working_days {
            shift.push_str(&format!(" ({} {})", signed(working), lang.label("working-days")));
        }
    } else if let Some(days) = change.start_shift_days {
        shift = format!("{}: {}", lang.label("start"), days_text(days, lang));
    }
    ChangeRow {
        kind: change.kind,
        kind_label,
        milestone,
        name: super::label::breakable(&change.name),
        section: super::label::breakable(&change.section),
        detail: super::label::breakable(&detail.join(" · ")),
        before,
        now,
        shift,
        line: change.line,
    }
}

fn signed(n: i64) -> String {
    match n {
        n if n > 0 => format!("+{n}"),
        n if n < 0 => format!("−{}", n.abs()),
        _ => "0".to_string(),
    }
}

fn status_word(status: TaskStatus, lang: Lang) -> &'static str {
    lang.label(match status {
        TaskStatus::Done => "done",
        TaskStatus::Active => "active",
        TaskStatus::Planned => "planned",
        TaskStatus::Undated => "undated",
    })
}

fn track_row(track: &TrackShift, lang: Lang) -> TrackRow {
    let period = |p: Option<crate::model::DateRange>| {
        p.map_or_else(
            || "–".to_string(),
            |p| format!("{} – {}", lang.short_datetime(p.start), lang.short_datetime(p.end)),
        )
    };
    let mut shift = Vec::new();
    if let Some(days) = track.start_shift_days {
        shift.push(format!("{}: {}", lang.label("start"), days_text(days, lang)));
    }
    if let Some(days) = track.end_shift_days {
        shift.push(format!("{}: {}", lang.label("end"), days_text(days, lang)));
    }
    TrackRow {
        name: super::label::breakable(&track.name),
        before: period(track.previous_period),
        now: period(track.period),
        shift: shift.join(", "),
    }
}

/// Whether a change concerns the quarter: its period now or before overlaps it.
fn touches(change: &ItemChange, quarter: Quarter) -> bool {
    let (q_start, q_end) = (DateTime::from_date(quarter.start()), DateTime::from_date(quarter.end()));
    let overlaps = |start: Option<DateTime>, end: Option<DateTime>| match (start, end) {
        (Some(s), Some(e)) => s < q_end && e >= q_start,
        _ => false,
    };
    overlaps(change.start, change.end) || overlaps(change.previous_start, change.previous_end)
}
