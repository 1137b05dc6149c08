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

/// Characters drawn with the fallback "missing glyph" (glyph id 0): no font has them.
pub fn missing_glyphs(document: &LaidOut) -> Vec<char> {
    let mut missing = missing_in(&document.0);
    // And those of drawn diagrams, which Typst draws inside their SVGs.
    missing.extend_from_slice(&document.2);
    missing.sort_unstable();
    missing.dedup();
    missing
}

pub(super) fn missing_in(document: &typst_layout::PagedDocument) -> Vec<char> {
    let mut missing = Vec::new();
    for page in document.pages() {
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

/// Text printed over other text, as (page number, one text, the other): every pair of text
/// runs on a page whose boxes share more than a third of the smaller one, and text below
/// the page's bottom edge (paired with itself). Rotated or scaled groups (the draft mark)
/// are skipped. What `pdf-overlaps` checks in a written PDF, checked on the pages.
pub fn overprints(document: &LaidOut) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for (index, page) in document.0.pages().iter().enumerate() {
        let mut boxes = Vec::new();
        collect_boxes(&page.frame, typst::layout::Point::zero(), &mut boxes);
        let height = page.frame.height().to_pt();
        for b in &boxes {
            if b.y1 > height + 0.01 {
                out.push((index + 1, b.text.clone(), b.text.clone()));
            }
        }
        boxes.sort_by(|a, b| a.y0.total_cmp(&b.y0));
        for (i, a) in boxes.iter().enumerate() {
            for b in boxes[i + 1..].iter().take_while(|b| b.y0 < a.y1) {
                if a.shares_a_third_with(b) {
                    out.push((index + 1, a.text.clone(), b.text.clone()));
                }
            }
        }
    }
    out
}

/// Every text run with its page (from 1) and where it starts (x, baseline) in points.
pub fn text_positions(document: &LaidOut) -> Vec<(usize, String, f64, f64)> {
    let mut out = Vec::new();
    for (index, page) in document.0.pages().iter().enumerate() {
        let mut boxes = Vec::new();
        collect_boxes(&page.frame, typst::layout::Point::zero(), &mut boxes);
        out.extend(boxes.into_iter().map(|b| (index + 1, b.text, b.x0, b.baseline)));
    }
    out
}

/// A text run's box on its page, in points: from its ascenders to its descenders.
struct TextBox {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    baseline: f64,
    text: String,
}

impl TextBox {
    fn shares_a_third_with(&self, other: &TextBox) -> bool {
        let w = self.x1.min(other.x1) - self.x0.max(other.x0);
        let h = self.y1.min(other.y1) - self.y0.max(other.y0);
        if w <= 0.0 || h <= 0.0 {
            return false;
        }
        let area = |b: &TextBox| (b.x1 - b.x0) * (b.y1 - b.y0);
        w * h > area(self).min(area(other)) / 3.0
    }
}

fn collect_boxes(frame: &Frame, origin: typst::layout::Point, out: &mut Vec<TextBox>) {
    for (position, item) in frame.items() {
        let at = origin + *position;
        match item {
            FrameItem::Group(group) => {
                let t = group.transform;
                let shifts_only =
                    t.sx.get() == 1.0 && t.sy.get() == 1.0 && t.kx.get() == 0.0 && t.ky.get() == 0.0;
                if shifts_only {
                    let shifted = typst::layout::Point::new(at.x + t.tx, at.y + t.ty);
                    collect_boxes(&group.frame, shifted, out);
                }
            }
            FrameItem::Text(text) if !text.text.trim().is_empty() => {
                let size = text.size.to_pt();
                let (x, baseline) = (at.x.to_pt(), at.y.to_pt());
                out.push(TextBox {
                    x0: x,
                    y0: baseline - 0.72 * size,
                    x1: x + text.width().to_pt(),
                    y1: baseline + 0.2 * size,
                    baseline,
                    text: text.text.to_string(),
                });
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TextBox;

    fn word(x0: f64, y0: f64, x1: f64, y1: f64) -> TextBox {
        TextBox { x0, y0, x1, y1, baseline: y1, text: String::new() }
    }

    #[test]
    fn boxes_overlap_when_they_share_a_third_of_the_smaller() {
        let a = word(0.0, 0.0, 30.0, 10.0);
        assert!(a.shares_a_third_with(&word(5.0, 2.0, 35.0, 12.0)), "words on nearly one spot");
        assert!(!a.shares_a_third_with(&word(0.0, 9.0, 30.0, 19.0)), "lines that touch");
        assert!(!a.shares_a_third_with(&word(31.0, 0.0, 60.0, 10.0)), "words side by side");
    }
}
