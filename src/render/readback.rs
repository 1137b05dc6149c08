//! Reading a laid-out report back: page texts and glyphs no font could draw. Used by
//! `export` to warn about missing characters, and by the tests.

use super::LaidOut;
use typst::layout::{Frame, FrameItem};
use typst::text::TextItem;

/// The text of every page, in frame order.
pub fn page_texts(document: &LaidOut) -> Vec<String> {
    document
        .0
        .pages()
        .iter()
        .map(|page| {
            let mut text = String::new();
            for_each_text(&page.frame, &mut |item| {
                text.push_str(&item.text);
                text.push(' ');
            });
            text
        })
        .collect()
}

/// Calls `f` with every text item of `frame` and its groups, in frame order.
fn for_each_text(frame: &Frame, f: &mut impl FnMut(&TextItem)) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => for_each_text(&group.frame, f),
            FrameItem::Text(text) => f(text),
            _ => {}
        }
    }
}

/// Characters drawn with the fallback "missing glyph" (glyph id 0): no bundled font has them.
pub fn missing_glyphs(document: &LaidOut) -> Vec<char> {
    let mut missing = Vec::new();
    for page in document.0.pages() {
        for_each_text(&page.frame, &mut |text| {
            for glyph in text.glyphs.iter().filter(|g| g.id == 0) {
                let chars = text.text.get(glyph.range()).unwrap_or("");
                missing.extend(chars.chars().filter(|c| !c.is_whitespace() && !c.is_control()));
            }
        });
    }
    missing.sort_unstable();
    missing.dedup();
    missing
}

/// The number of pages.
pub fn page_count(document: &LaidOut) -> usize {
    document.0.pages().len()
}

/// Every text run as (text, glyph ids), in frame order: what a shaper made of the text.
pub fn text_runs(document: &LaidOut) -> Vec<(String, Vec<u16>)> {
    let mut runs = Vec::new();
    for page in document.0.pages() {
        for_each_text(&page.frame, &mut |text| {
            runs.push((text.text.to_string(), text.glyphs.iter().map(|g| g.id).collect()));
        });
    }
    runs
}

/// Text that runs past a page's left or right edge, as (page number, text). Rotated or
/// scaled groups (the draft mark) are skipped: their extent is not a line's.
pub fn text_off_page(document: &LaidOut) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (index, page) in document.0.pages().iter().enumerate() {
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
