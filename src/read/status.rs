//! Every task's status (done, in progress, planned, undated) as of the roadmap's date.

use crate::date::DateTime;
use crate::model::{Roadmap, TaskStatus};

/// Sets every task's status as of the roadmap's date: a `done` tag or an end on or before
/// the date is done, a start after it is planned, anything else is in progress.
pub fn apply_status(roadmap: &mut Roadmap) {
    let today = DateTime::from_date(roadmap.today);
    for timeline in roadmap.diagrams.iter_mut().filter_map(|d| d.gantt.as_mut()) {
        for task in &mut timeline.tasks {
            task.status = match (task.start, task.end) {
                (Some(_), Some(_)) if task.problem.is_some() => TaskStatus::Undated,
                (Some(start), Some(end)) => {
                    if task.flags.done || end <= today {
                        TaskStatus::Done
                    } else if start > today {
                        TaskStatus::Planned
                    } else {
                        TaskStatus::Active
                    }
                }
                _ => TaskStatus::Undated,
            };
        }
    }
}
