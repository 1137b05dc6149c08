//! Cuts a drawing too large for one legible page into pieces, a page each: the cuts fall
//! between its texts where they can, and each piece is the SVG with its view box
//! narrowed to the piece and without the texts of the other pieces (they would be drawn
//! outside it, clipped, yet still be text in the PDF).

use super::fit::{Cutting, round};
use crate::model::Piece;
use std::collections::HashSet;

/// Gives every `<text>` element without an `id` one (`bp-text-N`), so that where each is
/// drawn can be looked up by id, and it can be left out of the pieces it is not in.
pub fn number_texts(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() + svg.len() / 20);
    let mut rest = svg;
    let mut count = 0usize;
    while let Some(at) = rest.find("<text") {
        let after = &rest[at + "<text".len()..];
        out.push_str(&rest[..at]);
        out.push_str("<text");
        let is_element = after.starts_with([' ', '>', '\n', '\t', '/']);
        let tag_end = after.find('>').unwrap_or(after.len());
        if is_element && !after[..tag_end].contains(" id=") {
            out.push_str(&format!(" id=\"bp-text-{count}\""));
            count += 1;
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Where to cut a drawing `length` px long (along the cut axis) into pieces of at most
/// `page_px`, given its texts' spans along that axis: each cut is moved back before a
/// text it would go through, unless that would make the piece shorter than half a page.
pub fn cuts(length: f64, page_px: f64, spans: &[[f64; 2]]) -> Vec<f64> {
    let mut cuts = vec![0.0];
    let mut at = 0.0;
    while length - at > page_px && cuts.len() <= super::fit::MAX_PIECES {
        let ideal = at + page_px;
        let mut cut = ideal;
        while let Some(span) = spans.iter().find(|[a, b]| *a < cut && cut < *b) {
            cut = span[0] - 1.0;
        }
        if cut < at + page_px / 2.0 {
            cut = ideal;
        }
        cuts.push(cut);
        at = cut;
    }
    cuts.push(length);
    cuts
}

/// The pieces of `svg` (whose texts have ids, see [`number_texts`]) drawn `size` px large
/// with its texts at `texts`, cut as `cutting` says.
pub fn pieces(
    svg: &str,
    size: [f64; 2],
    texts: &[(String, [f64; 4])],
    cutting: &Cutting,
) -> Option<Vec<Piece>> {
    let axis = usize::from(cutting.along_height);
    let span = |edges: &[f64; 4]| [edges[axis], edges[axis + 2]];
    let spans: Vec<[f64; 2]> = texts.iter().map(|(_, e)| span(e)).collect();
    let cuts = cuts(size[axis], cutting.page_px, &spans);
    if cuts.len() - 1 > super::fit::MAX_PIECES {
        return None;
    }
    let (root_start, root_end) = root_tag(svg)?;
    let root = &svg[root_start..root_end];
    let view_box = view_box(root)?;
    let units_per_px = if cutting.along_height { view_box[3] / size[1] } else { view_box[2] / size[0] };
    let mut out = Vec::new();
    for pair in cuts.windows(2) {
        let [from, to] = [pair[0], pair[1]];
        let mut narrowed = view_box;
        let mut piece_size = size;
        if cutting.along_height {
            narrowed[1] = view_box[1] + from * units_per_px;
            narrowed[3] = (to - from) * units_per_px;
            piece_size[1] = to - from;
        } else {
            narrowed[0] = view_box[0] + from * units_per_px;
            narrowed[2] = (to - from) * units_per_px;
            piece_size[0] = to - from;
        }
        let mut tag = set_attribute(root, "viewBox", &narrowed.map(|v| format!("{v:.3}")).join(" "));
        tag = set_attribute(&tag, "width", &format!("{:.3}", piece_size[0]));
        tag = set_attribute(&tag, "height", &format!("{:.3}", piece_size[1]));
        let elsewhere: HashSet<&str> = texts
            .iter()
            .filter(|(_, edges)| {
                let [a, b] = span(edges);
                let middle = (a + b) / 2.0;
                !(from <= middle && middle < to || (to == size[axis] && middle >= to))
            })
            .map(|(id, _)| id.as_str())
            .collect();
        let body = format!("{}{tag}{}", &svg[..root_start], without_texts(&svg[root_end..], &elsewhere));
        out.push(Piece { width: round(piece_size[0] * cutting.scale), svg: body.into() });
    }
    Some(out)
}

/// The byte range of the root `<svg …>` start tag.
fn root_tag(svg: &str) -> Option<(usize, usize)> {
    let start = svg.find("<svg")?;
    let end = start + svg[start..].find('>')? + 1;
    Some((start, end))
}

fn view_box(tag: &str) -> Option<[f64; 4]> {
    let value = attribute(tag, "viewBox")?;
    let numbers: Vec<f64> =
        value.split([' ', ',']).filter(|v| !v.is_empty()).filter_map(|v| v.parse().ok()).collect();
    match numbers[..] {
        [x, y, w, h] if w > 0.0 && h > 0.0 => Some([x, y, w, h]),
        _ => None,
    }
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// `tag` with attribute `name` set to `value` (added before the tag's end if missing).
fn set_attribute(tag: &str, name: &str, value: &str) -> String {
    let key = format!(" {name}=\"");
    if let Some(at) = tag.find(&key) {
        let start = at + key.len();
        let len = tag[start..].find('"').unwrap_or(0);
        return format!("{}{value}{}", &tag[..start], &tag[start + len..]);
    }
    let end = tag.len() - if tag.ends_with("/>") { 2 } else { 1 };
    format!("{}{key}{value}\"{}", &tag[..end], &tag[end..])
}

/// `svg` without the `<text>` elements whose `id` is in `drop`, in one pass.
fn without_texts(svg: &str, drop: &HashSet<&str>) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(at) = rest.find("<text") {
        out.push_str(&rest[..at]);
        let element = &rest[at..];
        let tag_end = element.find('>').map_or(element.len(), |e| e + 1);
        let tag = &element[..tag_end];
        let dropped = tag.starts_with("<text ") && attribute(tag, "id").is_some_and(|id| drop.contains(id));
        if !dropped {
            out.push_str(tag);
            rest = &element[tag_end..];
            continue;
        }
        // A text element holds no other text element: it ends at the first `</text>`.
        let end = if tag.ends_with("/>") {
            tag_end
        } else {
            element.find("</text>").map_or(element.len(), |close| close + "</text>".len())
        };
        rest = &element[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_get_ids_and_existing_ids_stay() {
        let svg = r#"<svg><text x="1">a</text><text id="t">b</text><textPath/></svg>"#;
        assert_eq!(
            number_texts(svg),
            r#"<svg><text id="bp-text-0" x="1">a</text><text id="t">b</text><textPath/></svg>"#
        );
    }

    #[test]
    fn cuts_fall_between_texts() {
        // A text from 90 to 110 px: the cut at 100 moves to 89.
        assert_eq!(cuts(250.0, 100.0, &[[90.0, 110.0]]), vec![0.0, 89.0, 189.0, 250.0]);
        // A text as long as the page cannot be avoided: cut where the page ends.
        assert_eq!(cuts(150.0, 100.0, &[[5.0, 149.0]]), vec![0.0, 100.0, 150.0]);
    }

    #[test]
    fn each_piece_has_its_own_view_box_and_only_its_texts() {
        let svg = number_texts(
            r#"<svg id="m" width="100%" viewBox="0 0 100 300"><rect width="100" height="300"/><text y="50">top</text><text y="250">bottom</text></svg>"#,
        );
        let texts = vec![
            ("bp-text-0".to_string(), [0.0, 40.0, 30.0, 55.0]),
            ("bp-text-1".to_string(), [0.0, 240.0, 30.0, 255.0]),
        ];
        let cutting = Cutting { along_height: true, portrait: true, scale: 0.5, page_px: 160.0 };
        let pieces = pieces(&svg, [100.0, 300.0], &texts, &cutting).unwrap_or_default();
        assert_eq!(pieces.len(), 2);
        assert!(pieces[0].svg.contains(r#"viewBox="0.000 0.000 100.000 160.000""#), "{}", pieces[0].svg);
        assert!(pieces[0].svg.contains(r#"height="160.000""#));
        assert!(pieces[0].svg.contains(">top<") && !pieces[0].svg.contains(">bottom<"));
        assert!(pieces[1].svg.contains(r#"viewBox="0.000 160.000 100.000 140.000""#), "{}", pieces[1].svg);
        assert!(pieces[1].svg.contains(">bottom<") && !pieces[1].svg.contains(">top<"));
        assert_eq!(pieces[0].width, 50.0);
    }
}
