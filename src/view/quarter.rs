//! A quarter's view of the roadmap: the chart window, and the tasks grouped by how they
//! meet the quarter (running through, starting, ending, both), its milestones and
//! markers, a look at the next quarter, and how many tasks fall outside.

use super::chart::{Window, drawn_end};
use crate::date::DateTime;
use crate::locale::Lang;
use crate::model::{Roadmap, Task, TaskStatus};
use crate::quarter::Quarter;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct QuarterView {
    pub label: String,
    pub id: String,
    pub period: String,
    pub ongoing: Vec<QuarterTask>,
    pub starting: Vec<QuarterTask>,
    pub ending: Vec<QuarterTask>,
    /// Tasks that start and end inside the quarter.
    pub within: Vec<QuarterTask>,
    /// Milestones and `vert` markers in the quarter.
    pub markers: Vec<QuarterTask>,
    pub next_label: String,
    /// Tasks and milestones that start in the next quarter.
    pub next: Vec<QuarterTask>,
    /// Dated tasks (markers excluded) that do not touch the quarter.
    pub outside: usize,
    /// Tasks without valid dates (listed in the chart's notes).
    pub undated: usize,
    pub empty: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuarterTask {
    pub name: String,
    pub section: String,
    pub start: String,
    pub end: String,
    pub status: TaskStatus,
    pub status_label: &'static str,
    pub kind: &'static str,
    /// Its dates are in doubt: listed with a mark, and it does not make the quarter one
    /// with activity.
    pub doubt: bool,
}

/// How a dated item meets the quarter `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    Ongoing,
    Starting,
    Ending,
    Within,
    /// A milestone or marker inside the quarter.
    Marker,
    Outside,
}

/// The chart window: the quarter with a month of context either side.
pub fn window(quarter: Quarter, lang: Lang) -> Window {
    let start = DateTime::from_date(quarter.start());
    let end = DateTime::from_date(quarter.end());
    Window {
        start: start.add_months(-1).unwrap_or(start),
        end: end.add_months(1).unwrap_or(end),
        highlight: (start, end, lang.quarter(quarter)),
    }
}

/// Classifies a task against `[start, end)`; `None` when it has no dates.
pub fn relation(task: &Task, start: DateTime, end: DateTime) -> Option<Relation> {
    if task.problem.is_some() {
        return None;
    }
    let s = task.start?;
    let e = drawn_end(task)?.max(s);
    if task.flags.vert || task.flags.milestone {
        let at = if task.flags.milestone { DateTime::from_ms(s.ms() + (e.ms() - s.ms()) / 2) } else { s };
        return Some(if at >= start && at < end { Relation::Marker } else { Relation::Outside });
    }
    if !super::chart::touches(task, start, end) {
        return Some(Relation::Outside);
    }
    let starts_inside = s >= start;
    let ends_inside = e <= end;
    Some(match (starts_inside, ends_inside) {
        (true, true) => Relation::Within,
        (true, false) => Relation::Starting,
        (false, true) => Relation::Ending,
        (false, false) => Relation::Ongoing,
    })
}

pub fn build(roadmap: &Roadmap, quarter: Quarter, lang: Lang) -> QuarterView {
    let (start, end) = (DateTime::from_date(quarter.start()), DateTime::from_date(quarter.end()));
    let next_quarter = quarter.next();
    let (next_start, next_end) =
        (DateTime::from_date(next_quarter.start()), DateTime::from_date(next_quarter.end()));
    let mut view = QuarterView {
        label: lang.quarter(quarter),
        id: quarter.to_string(),
        period: match DateTime::from_ms(end.ms() - 1).date() {
            Some(last) => lang.period(quarter.start(), last),
            None => String::new(),
        },
        ongoing: Vec::new(),
        starting: Vec::new(),
        ending: Vec::new(),
        within: Vec::new(),
        markers: Vec::new(),
        next_label: lang.quarter(next_quarter),
        next: Vec::new(),
        outside: 0,
        undated: 0,
        empty: true,
    };
    for timeline in roadmap.diagrams.iter().filter_map(|d| d.gantt.as_ref()) {
        for task in &timeline.tasks {
            let section = timeline
                .sections
                .get(task.section)
                .map(|s| crate::read::tracks::replace_breaks(&s.name, " "))
                .unwrap_or_default();
            let item = |kind| quarter_task(task, &section, kind, lang);
            match relation(task, start, end) {
                None => view.undated += 1,
                Some(Relation::Ongoing) => view.ongoing.push(item("task")),
                Some(Relation::Starting) => view.starting.push(item("task")),
                Some(Relation::Ending) => view.ending.push(item("task")),
                Some(Relation::Within) => view.within.push(item("task")),
                Some(Relation::Marker) => {
                    view.markers.push(item(if task.flags.vert { "marker" } else { "milestone" }))
                }
                Some(Relation::Outside) => {
                    if !task.flags.vert {
                        view.outside += 1;
                    }
                    let starts_next = task.start.is_some_and(|s| s >= next_start && s < next_end);
                    if starts_next {
                        view.next.push(item(kind_of(task)));
                    }
                }
            }
        }
    }
    // Tasks whose dates are in doubt (a start that fell back to "today") do not make a
    // quarter one with activity.
    let sure = |items: &[QuarterTask]| items.iter().any(|t| !t.doubt);
    view.empty = !(sure(&view.ongoing)
        || sure(&view.starting)
        || sure(&view.ending)
        || sure(&view.within)
        || sure(&view.markers));
    view
}

fn kind_of(task: &Task) -> &'static str {
    if task.flags.vert {
        "marker"
    } else if task.flags.milestone {
        "milestone"
    } else {
        "task"
    }
}

fn quarter_task(task: &Task, section: &str, kind: &'static str, lang: Lang) -> QuarterTask {
    let status_label = match task.status {
        TaskStatus::Done => lang.label("done"),
        TaskStatus::Active => lang.label("active"),
        TaskStatus::Planned => lang.label("planned"),
        TaskStatus::Undated => lang.label("undated"),
    };
    QuarterTask {
        name: super::label::breakable(&task.name),
        section: section.to_string(),
        start: task.shown_start().map(|s| lang.short_datetime(s)).unwrap_or_default(),
        end: task.shown_end().map(|e| lang.short_datetime(e)).unwrap_or_default(),
        status: task.status,
        status_label,
        kind,
        doubt: !task.doubts.is_empty(),
    }
}
