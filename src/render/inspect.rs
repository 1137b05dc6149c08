//! Reading a laid-out report back: page texts and glyphs no font could draw. Used by
//! `export` to warn about missing characters, and by the tests.

use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

/// The text of every page, in frame order.
pub fn page_texts(document: &PagedDocument) -> Vec<String> {
    document
        .pages()
        .iter()
        .map(|page| {
            let mut text = String::new();
            collect_text(&page.frame, &mut text);
            text
        })
        .collect()
}

fn collect_text(frame: &Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect_text(&group.frame, out),
            FrameItem::Text(text) => {
                out.push_str(&text.text);
                out.push(' ');
            }
            _ => {}
        }
    }
}

/// Characters drawn with the fallback "missing glyph" (glyph id 0): no bundled font has them.
pub fn missing_glyphs(document: &PagedDocument) -> Vec<char> {
    let mut missing = Vec::new();
    for page in document.pages() {
        collect_missing(&page.frame, &mut missing);
    }
    missing.sort_unstable();
    missing.dedup();
    missing
}

fn collect_missing(frame: &Frame, out: &mut Vec<char>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect_missing(&group.frame, out),
            FrameItem::Text(text) => {
                for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                    let chars = text.text.get(glyph.range()).unwrap_or("");
                    out.extend(chars.chars().filter(|c| !c.is_whitespace() && !c.is_control()));
                }
            }
            _ => {}
        }
    }
}

/// The number of pages.
pub fn page_count(document: &PagedDocument) -> usize {
    document.pages().len()
}

/// Every text run as (text, glyph ids), in frame order: what a shaper made of the text.
pub fn text_runs(document: &PagedDocument) -> Vec<(String, Vec<u16>)> {
    let mut runs = Vec::new();
    for page in document.pages() {
        collect_runs(&page.frame, &mut runs);
    }
    runs
}

fn collect_runs(frame: &Frame, out: &mut Vec<(String, Vec<u16>)>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect_runs(&group.frame, out),
            FrameItem::Text(text) => {
                out.push((text.text.to_string(), text.glyphs.iter().map(|g| g.id).collect()))
            }
            _ => {}
        }
    }
}
