//! A bound on how much of a page's own content one report lays out, so that any page under
//! the 8 MiB input limit exports in seconds and bounded memory. Typst's cost grows with the
//! characters, blocks and table cells laid out; the page's content is taken in order
//! until the budget is spent, the block that crosses it cut at a line, row or item, and the
//! rest left out with a visible note in the report and a located warning.

use crate::model::{Block, Inline, ListItem};

/// What one report may lay out of the page's content, in microseconds of layout measured
/// and the memory it takes on these machines: about 1 per character of text, 60 per block
/// (a paragraph or list item: 13 KB each) and 60 per table cell.
pub const BUDGET: u64 = 3_000_000;
const PER_CHAR: u64 = 1;
const PER_BLOCK: u64 = 60;
const PER_CELL: u64 = 60;

/// What was left out: where it starts in the page and how much it is.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Omitted {
    /// The 1-based line of the first block left out (or cut).
    pub line: usize,
    pub blocks: usize,
}

/// Tables are shown with at most this many columns: no page holds more side by side.
pub const MAX_COLUMNS: usize = 40;

/// A table shown with fewer columns than it has.
#[derive(Clone, Debug, serde::Serialize)]
pub struct NarrowedTable {
    pub line: usize,
    pub columns: usize,
}

/// `blocks` with every table (also in lists and quotes) cut to [`MAX_COLUMNS`] columns,
/// and the tables that were.
pub fn narrow_tables(blocks: &mut [Block], narrowed: &mut Vec<NarrowedTable>) {
    for block in blocks {
        match block {
            Block::Table { alignments, header, rows, line } => {
                let columns = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
                if columns > MAX_COLUMNS {
                    // A last column of "…" shows that there are more.
                    let more = || vec![Inline::Text { text: "…".into() }];
                    alignments.truncate(MAX_COLUMNS);
                    alignments.push(crate::model::Alignment::None);
                    header.truncate(MAX_COLUMNS);
                    header.push(more());
                    for row in rows.iter_mut() {
                        row.truncate(MAX_COLUMNS);
                        row.push(more());
                    }
                    narrowed.push(NarrowedTable { line: *line, columns });
                }
            }
            Block::List { items, .. } => {
                for item in items {
                    narrow_tables(&mut item.blocks, narrowed);
                }
            }
            Block::Quote { blocks, .. } | Block::Footnote { blocks, .. } => narrow_tables(blocks, narrowed),
            _ => {}
        }
    }
}

/// Spends the budget on `blocks` in order: the blocks that fit, the one that crosses the
/// limit cut where it can be, and what was left out.
pub struct Budget {
    left: u64,
    pub omitted: Option<Omitted>,
    /// Tables shown with fewer columns than they have.
    pub narrowed: Vec<NarrowedTable>,
}

impl Default for Budget {
    fn default() -> Self {
        Self { left: BUDGET, omitted: None, narrowed: Vec::new() }
    }
}

impl Budget {
    pub fn take(&mut self, mut blocks: Vec<Block>) -> Vec<Block> {
        narrow_tables(&mut blocks, &mut self.narrowed);
        let mut kept = Vec::with_capacity(blocks.len());
        let total = blocks.len();
        for (i, block) in blocks.into_iter().enumerate() {
            if self.omitted.is_some() {
                break;
            }
            let cost = block_cost(&block);
            if cost <= self.left {
                self.left -= cost;
                kept.push(block);
                continue;
            }
            let line = block_line(&block);
            if let Some(cut) = self.cut(block) {
                kept.push(cut);
            }
            self.left = 0;
            self.omitted = Some(Omitted { line, blocks: total - i });
        }
        kept
    }

