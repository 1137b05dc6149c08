//! Where a drawn diagram goes in the full report (A4 landscape, 15 mm side margins, 13 mm
//! top, 15 mm bottom: `templates/lib/page.typ`): in the text when it fits there at a
//! legible size, else on a page of its own, landscape or portrait, whichever prints it
//! larger. Its smallest text is never under [`MIN_TEXT_PT`]; a drawing that cannot meet
//! that on one page is cut across several ([`cutting`], `split`), up to [`MAX_PIECES`].

use crate::model::Fit;

const MM: f64 = 72.0 / 25.4;
/// The text area of a landscape page.
const LANDSCAPE: [f64; 2] = [267.0 * MM, 182.0 * MM];
/// The text area of a portrait page.
const PORTRAIT: [f64; 2] = [180.0 * MM, 269.0 * MM];
/// What a page of its own keeps free at its top: the page's heading just before the
/// drawing goes there, rather than alone at the foot of the page before.
const HEADING_ROOM: f64 = 30.0;
/// The room a drawing has on a page of its own.
const OWN_LANDSCAPE: [f64; 2] = [LANDSCAPE[0], LANDSCAPE[1] - HEADING_ROOM];
const OWN_PORTRAIT: [f64; 2] = [PORTRAIT[0], PORTRAIT[1] - HEADING_ROOM];
/// The tallest drawing placed in the text: the rest of a landscape page is left for a
/// heading above it or the text around it.
const INLINE_HEIGHT: f64 = LANDSCAPE[1] * 0.85;
/// Points per CSS pixel at most: Mermaid's 14 px text becomes 8.4 pt, the report's
/// running text is 8.5 pt. A small diagram is not blown up.
const MAX_SCALE: f64 = 0.6;
/// The smallest text a printed diagram may have.
pub const MIN_TEXT_PT: f64 = 7.0;

/// Where a `width` × `height` px drawing whose smallest text is `smallest_text` px goes,
/// or `None` when no page prints it legibly.
pub fn fit(width: f64, height: f64, smallest_text: f64) -> Option<Fit> {
    if !(width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0) {
        return None;
    }
    let floor = MIN_TEXT_PT / smallest_text.max(1.0);
    // A diagram with small text is enlarged until it reaches the floor.
    let cap = MAX_SCALE.max(floor);
    let scale_in = |[w, h]: [f64; 2]| cap.min(w / width).min(h / height);
    let inline = scale_in([LANDSCAPE[0], INLINE_HEIGHT]);
    if inline >= floor {
        return Some(Fit::Inline { width: round(width * inline) });
    }
    let (landscape, portrait) = (scale_in(OWN_LANDSCAPE), scale_in(OWN_PORTRAIT));
    let (scale, portrait) = if portrait > landscape { (portrait, true) } else { (landscape, false) };
    (scale >= floor).then(|| Fit::OwnPage { width: round(width * scale), portrait })
}

/// The most pages one diagram is cut across.
pub const MAX_PIECES: usize = 8;

/// How a drawing too large for one page at a legible size is cut.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cutting {
    /// Cut across its height (a tall drawing) rather than its width.
    pub along_height: bool,
    pub portrait: bool,
    /// Points per pixel: its smallest text at [`MIN_TEXT_PT`].
    pub scale: f64,
    /// The longest piece, in pixels along the cut axis: what one page holds.
    pub page_px: f64,
}

/// How to cut a `width` × `height` px drawing into pages at the smallest legible scale,
/// the fewest pages first, when it needs from 2 to [`MAX_PIECES`] of them; `None` when
/// even a piece is too large across the cut (or it would take more pages).
pub fn cutting(width: f64, height: f64, smallest_text: f64) -> Option<Cutting> {
    if !(width.is_finite() && height.is_finite() && width > 0.0 && height > 0.0) {
        return None;
    }
    let scale = MIN_TEXT_PT / smallest_text.max(1.0);
    let options = [
        (true, true, OWN_PORTRAIT),
        (true, false, OWN_LANDSCAPE),
        (false, false, OWN_LANDSCAPE),
        (false, true, OWN_PORTRAIT),
    ];
    options
        .into_iter()
        .filter_map(|(along_height, portrait, [page_w, page_h])| {
            let (across, along, room_across, room_along) =
                if along_height { (width, height, page_w, page_h) } else { (height, width, page_h, page_w) };
            if across * scale > room_across {
                return None;
            }
            let pages = (along * scale / room_along).ceil() as usize;
            let cutting = Cutting { along_height, portrait, scale, page_px: room_along / scale };
            (2..=MAX_PIECES).contains(&pages).then_some((pages, cutting))
        })
        .min_by_key(|(pages, _)| *pages)
        .map(|(_, cutting)| cutting)
}

/// To a hundredth of a point, so that the report data stays short and stable.
pub fn round(points: f64) -> f64 {
    (points * 100.0).floor() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_diagram_stays_in_the_text_at_its_natural_scale() {
        assert_eq!(fit(400.0, 300.0, 14.0), Some(Fit::Inline { width: 240.0 }));
    }

    #[test]
    fn a_wide_one_is_shrunk_to_the_text_width_while_legible() {
        let Some(Fit::Inline { width }) = fit(1500.0, 200.0, 14.0) else { panic!("not inline") };
        assert!((width - LANDSCAPE[0]).abs() < 0.1, "{width}");
    }

    #[test]
    fn a_tall_one_gets_a_portrait_page() {
        // 14 px text at the text height of a landscape page would be 5.7 pt.
        let fitted = fit(600.0, 1300.0, 14.0);
        assert!(matches!(fitted, Some(Fit::OwnPage { portrait: true, .. })), "{fitted:?}");
    }

    #[test]
    fn one_too_large_for_any_page_is_refused() {
        assert_eq!(fit(20_000.0, 900.0, 14.0), None);
        assert_eq!(fit(0.0, 100.0, 14.0), None);
        assert_eq!(fit(f64::NAN, 100.0, 14.0), None);
    }

    #[test]
    fn a_long_timeline_is_cut_across_landscape_pages_and_a_tall_chart_across_portrait_ones() {
        let wide = cutting(2140.0, 524.0, 14.0).unwrap_or_else(|| panic!("not cut"));
        assert!(!wide.along_height && !wide.portrait, "{wide:?}");
        assert!((wide.scale - 0.5).abs() < 1e-9);
        let tall = cutting(1092.0, 2282.0, 14.0).unwrap_or_else(|| panic!("not cut"));
        // 546 pt wide at 7 pt text: too wide for portrait, so three landscape pages.
        assert!(tall.along_height && !tall.portrait, "{tall:?}");
        // 20 pages' worth is refused.
        assert_eq!(cutting(60_000.0, 200.0, 14.0), None);
        // Too large across the cut as well: no piece fits.
        assert_eq!(cutting(4000.0, 4000.0, 14.0), None);
    }

    #[test]
    fn small_text_is_enlarged_to_the_floor() {
        let Some(Fit::Inline { width }) = fit(100.0, 100.0, 10.0) else { panic!("not inline") };
        assert!((width - 70.0).abs() < 0.01, "{width}");
    }
}
