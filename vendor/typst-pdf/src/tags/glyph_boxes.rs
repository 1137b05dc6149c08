//! boardpack patch: the bounding box of a text run, as `TextItem::bbox` computes it, with
//! each glyph's outline box looked up once per font instance and glyph instead of once
//! per glyph drawn. `TextItem::bbox` reads every glyph's outline again (for CFF fonts,
//! by interpreting its charstring) and is memoized by hashing the whole run, which
//! never hits within a document: that was most of the tagging cost of a report whose
//! tables and figures hold a few thousand glyphs.

use std::cell::RefCell;
use std::collections::HashMap;

use typst_library::layout::{Abs, Point, Rect};
use typst_library::text::{FontInstance, TextItem};

/// A font instance's glyph boxes, in font units.
struct Boxes {
    /// Keeps the font's data alive, so that its address (part of the key) stays unique.
    _font: FontInstance,
    glyphs: HashMap<u16, Option<ttf_parser::Rect>>,
}

thread_local! {
    /// Per thread: (font data address, face index, hash of the variation coordinates).
    static BOXES: RefCell<HashMap<(usize, u32, u128), Boxes>> = RefCell::new(HashMap::new());
}

/// The same rectangle as `TextItem::bbox`.
pub fn text_bbox(text: &TextItem) -> Rect {
    let font = &text.font;
    let key = (
        font.font().data().as_ptr() as usize,
        font.font().index(),
        typst_utils::hash128(font.variations()),
    );
    BOXES.with(|boxes| {
        let mut boxes = boxes.borrow_mut();
        let entry = boxes
            .entry(key)
            .or_insert_with(|| Boxes { _font: font.clone(), glyphs: HashMap::new() });
        let mut min = Point::splat(Abs::inf());
        let mut max = Point::splat(-Abs::inf());
        let mut cursor = Point::zero();
        for glyph in text.glyphs.iter() {
            let advance =
                Point::new(glyph.x_advance.at(text.size), glyph.y_advance.at(text.size));
            let offset =
                Point::new(glyph.x_offset.at(text.size), glyph.y_offset.at(text.size));
            let rect = *entry.glyphs.entry(glyph.id).or_insert_with(|| {
                font.ttf().glyph_bounding_box(ttf_parser::GlyphId(glyph.id))
            });
            if let Some(rect) = rect {
                let pos = cursor + offset;
                let a = pos
                    + Point::new(
                        font.to_em(rect.x_min).at(text.size),
                        font.to_em(rect.y_min).at(text.size),
                    );
                let b = pos
                    + Point::new(
                        font.to_em(rect.x_max).at(text.size),
                        font.to_em(rect.y_max).at(text.size),
                    );
                min = min.min(a).min(b);
                max = max.max(a).max(b);
            }
            cursor += advance;
        }
        // Text runs use a y-up coordinate system, in contrast to the default frame
        // orientation.
        min.y *= -1.0;
        max.y *= -1.0;
        Rect::new(min, max)
    })
}