    /// The part of `block` that fits what is left, if any.
    fn cut(&self, block: Block) -> Option<Block> {
        let mut left = self.left.saturating_sub(PER_BLOCK);
        match block {
            Block::Code { lang, text, line } => {
                let mut kept = String::new();
                for l in text.split('\n') {
                    let cost = l.len() as u64 * PER_CHAR + 1;
                    if cost > left {
                        break;
                    }
                    left -= cost;
                    kept.push_str(l);
                    kept.push('\n');
                }
                (!kept.is_empty()).then_some(Block::Code { lang, text: kept, line })
            }
            Block::Table { alignments, header, rows, line } => {
                let mut kept = Vec::new();
                for row in rows {
                    let cost = row_cost(&row);
                    if cost > left {
                        break;
                    }
                    left -= cost;
                    kept.push(row);
                }
                (!kept.is_empty()).then_some(Block::Table { alignments, header, rows: kept, line })
            }
            Block::List { items, start, ordered, tight, line } => {
                let mut kept = Vec::new();
                for item in items {
                    let cost = item_cost(&item);
                    if cost > left {
                        break;
                    }
                    left -= cost;
                    kept.push(item);
                }
                (!kept.is_empty()).then_some(Block::List { items: kept, start, ordered, tight, line })
            }
            _ => None,
        }
    }
}

fn block_line(block: &Block) -> usize {
    match block {
        Block::Heading { line, .. }
        | Block::Paragraph { line, .. }
        | Block::List { line, .. }
        | Block::Quote { line, .. }
        | Block::Table { line, .. }
        | Block::Code { line, .. }
        | Block::Diagram { line, .. }
        | Block::Rule { line }
        | Block::Html { line, .. }
        | Block::Footnote { line, .. } => *line,
    }
}

fn block_cost(block: &Block) -> u64 {
    PER_BLOCK
        + match block {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => inlines_cost(content),
            Block::List { items, .. } => items.iter().map(item_cost).sum(),
            Block::Quote { blocks, .. } | Block::Footnote { blocks, .. } => {
                blocks.iter().map(block_cost).sum()
            }
            Block::Table { header, rows, .. } => {
                row_cost(header) + rows.iter().map(|r| row_cost(r)).sum::<u64>()
            }
            Block::Code { text, .. } => text.len() as u64 * PER_CHAR,
            Block::Html { text, .. } => text.len() as u64 * PER_CHAR,
            Block::Diagram { .. } | Block::Rule { .. } => 0,
        }
}

fn item_cost(item: &ListItem) -> u64 {
    PER_BLOCK + item.blocks.iter().map(block_cost).sum::<u64>()
}

fn row_cost(row: &[Vec<Inline>]) -> u64 {
    row.iter().map(|cell| PER_CELL + inlines_cost(cell)).sum()
}

fn inlines_cost(inlines: &[Inline]) -> u64 {
    inlines
        .iter()
        .map(|i| match i {
            Inline::Text { text } | Inline::Code { text } => text.len() as u64 * PER_CHAR,
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => 4 + inlines_cost(content),
            _ => 4,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraph(line: usize) -> Block {
        Block::Paragraph { content: vec![Inline::Text { text: "p".into() }], line }
    }

    #[test]
    fn a_page_within_the_budget_is_kept_whole() {
        let mut budget = Budget::default();
        let blocks: Vec<Block> = (1..=100).map(paragraph).collect();
        assert_eq!(budget.take(blocks).len(), 100);
        assert!(budget.omitted.is_none());
    }

    #[test]
    fn past_the_budget_the_rest_is_left_out_and_a_long_code_block_cut_at_a_line() {
        let mut budget = Budget::default();
        let blocks: Vec<Block> = (1..=300_000).map(paragraph).collect();
        let kept = budget.take(blocks);
        assert!(kept.len() < 300_000 && kept.len() > 40_000, "{}", kept.len());
        let omitted = budget.omitted.clone().unwrap_or_else(|| panic!("nothing omitted"));
        assert_eq!(omitted.line, kept.len() + 1);
        let mut budget = Budget::default();
        let code = Block::Code { lang: None, text: "x = 1\n".repeat(2_000_000), line: 7 };
        let kept = budget.take(vec![code]);
        let Some(Block::Code { text, .. }) = kept.first() else {
            panic!("the code block is cut, not dropped")
        };
        assert!(text.len() < 12_000_000 && text.ends_with("x = 1\n"));
        assert_eq!(budget.omitted.map(|o| o.line), Some(7));
    }
}
