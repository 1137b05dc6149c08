//! Upper bounds of the widths of the task tables' texts. A text narrower than its column is
//! one line, so a row whose texts all fit is one line high: the template measures such a
//! row once per table, where a table lays every auto-height row out twice (to measure
//! it, then to place it).

use super::embedded;
use crate::model::TaskStatus;
use crate::view::{ReportData, TaskLine};
use ttf_parser::Face;

/// Dates are set with tabular figures, whose advance these do not read: a bound above
/// Inter's widest figure (0.64 em).
const TABULAR_DIGIT_EM: f64 = 0.7;
/// Kerning (mostly negative in Inter) and contextual forms can change a width a little;
/// the bounds allow for 3 % and 0.15 em more.
const SLACK: f64 = 1.03;
const SLACK_EM: f64 = 0.15;

/// Sets the task tables' [`TaskLine::widths`].
pub fn measure(data: &mut ReportData<'_>) {
    let (Some(regular), Some(semibold)) = (face("Inter-Regular.otf"), face("Inter-SemiBold.otf")) else {
        return;
    };
    for task in data.tracks.iter_mut().flat_map(|t| t.tasks.iter_mut()) {
        task.widths = task_widths(task, &regular, &semibold);
    }
}

/// A bundled face's tables (only the table directory is read here).
fn face(file: &str) -> Option<Face<'static>> {
    let face = embedded::face(file)?;
    Face::parse(face.data, face.index).ok()
}

/// The row's text widths, or `None` when a cell holds more than text of known width.
fn task_widths(task: &TaskLine, regular: &Face<'_>, semibold: &Face<'_>) -> Option<[f64; 4]> {
    // The doubt mark is taller than a line of text.
    if task.doubt {
        return None;
    }
    let name = if task.milestone { format!("◆ {}", task.name) } else { task.name.clone() };
    let undated = task.status == TaskStatus::Undated;
    let date = |d: &str| text_em(if undated && d != "–" { semibold } else { regular }, d, true);
    Some([
        bound(text_em(regular, &name, false)?),
        bound(date(&task.start)?),
        bound(date(&task.end)?),
        bound(text_em(if undated { semibold } else { regular }, task.status_label, false)?),
    ])
}

fn bound(em: f64) -> f64 {
    em * SLACK + SLACK_EM
}

/// The width of `text` in `font`, in em, without kerning; `None` when the font lacks a
/// character (another font would draw it, with other metrics).
fn text_em(font: &Face<'_>, text: &str, tabular: bool) -> Option<f64> {
    let units_per_em = f64::from(font.units_per_em());
    let mut em = 0.0;
    for c in text.chars() {
        match c {
            // What `label::breakable` inserts, and what the template turns into nothing.
            '\u{200B}' => continue,
            '0'..='9' if tabular => em += TABULAR_DIGIT_EM,
            c if c.is_control() => return None,
            c => em += f64::from(font.glyph_hor_advance(font.glyph_index(c)?)?) / units_per_em,
        }
    }
    Some(em)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, status: TaskStatus, label: &'static str) -> TaskLine {
        TaskLine {
            name: name.into(),
            doubt: false,
            start: "1. mar. 2025".into(),
            end: "30. jun. 2026".into(),
            status,
            status_label: label,
            milestone: false,
            crit: false,
            widths: None,
        }
    }

    fn widths_of(task: &TaskLine) -> Option<[f64; 4]> {
        task_widths(task, &face("Inter-Regular.otf")?, &face("Inter-SemiBold.otf")?)
    }

    #[test]
    fn a_longer_name_is_wider_and_widths_are_bounds_above_the_advances() {
        let short =
            widths_of(&line("Test", TaskStatus::Done, "Færdig")).unwrap_or_else(|| panic!("no widths"));
        let long = widths_of(&line("Test with two pilot municipalities", TaskStatus::Done, "Færdig"))
            .unwrap_or_else(|| panic!("no widths"));
        assert!(long[0] > 4.0 * short[0]);
        // "Test" is about 2.1 em wide in Inter, plus the slack.
        assert!(short[0] > 2.1 && short[0] < 2.5, "{}", short[0]);
        assert_eq!(short[1..], long[1..]);
    }

    #[test]
    fn rows_that_need_another_font_or_carry_a_doubt_mark_have_no_widths() {
        assert!(widths_of(&line("测试任务", TaskStatus::Planned, "Planned")).is_none());
        assert!(widths_of(&line("Launch 🚀", TaskStatus::Planned, "Planned")).is_none());
        let mut doubtful = line("Test", TaskStatus::Planned, "Planned");
        doubtful.doubt = true;
        assert!(widths_of(&doubtful).is_none());
        let mut milestone = line("Go-live", TaskStatus::Planned, "Planned");
        let plain = widths_of(&milestone).unwrap_or_else(|| panic!("no widths"));
        milestone.milestone = true;
        let with_mark = widths_of(&milestone).unwrap_or_else(|| panic!("no widths"));
        assert!(with_mark[0] > plain[0]);
    }
}
