//! The page's text as the templates get it: every word too long for a column (an
//! identifier, a URL, a run of letters without spaces) gets places where a line may break
//! (see [`label::breakable`]), in paragraphs, headings, lists, tables and code alike, so
//! that no text runs past the page edge or over the next column, and no run of text is
//! longer than a PDF string may be.

use super::label;
use crate::model::{Block, Inline, ListItem};

/// Code lines up to this many characters are left as written (they fit the text width).
const LONG_CODE_LINE: usize = 120;

pub fn blocks(blocks: &[Block]) -> Vec<Block> {
    blocks.iter().map(block).collect()
}

pub fn items(items: &[ListItem]) -> Vec<ListItem> {
    items.iter().map(|i| ListItem { blocks: blocks(&i.blocks), ..i.clone() }).collect()
}

pub fn inlines(inlines: &[Inline]) -> Vec<Inline> {
    inlines.iter().map(inline).collect()
}

fn block(b: &Block) -> Block {
    match b {
        Block::Heading { level, content, line } => {
            Block::Heading { level: *level, content: inlines(content), line: *line }
        }
        Block::Paragraph { content, line } => Block::Paragraph { content: inlines(content), line: *line },
        Block::List { items: list, start, ordered, tight, line } => {
            Block::List { items: items(list), start: *start, ordered: *ordered, tight: *tight, line: *line }
        }
        Block::Quote { blocks: inner, line } => Block::Quote { blocks: blocks(inner), line: *line },
        Block::Footnote { label, blocks: inner, line } => {
            Block::Footnote { label: label.clone(), blocks: blocks(inner), line: *line }
        }
        Block::Table { alignments, header, rows, line } => Block::Table {
            alignments: alignments.clone(),
            header: header.iter().map(|c| inlines(c)).collect(),
            rows: rows.iter().map(|r| r.iter().map(|c| inlines(c)).collect()).collect(),
            line: *line,
        },
        Block::Code { lang, text, line } => Block::Code { lang: lang.clone(), text: code(text), line: *line },
        Block::Html { text, line } => Block::Html { text: label::breakable(text), line: *line },
        Block::Diagram { .. } | Block::Rule { .. } => b.clone(),
    }
}

fn inline(i: &Inline) -> Inline {
    match i {
        Inline::Text { text } => Inline::Text { text: label::breakable(text) },
        Inline::Code { text } => Inline::Code { text: label::breakable(text) },
        Inline::Emph { content } => Inline::Emph { content: inlines(content) },
        Inline::Strong { content } => Inline::Strong { content: inlines(content) },
        Inline::Strike { content } => Inline::Strike { content: inlines(content) },
        Inline::Link { url, content } => Inline::Link { url: url.clone(), content: inlines(content) },
        other => other.clone(),
    }
}

/// A code block's text with break places in lines too long for the page.
fn code(text: &str) -> String {
    if !text.lines().any(|l| l.chars().count() > LONG_CODE_LINE) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.chars().count() > LONG_CODE_LINE {
            out.push_str(&label::breakable(line))
        } else {
            out.push_str(line)
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_get_break_places_everywhere_and_short_text_is_kept() {
        let word = "x".repeat(20_000);
        let table = Block::Table {
            alignments: vec![],
            header: vec![vec![Inline::Text { text: "Name".into() }]],
            rows: vec![vec![vec![Inline::Code { text: word.clone() }]]],
            line: 1,
        };
        let Block::Table { header, rows, .. } = block(&table) else { panic!() };
        assert_eq!(header[0], vec![Inline::Text { text: "Name".into() }]);
        let Inline::Code { text } = &rows[0][0][0] else { panic!() };
        assert!(text.split('\u{200B}').all(|run| run.chars().count() <= 20));
        assert_eq!(text.replace('\u{200B}', ""), word);
        let long_line = format!("let a = \"{word}\";\nshort");
        let out = code(&long_line);
        assert!(out.ends_with("\nshort"));
        assert_eq!(out.replace('\u{200B}', ""), long_line);
    }
}
