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

/// Text that runs past a page's left or right edge, as (page number, text). Rotated or
/// scaled groups (the draft mark) are skipped: their extent is not a line's.
pub fn text_off_page(document: &PagedDocument) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (index, page) in document.pages().iter().enumerate() {
        let width = page.frame.width();
        collect_off_page(&page.frame, typst::layout::Abs::zero(), width, index + 1, &mut out);
    }
    out
}

fn collect_off_page(
    frame: &Frame,
    x0: typst::layout::Abs,
    width: typst::layout::Abs,
    page: usize,
    out: &mut Vec<(usize, String)>,
) {
    for (position, item) in frame.items() {
        let x = x0 + position.x;
        match item {
            FrameItem::Group(group) => {
                let t = group.transform;
                let shifts_only =
                    t.sx.get() == 1.0 && t.sy.get() == 1.0 && t.kx.get() == 0.0 && t.ky.get() == 0.0;
                if shifts_only {
                    collect_off_page(&group.frame, x + t.tx, width, page, out);
                }
            }
            FrameItem::Text(text) => {
                // A hundredth of a point of slack for rounding.
                let slack = typst::layout::Abs::pt(0.01);
                if x < -slack || x + text.width() > width + slack {
                    out.push((page, text.text.to_string()));
                }
            }
            _ => {}
        }
    }
}
