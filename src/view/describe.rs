//! The timeline's alternative text: what a person who cannot see the chart needs from it
//! (its period, its counts, today, the markers, then every track's tasks with their dates
//! and status), in the report's language. Screen readers read it in place of the drawing.

use super::chart::{Chart, Row};
use crate::locale::Lang;
use crate::model::TaskStatus;

/// Past this many characters the tasks are counted, not listed: a description is read
/// aloud from start to end, and the tracks section lists every task anyway.
const LISTED_CHARS: usize = 6000;

/// The description of `chart`, in `lang`.
pub fn timeline(chart: &Chart, lang: Lang) -> String {
    let label = |key| lang.label(key);
    let s = &chart.summary;
    let mut out = String::new();
    out.push_str(label("timeline"));
    if !chart.range_text.is_empty() {
        out.push_str(", ");
        out.push_str(&chart.range_text);
    }
    out.push_str(&format!(
        ": {} {} {} {}",
        s.tasks,
        label(if s.tasks == 1 { "task-in" } else { "tasks-in" }),
        s.sections,
        label(if s.sections == 1 { "track-word" } else { "tracks-word" })
    ));
    let mut counts = vec![
        format!("{} {}", s.active, label("active-count")),
        format!("{} {}", s.done, label("done-count")),
        format!("{} {}", s.planned, label("planned-count")),
    ];
    if s.undated > 0 {
        counts.push(format!("{} {}", s.undated, label("with-invalid-date")));
    }
    out.push_str(&format!("; {}.", counts.join(", ")));
    if let Some(today) = &chart.today {
        out.push_str(&format!(" {}.", plain(&today.label)));
    }
    if !chart.markers.is_empty() {
        let markers: Vec<String> =
            chart.markers.iter().map(|m| format!("{} {}", plain(&m.name), m.date_text)).collect();
        out.push_str(&format!(" {}: {}.", label("markers"), markers.join("; ")));
    }
    let mut left = s.tasks;
    for lane in &chart.lanes {
        if out.chars().count() > LISTED_CHARS {
            break;
        }
        let tasks: Vec<String> = lane.rows.iter().map(|row| task(row, lang)).collect();
        left = left.saturating_sub(tasks.len());
        out.push_str(&format!(" {}: {}.", plain(&lane.name), tasks.join("; ")));
    }
    if left > 0 && out.chars().count() > LISTED_CHARS {
        out.push_str(&format!(" (+ {left} {})", label("more-tasks")));
    }
    out
}

/// `Oplæring 05.01.2026 – 28.02.2026, i gang`; a milestone by its date; a task without
/// dates by what is wrong with them.
fn task(row: &Row, lang: Lang) -> String {
    let name = plain(&row.name);
    let status = match row.status {
        TaskStatus::Done => lang.label("done-count"),
        TaskStatus::Active => lang.label("active-count"),
        TaskStatus::Planned => lang.label("planned-count"),
        TaskStatus::Undated => lang.label("with-invalid-date"),
    };
    let mut text = match row.kind {
        "unplaced" => format!("{name} {status}"),
        "milestone" => {
            format!("{name} ({}) {}, {status}", lang.label("milestone").to_lowercase(), row.start_text)
        }
        _ => format!("{name} {} – {}, {status}", row.start_text, row.end_text),
    };
    if let Some(doubt) = &row.doubt {
        text.push_str(&format!(" ({}: {doubt})", lang.label("dates-in-doubt")));
    }
    text
}

/// A name as read aloud: without the break places added for layout, on one line.
fn plain(name: &str) -> String {
    name.replace('\u{200B}', "").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A drawn diagram's alternative text: its own `accTitle`/`accDescr` when it has them,
/// else its kind and how many elements, connections and entries it has, in `lang`.
pub fn diagram(drawing: &crate::model::Drawing, kind: &str, lang: Lang) -> String {
    if !drawing.alt.trim().is_empty() {
        return drawing.alt.clone();
    }
    // The semantic model's own names, grouped in three: things, links between them, and
    // entries of a list-like diagram (pie slices, timeline events).
    const CONNECTIONS: &[&str] = &["edges", "links", "messages", "relations", "relationships", "transitions"];
    const ENTRIES: &[&str] = &["sections", "slices", "events", "tasks", "items", "points"];
    let [mut elements, mut connections, mut entries] = [0usize; 3];
    for (name, count) in &drawing.parts {
        let bucket = if CONNECTIONS.contains(&name.as_str()) {
            &mut connections
        } else if ENTRIES.contains(&name.as_str()) {
            &mut entries
        } else {
            &mut elements
        };
        *bucket = (*bucket).max(*count);
    }
    let counts: Vec<String> =
        [(elements, "diagram-elements"), (connections, "diagram-connections"), (entries, "diagram-entries")]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, key)| format!("{n} {}", lang.label(key)))
            .collect();
    let kind = if kind.is_empty() { String::new() } else { format!(" ({kind})") };
    if counts.is_empty() {
        format!("{}{kind}.", lang.label("diagram-alt"))
    } else {
        format!("{}{kind}: {}.", lang.label("diagram-alt"), counts.join(", "))
    }
}

#[cfg(test)]
mod diagram_tests {
    use super::*;
    use crate::model::{Drawing, Fit};

    fn drawing(alt: &str, parts: &[(&str, usize)]) -> Drawing {
        Drawing {
            width: 100.0,
            height: 100.0,
            smallest_text: 14.0,
            fit: Fit::Inline { width: 60.0 },
            alt: alt.to_string(),
            parts: parts.iter().map(|(n, c)| (n.to_string(), *c)).collect(),
            pieces: Vec::new(),
            svg: "".into(),
        }
    }

    #[test]
    fn the_diagrams_own_description_comes_first() {
        assert_eq!(
            diagram(&drawing("Release flow.", &[("nodes", 3)]), "flowchart", Lang::En),
            "Release flow."
        );
    }

    #[test]
    fn otherwise_its_kind_and_counts_in_the_report_language() {
        let d = drawing("", &[("nodes", 6), ("edges", 7)]);
        assert_eq!(
            diagram(&d, "flowchart", Lang::En),
            "Mermaid diagram (flowchart): 6 elements, 7 connections."
        );
        assert_eq!(
            diagram(&d, "flowchart", Lang::Da),
            "Mermaid-diagram (flowchart): 6 elementer, 7 forbindelser."
        );
        assert_eq!(diagram(&drawing("", &[]), "pie", Lang::En), "Mermaid diagram (pie).");
    }
}
