//! What changed between two versions of a page: every gantt task, milestone and `vert`
//! marker of the earlier version (the baseline) paired with its current version
//! ([`matching`]), the shift of its dates, its status as of each version's own date, and
//! what was added and removed. Plain data in, [`Changes`] out; reading the baseline (a file,
//! a git revision) is `read::baseline`'s job.

pub mod matching;
mod working_days;

use crate::date::{DateTime, MS_PER_DAY};
use crate::model::{
    Baseline, ChangeKind, ChangeSummary, Changes, DateRange, ItemChange, ItemKind, MatchRule, Roadmap, Task,
    TaskRef, TaskStatus, Timeline, TrackShift,
};
use matching::{Key, normalise};
use working_days::WorkingDays;

/// One gantt item of a version, with where it is.
struct Entry<'a> {
    task: &'a Task,
    at: TaskRef,
    chart: usize,
    section: &'a str,
    kind: ItemKind,
}

/// Compares `current` with `baseline`; `about` says which baseline it is.
pub fn compare(baseline: &Roadmap, current: &Roadmap, about: Baseline) -> Changes {
    let old = entries(baseline);
    let new = entries(current);
    let pairs = matching::pair(&keys(&old), &keys(&new));
    let mut paired_old = vec![false; old.len()];
    let mut items = Vec::new();
    for (n, pair) in pairs.iter().enumerate() {
        let now = &new[n];
        match pair {
            Some((o, rule)) => {
                paired_old[*o] = true;
                let calendar = chart_of(current, now.at.diagram).map(WorkingDays::of);
                if let Some(change) = paired(&old[*o], now, *rule, calendar.as_ref()) {
                    items.push(change);
                }
            }
            None => items.push(single(now, ChangeKind::Added)),
        }
    }
    for (o, then) in old.iter().enumerate() {
        if !paired_old[o] {
            items.push(single(then, ChangeKind::Removed));
        }
    }
    items.sort_by_key(order_key);
    let summary = summarise(&items);
    Changes { baseline: about, summary, items, tracks: track_shifts(&old, &new) }
}

fn entries(roadmap: &Roadmap) -> Vec<Entry<'_>> {
    let mut out = Vec::new();
    let charts =
        roadmap.diagrams.iter().enumerate().filter_map(|(d, diagram)| Some((d, diagram.gantt.as_ref()?)));
    for (chart, (diagram, timeline)) in charts.enumerate() {
        for (task_index, task) in timeline.tasks.iter().enumerate() {
            let kind = if task.flags.vert {
                ItemKind::Marker
            } else if task.flags.milestone {
                ItemKind::Milestone
            } else {
                ItemKind::Task
            };
            let section = timeline.sections.get(task.section).map_or("", |s| s.name.as_str());
            out.push(Entry { task, at: TaskRef { diagram, task: task_index }, chart, section, kind });
        }
    }
    out
}

