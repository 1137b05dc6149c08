//! Rough heights of what the templates lay out, so that a template can tell a block that
//! surely fits on a page (laid out once, kept whole) from one that may not (laid out so
//! that it can break across pages). The estimates err on the tall side.

use crate::model::{Block, Inline, ListItem};

/// A landscape A4 page's body is about 180 mm tall; a band estimated taller than this
/// may not fit below a heading, so it is allowed to break.
pub const TALL_BAND_MM: f64 = 110.0;

/// Lines a text of `chars` characters takes in a column `chars_per_line` wide.
fn lines(chars: usize, chars_per_line: usize) -> usize {
    chars.div_ceil(chars_per_line.max(1)).max(1)
}

/// The height of a track band: its task table beside its activities and notes.
pub fn band_mm(task_names: &[&str], activities: &[ListItem], notes: &[Block]) -> f64 {
    // Task rows: 7.6 pt text in a column about 58 mm wide (43 characters), 4.5 mm a line.
    let tasks: f64 = 6.0 + task_names.iter().map(|n| 4.5 * lines(n.chars().count(), 43) as f64).sum::<f64>();
    // Activities and notes: 7.8 pt text in 78 mm (52 characters), 3.6 mm a line and 2 mm
    // between items.
    let text = items_mm(activities, 0) + blocks_mm(notes, 0);
    // The track column itself: heading, period, mini axis.
    tasks.max(text).max(32.0) + 5.0
}

fn items_mm(items: &[ListItem], depth: usize) -> f64 {
    items.iter().map(|i| 2.0 + blocks_mm(&i.blocks, depth + 1)).sum()
}

fn blocks_mm(blocks: &[Block], depth: usize) -> f64 {
    let width = 52usize.saturating_sub(3 * depth).max(20);
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { content, .. } | Block::Heading { content, .. } => {
                3.6 * lines(Inline::plain(content).chars().count(), width) as f64 + 1.0
            }
            Block::List { items, .. } => items_mm(items, depth),
            Block::Quote { blocks, .. } | Block::Footnote { blocks, .. } => blocks_mm(blocks, depth + 1),
            Block::Table { rows, .. } => 4.5 * (rows.len() + 1) as f64,
            Block::Code { text, .. } => 3.4 * text.lines().count().max(1) as f64 + 3.0,
            Block::Html { text, .. } => 3.6 * lines(text.chars().count(), width) as f64,
            Block::Diagram { .. } | Block::Rule { .. } => 4.0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_tasks_make_a_tall_band_and_a_few_do_not() {
        let few = ["Design", "Build", "Test"];
        assert!(band_mm(&few, &[], &[]) < TALL_BAND_MM);
        let many: Vec<&str> = (0..40).map(|_| "User acceptance test with two pilot municipalities").collect();
        assert!(band_mm(&many, &[], &[]) > TALL_BAND_MM);
    }
}
