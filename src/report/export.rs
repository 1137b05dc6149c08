//! One document to PDF bytes: the report data, Typst layout, checks on the result, PDF.
//! Shared by `export` and `batch`; writes nothing.

use crate::diag::{Diagnostic, Span};
use crate::read::Document;
use crate::render::{self, RenderError, readback as inspect};
use crate::view::{self, ReportOptions};

/// A finished report.
pub struct Exported {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// Whether the file conforms to PDF/A-2b (not when some text has no glyph).
    pub archival: bool,
}

/// Renders `document` as a PDF. Problems found while rendering (characters no font can
/// draw, images that would not decode) are appended to the document's diagnostics.
pub fn export(document: &mut Document, options: &ReportOptions) -> Result<Exported, RenderError> {
    export_laid_out(document, options).map(|(exported, _)| exported)
}

/// As [`export`], also returning the laid-out pages (a board pack reuses them).
pub fn export_laid_out(
    document: &mut Document,
    options: &ReportOptions,
) -> Result<(Exported, render::PagedDocument), RenderError> {
    let mut data = view::build(&document.roadmap, options);
    // An image that does not decode is shown by its description, and named; the others
    // are still embedded.
    let mut image_warnings = undecodable_images(document, data.images.keys());
    for (relative, _) in &image_warnings {
        data.images.remove(relative);
    }
    let laid_out = match render::compile(&data, document.base_dir.as_deref()) {
        Ok(laid_out) => laid_out,
        Err(error) if !data.images.is_empty() => {
            // An image that decoded above but still failed must not cost the whole report:
            // try once more without images.
            let mut without = data;
            without.images.clear();
            let laid_out = render::compile(&without, None).map_err(|_| error)?;
            document.roadmap.diagnostics.push(Diagnostic::warning(
                "asset::bad-image",
                "an image of the page could not be decoded; the report shows image descriptions instead",
            ));
            laid_out
        }
        Err(error) => return Err(error),
    };
    document.roadmap.diagnostics.extend(image_warnings.drain(..).map(|(_, warning)| warning));
    let missing = inspect::missing_glyphs(&laid_out);
    // A page in a script without a bundled font (Chinese, say) misses hundreds of
    // characters: the first few are located one by one, the rest summed up in one line.
    const LOCATED: usize = 5;
    if missing.len() > LOCATED {
        let rest: String = missing[LOCATED..].iter().take(40).collect();
        let more = if missing.len() > LOCATED + 40 { " …" } else { "" };
        let summary = Diagnostic::warning(
            "render::missing-glyph",
            format!(
                "{} more characters have no glyph in the bundled fonts and show as empty boxes: {rest}{more}",
                missing.len() - LOCATED
            ),
        )
        .with_hint("boardpack bundles fonts for Latin, Greek and Cyrillic text, symbols and emoji");
        let summary = at_first(&document.text, missing[LOCATED], summary);
        document.roadmap.diagnostics.push(summary);
    }
    for &c in missing.iter().take(LOCATED) {
        let d = Diagnostic::warning(
            "render::missing-glyph",
            format!("no bundled font can draw `{c}` (U+{:04X}); it shows as an empty box", c as u32),
        )
        .with_hint("boardpack bundles Inter, JetBrains Mono, Noto Emoji and Noto Sans Symbols");
        let d = at_first(&document.text, c, d);
        document.roadmap.diagnostics.push(d);
    }
    let index = crate::diag::LineIndex::new(&document.text);
    crate::read::finish_diagnostics(&mut document.roadmap.diagnostics, &document.text, &index);
    // PDF/A forbids text without a glyph; such a page still gets its PDF, just not PDF/A.
    let archival = missing.is_empty();
    if !archival {
        document.roadmap.diagnostics.push(
            Diagnostic::warning(
                "render::not-archival",
                "the PDF is not PDF/A-2b because some characters have no glyph in the bundled fonts",
            )
            .with_hint("see the render::missing-glyph warnings for the characters"),
        );
    }
    let pdf = render::pdf(&laid_out, document.roadmap.today, archival)?;
    Ok((Exported { pdf, pages: inspect::page_count(&laid_out), archival }, laid_out))
}

/// The images (paths relative to the page's folder) that cannot be read or decoded, each
/// with a warning located at its reference in the page.
pub fn undecodable_images<'a>(
    document: &Document,
    relatives: impl IntoIterator<Item = &'a String>,
) -> Vec<(String, Diagnostic)> {
    let Some(dir) = document.base_dir.as_deref() else { return Vec::new() };
    relatives
        .into_iter()
        .filter(|relative| !render::image_decodes(dir, relative))
        .map(|relative| {
            let warning = Diagnostic::warning(
                "asset::bad-image",
                format!(
                    "the image `{relative}` cannot be embedded; the report shows its description instead"
                ),
            )
            .with_hint("it must be a complete PNG, JPEG, GIF, WebP or SVG image of at most 40 megapixels; an SVG may not draw other files");
            let warning = match document.text.find(relative.as_str()) {
                Some(start) => warning.with_span(Span::at(start, relative.len())),
                None => warning,
            };
            (relative.clone(), warning)
        })
        .collect()
}

/// `diagnostic` pointed at the first `c` of the page, if the page has one (a character
/// may also come from the report's own words).
fn at_first(text: &str, c: char, diagnostic: Diagnostic) -> Diagnostic {
    match text.find(c) {
        Some(start) => diagnostic.with_span(Span::at(start, c.len_utf8())),
        None => diagnostic,
    }
}