fn keys<'a>(entries: &'a [Entry<'a>]) -> Vec<Key<'a>> {
    entries
        .iter()
        .map(|e| Key {
            chart: e.chart,
            id: e.task.id_explicit.then_some(e.task.id.as_str()),
            section: normalise(e.section),
            name: normalise(&e.task.name),
            kind: e.kind,
        })
        .collect()
}

fn chart_of(roadmap: &Roadmap, diagram: usize) -> Option<&Timeline> {
    roadmap.diagrams.get(diagram)?.gantt.as_ref()
}

/// Whole days from `from` to `to`, rounded (times of day count as the nearer day).
fn days_between(from: DateTime, to: DateTime) -> i64 {
    let delta = to.ms() as i128 - from.ms() as i128;
    let days = (delta as f64 / MS_PER_DAY as f64).round();
    days as i64
}

fn shift(from: Option<DateTime>, to: Option<DateTime>) -> Option<i64> {
    Some(days_between(from?, to?))
}

/// The change of a paired item, or `None` when nothing a board would see changed.
fn paired(then: &Entry, now: &Entry, rule: MatchRule, calendar: Option<&WorkingDays>) -> Option<ItemChange> {
    let (old_start, old_end) = (then.task.shown_start(), then.task.shown_end());
    let (new_start, new_end) = (now.task.shown_start(), now.task.shown_end());
    let start_shift = shift(old_start, new_start);
    let end_shift = shift(old_end, new_end);
    let renamed = then.task.name.trim() != now.task.name.trim();
    let moved = normalise(then.section) != normalise(now.section) || then.chart != now.chart;
    // A marker passing its date is not a change to the plan.
    let status_changed = then.task.status != now.task.status && now.kind != ItemKind::Marker;
    let dated_differently =
        old_start.is_some() != new_start.is_some() || old_end.is_some() != new_end.is_some();
    let kind = match (end_shift, start_shift) {
        (Some(days), _) if days > 0 => ChangeKind::Slipped,
        (Some(days), _) if days < 0 => ChangeKind::PulledIn,
        (_, Some(days)) if days != 0 => ChangeKind::StartMoved,
        _ if renamed || moved || status_changed || dated_differently => ChangeKind::Changed,
        _ => return None,
    };
    let end_shift_working_days = match (calendar, old_end, new_end) {
        (Some(calendar), Some(from), Some(to)) if calendar.active() && end_shift != Some(0) => {
            Some(calendar.between(from, to))
        }
        _ => None,
    };
    Some(ItemChange {
        kind,
        item: now.kind,
        name: now.task.name.clone(),
        previous_name: renamed.then(|| then.task.name.clone()),
        section: now.section.to_string(),
        previous_section: moved.then(|| then.section.to_string()),
        start: new_start,
        end: new_end,
        previous_start: old_start,
        previous_end: old_end,
        start_shift_days: start_shift.filter(|d| *d != 0),
        end_shift_days: end_shift.filter(|d| *d != 0),
        end_shift_working_days,
        status: (now.kind != ItemKind::Marker).then_some(now.task.status),
        previous_status: (now.kind != ItemKind::Marker).then_some(then.task.status),
        matched_by: Some(rule),
        task: Some(now.at),
        previous_task: Some(then.at),
        line: now.task.line,
        previous_bar: bar(then.task),
    })
}

/// Where a dated task's bar is drawn.
fn bar(task: &Task) -> Option<(DateTime, DateTime)> {
    if task.problem.is_some() {
        return None;
    }
    let (start, end) = (task.start?, task.drawn_end()?);
    Some((start, end.max(start)))
}

/// An added item (as it is now) or a removed one (as it was).
fn single(entry: &Entry, kind: ChangeKind) -> ItemChange {
    let added = kind == ChangeKind::Added;
    let (start, end) = (entry.task.shown_start(), entry.task.shown_end());
    ItemChange {
        kind,
        item: entry.kind,
        name: entry.task.name.clone(),
        previous_name: None,
        section: entry.section.to_string(),
        previous_section: None,
        start: if added { start } else { None },
        end: if added { end } else { None },
        previous_start: if added { None } else { start },
        previous_end: if added { None } else { end },
        start_shift_days: None,
        end_shift_days: None,
        end_shift_working_days: None,
        status: added.then_some(entry.task.status),
        previous_status: (!added).then_some(entry.task.status),
        matched_by: None,
        task: added.then_some(entry.at),
        previous_task: (!added).then_some(entry.at),
        line: entry.task.line,
        previous_bar: None,
    }
}

/// Slipped milestones and markers by size, slipped tasks by size, added (in page order),
/// removed (in the baseline's order), pulled in by size, start moved, the rest.
fn order_key(change: &ItemChange) -> (u8, i64, u8, usize) {
    let size = change.end_shift_days.or(change.start_shift_days).map_or(0, i64::abs);
    let group = match change.kind {
        ChangeKind::Slipped if change.item != ItemKind::Task => 0,
        ChangeKind::Slipped => 1,
        ChangeKind::Added => 2,
        ChangeKind::Removed => 3,
        ChangeKind::PulledIn => 4,
        ChangeKind::StartMoved => 5,
        ChangeKind::Changed => 6,
    };
    let by_size = if matches!(group, 2 | 3 | 6) { 0 } else { -size };
    (group, by_size, u8::from(change.kind == ChangeKind::Removed), change.line)
}

fn summarise(items: &[ItemChange]) -> ChangeSummary {
    let mut summary = ChangeSummary::default();
    for item in items {
        match item.kind {
            ChangeKind::Slipped => {
                summary.slipped += 1;
                let days = item.end_shift_days.unwrap_or(0);
                summary.largest_slip_days = Some(summary.largest_slip_days.map_or(days, |d| d.max(days)));
            }
            ChangeKind::PulledIn => summary.pulled_in += 1,
            ChangeKind::Added => summary.added += 1,
            ChangeKind::Removed => summary.removed += 1,
            ChangeKind::StartMoved | ChangeKind::Changed => {}
        }
        summary.renamed += usize::from(item.previous_name.is_some());
        summary.moved += usize::from(item.previous_section.is_some());
        let was = item.previous_status;
        if item.kind != ChangeKind::Removed && item.item != ItemKind::Marker {
            let done_now = item.status == Some(TaskStatus::Done);
            summary.finished += usize::from(done_now && was.is_some_and(|s| s != TaskStatus::Done));
            summary.started +=
                usize::from(item.status == Some(TaskStatus::Active) && was == Some(TaskStatus::Planned));
        }
    }
    summary
}

/// The period of each section (first shown start to last shown end of its dated tasks,
/// markers left out) in both versions; the sections whose period moved.
fn track_shifts(old: &[Entry], new: &[Entry]) -> Vec<TrackShift> {
    let periods = |entries: &[Entry]| {
        let mut out: Vec<(String, String, Option<DateRange>)> = Vec::new();
        for entry in entries {
            let key = normalise(entry.section);
            let index = match out.iter().position(|(k, _, _)| *k == key) {
                Some(i) => i,
                None => {
                    out.push((key, entry.section.to_string(), None));
                    out.len() - 1
                }
            };
            if entry.kind == ItemKind::Marker {
                continue;
            }
            let (Some(start), Some(end)) = (entry.task.shown_start(), entry.task.shown_end()) else {
                continue;
            };
            let period = &mut out[index].2;
            *period = Some(match *period {
                Some(p) => DateRange { start: p.start.min(start), end: p.end.max(end) },
                None => DateRange { start, end },
            });
        }
        out
    };
    let before = periods(old);
    periods(new)
        .into_iter()
        .filter(|(key, name, _)| !(key.is_empty() && name.is_empty()))
        .filter_map(|(key, name, period)| {
            let (_, _, previous) = before.iter().find(|(k, _, _)| *k == key)?;
            let start_shift = shift(previous.map(|p| p.start), period.map(|p| p.start)).filter(|d| *d != 0);
            let end_shift = shift(previous.map(|p| p.end), period.map(|p| p.end)).filter(|d| *d != 0);
            (start_shift.is_some() || end_shift.is_some() || previous.is_some() != period.is_some())
                .then_some(TrackShift {
                    name,
                    period,
                    previous_period: *previous,
                    start_shift_days: start_shift,
                    end_shift_days: end_shift,
                })
        })
        .collect()
}
