//! One document to PDF bytes: the report data, Typst layout, checks on the result, PDF.
//! Shared by `export` and `batch`; writes nothing and leaves the document as it was read:
//! what rendering finds is returned, for the caller to add with
//! [`Document::add_diagnostics`].

use crate::diag::{Diagnostic, Span};
use crate::read::Document;
use crate::render::{self, Conformance, LaidOut, RenderError, readback};
use crate::view::{self, ReportOptions};

/// Why a document gets no report.
#[derive(Debug)]
pub enum ExportError {
    /// The page is beyond what one report draws; the diagnostic says why and where.
    TooLarge(Box<Diagnostic>),
    /// Typst or the PDF writer failed: a bug in boardpack.
    Render(RenderError),
}

impl From<RenderError> for ExportError {
    fn from(error: RenderError) -> Self {
        ExportError::Render(error)
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::TooLarge(d) => f.write_str(&d.message),
            ExportError::Render(e) => e.fmt(f),
        }
    }
}

/// A report draws at most this many tasks (in its charts and track tables together): a
/// 10,000-task chart exports in about 4 s and 1 GB; memory grows with the tasks.
pub const MAX_TASKS: usize = 12_000;

/// A finished report.
pub struct Exported {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// The standards the file claims: what was asked for, or less when the page rules
    /// something out (text without a glyph, an image without alternative text).
    pub claims: Conformance,
    /// What rendering found (images that would not decode, characters no font can draw),
    /// with spans into the document's text.
    pub diagnostics: Vec<Diagnostic>,
    /// What follows from those for the file as a whole (the standard it does not claim).
    pub conclusions: Vec<Diagnostic>,
}

impl Exported {
    /// Adds what rendering found to `document`'s diagnostics, as the commands report them.
    pub fn report_to(&self, document: &mut Document) {
        document.add_diagnostics(self.diagnostics.iter().cloned());
        document.add_conclusions(self.conclusions.iter().cloned());
    }

    /// What rendering found, in the order the commands print it.
    pub fn found(&self) -> Vec<Diagnostic> {
        let mut found = self.diagnostics.clone();
        crate::diag::sort_by_position(&mut found);
        found.extend(self.conclusions.iter().cloned());
        found
    }
}

/// Renders `document` as a PDF.
pub fn export(document: &Document, options: &ReportOptions) -> Result<Exported, ExportError> {
    export_laid_out(document, options).map(|(exported, _)| exported)
}

/// As [`export`], also returning the laid-out pages (a board pack reuses them).
pub fn export_laid_out(
    document: &Document,
    options: &ReportOptions,
) -> Result<(Exported, LaidOut), ExportError> {
    let mut data = view::build(&document.roadmap, options);
    render::widths::measure(&mut data);
    // What the view left out (a budget, wide tables) is said; a page beyond any report is
    // refused here, before layout.
    let mut diagnostics = preflight(document, &data)?;
    // An image that does not decode is shown by its description, and named; the others
    // are still embedded.
    for (relative, warning) in image_problems(document, data.images.keys()) {
        data.images.remove(&relative);
        diagnostics.push(warning);
    }
    let mut embedded: Vec<String> = data.images.keys().cloned().collect();
    let laid_out = match render::compile(&data, document.base_dir.as_deref()) {
        Ok(laid_out) => laid_out,
        Err(error) if !data.images.is_empty() => {
            // An image that decoded above but still failed must not cost the whole report:
            // try once more without images.
            let mut without = data;
            without.images.clear();
            let laid_out = render::compile(&without, None).map_err(|_| error)?;
            embedded.clear();
            diagnostics.insert(
                0,
                Diagnostic::warning(
                    crate::read::codes::asset::BAD_IMAGE,
                    "an image of the page could not be decoded; the report shows image descriptions instead",
                ),
            );
            laid_out
        }
        Err(error) => return Err(error.into()),
    };
    let missing = readback::missing_glyphs(&laid_out);
    diagnostics.extend(fallback_note(&laid_out));
    diagnostics.extend(missing_glyph_warnings(&document.text, &missing));
    let (claims, mut conclusions) =
        standards_for(document, &embedded, options.conformance, &missing, &mut diagnostics);
    let (pdf, claims) = write_claiming(&laid_out, document.roadmap.today, claims, &mut conclusions)?;
    let pages = readback::page_count(&laid_out);
    Ok((Exported { pdf, pages, claims, diagnostics, conclusions }, laid_out))
}

/// What the report can claim of `requested`, with the reason for anything it cannot: text
/// without a glyph rules out every standard; an image without alternative text (each one
/// a located warning) rules out the standards that need tags, leaving PDF/A-2b.
fn standards_for(
    document: &Document,
    embedded: &[String],
    requested: Conformance,
    missing: &[char],
    diagnostics: &mut Vec<Diagnostic>,
) -> (Conformance, Vec<Diagnostic>) {
    let mut conclusions = Vec::new();
    if requested == Conformance::NONE {
        return (requested, conclusions);
    }
    if !missing.is_empty() {
        conclusions.push(
            Diagnostic::warning(
                crate::report::codes::NOT_ARCHIVAL,
                format!(
                    "the PDF claims no standard, not {}, because some characters have no glyph in any font",
                    requested.name()
                ),
            )
            .with_hint("see the render::missing-glyph warnings for the characters"),
        );
        return (Conformance::NONE, conclusions);
    }
    if !requested.needs_tags() {
        return (requested, conclusions);
    }
    let without_alt: Vec<String> = view::images_without_alt(&document.roadmap)
        .into_iter()
        .filter(|path| embedded.contains(path))
        .collect();
    if without_alt.is_empty() {
        return (requested, conclusions);
    }
    for path in &without_alt {
        let warning = Diagnostic::warning(
            crate::read::codes::asset::MISSING_ALT,
            format!(
                "the image `{path}` has no alternative text, so a screen reader cannot tell what it shows"
            ),
        )
        .with_hint(format!("describe it between the brackets: ![what the picture shows]({path})"));
        diagnostics.push(locate_reference(document, path, warning));
    }
    let claims = requested.without_tag_requirements();
    let count = without_alt.len();
    conclusions.push(
        Diagnostic::warning(
            crate::report::codes::NOT_ACCESSIBLE,
            format!(
                "the PDF is {}, not {}, because {} of the page's images {} no alternative text",
                claims.name(),
                requested.name(),
                count,
                if count == 1 { "has" } else { "have" }
            ),
        )
        .with_hint("see the asset::missing-alt warnings for the images"),
    );
    (claims, conclusions)
}

/// Writes the PDF claiming `claims`; should the PDF writer still refuse them (a rule
/// boardpack does not check beforehand), the report is written claiming less, and says so.
fn write_claiming(
    laid_out: &LaidOut,
    today: crate::date::Date,
    claims: Conformance,
    conclusions: &mut Vec<Diagnostic>,
) -> Result<(Vec<u8>, Conformance), ExportError> {
    let mut attempt = claims;
    loop {
        match render::pdf(laid_out, today, attempt) {
            Ok(pdf) => return Ok((pdf, attempt)),
            Err(RenderError::Pdf(why)) if attempt != Conformance::NONE => {
                let lesser =
                    if attempt.needs_tags() { attempt.without_tag_requirements() } else { Conformance::NONE };
                conclusions.push(
                    Diagnostic::warning(
                        crate::report::codes::STANDARD_REFUSED,
                        format!(
                            "the PDF writer refused {} ({why}); the PDF claims {} instead",
                            attempt.name(),
                            lesser.name()
                        ),
                    )
                    .with_hint(
                        "please report this page to boardpack's maintainers: its checks should have said why",
                    ),
                );
                attempt = lesser;
            }
            Err(error) => return Err(error.into()),
        }
    }
}

/// `warning` at the first place the page's text names `relative`.
fn locate_reference(document: &Document, relative: &str, warning: Diagnostic) -> Diagnostic {
    match document.text.find(relative) {
        Some(start) => warning.with_span(Span::at(start, relative.len())),
        None => warning,
    }
}

/// What `check` says of a page, as its full report would find it without laying it out:
/// what the view leaves out, images that would not be embedded, a page too large to draw.
pub fn check_report(document: &Document, options: &ReportOptions) -> Vec<Diagnostic> {
    let data = view::build(&document.roadmap, options);
    let mut found = match preflight(document, &data) {
        Ok(found) => found,
        Err(ExportError::TooLarge(why)) => vec![*why],
        Err(ExportError::Render(_)) => Vec::new(),
    };
    found.extend(image_problems(document, data.images.keys()).into_iter().map(|(_, warning)| warning));
    found
}

/// The checks on a report's data before layout: too many tasks to draw (refused), content
/// past the layout budget, tables cut to fewer columns.
fn preflight(document: &Document, data: &view::ReportData<'_>) -> Result<Vec<Diagnostic>, ExportError> {
    let index = crate::diag::LineIndex::new(&document.text);
    let at_line = |warning: Diagnostic, line: usize| match index.line_start(line) {
        Some(start) => warning.with_span(Span::at(start, 0)),
        None => warning,
    };
    let drawn: usize = data.charts.iter().map(|c| c.lanes.iter().map(|l| l.rows.len()).sum::<usize>()).sum();
    if drawn > MAX_TASKS {
        let d = Diagnostic::error(
            crate::report::codes::TOO_MANY_TASKS,
            format!(
                "the page's charts have {drawn} tasks; a report draws at most {MAX_TASKS}, so none is made"
            ),
        )
        .with_hint("split the chart into several pages, one per part of the plan");
        let line = document.roadmap.diagrams.iter().find(|d| d.gantt.is_some()).map_or(0, |d| d.line);
        let mut d = at_line(d, line);
        index.locate(&document.text, std::slice::from_mut(&mut d));
        return Err(ExportError::TooLarge(Box::new(d)));
    }
    let mut diagnostics = Vec::new();
    if let Some(omitted) = &data.omitted {
        let warning = Diagnostic::warning(
            crate::report::codes::TOO_LARGE,
            format!(
                "the page has more content than a report lays out; from this line on ({} block{} in all) it is left out, with a note in the report",
                omitted.blocks,
                if omitted.blocks == 1 { "" } else { "s" }
            ),
        )
        .with_hint("split the page, or move long tables, code and logs to pages of their own");
        diagnostics.push(at_line(warning, omitted.line));
    }
    for table in &data.narrowed {
        let warning = Diagnostic::warning(
            crate::report::codes::TOO_WIDE,
            format!(
                "the table has {} columns; the report shows the first {}",
                table.columns,
                crate::view::budget::MAX_COLUMNS
            ),
        )
        .with_hint("split the table, or turn its columns into rows");
        diagnostics.push(at_line(warning, table.line));
    }
    Ok(diagnostics)
}

/// The page's images that cannot be read or decoded (paths relative to the page's folder),
/// each with a warning located at its reference in the page. `check` and `export` both
/// ask this, so `check` reports exactly the images an export would leave out.
pub fn image_problems<'a>(
    document: &Document,
    relatives: impl IntoIterator<Item = &'a String>,
) -> Vec<(String, Diagnostic)> {
    let Some(dir) = document.base_dir.as_deref() else { return Vec::new() };
    let mut pixels_left = MAX_PAGE_PIXELS;
    relatives
        .into_iter()
        .filter_map(|relative| {
            let why = match render::image_check(dir, relative) {
                Ok(pixels) if pixels <= pixels_left => {
                    pixels_left -= pixels;
                    return None;
                }
                Ok(_) => format!(
                    "the page's images together have more than {} megapixels",
                    MAX_PAGE_PIXELS / 1_000_000
                ),
                Err(why) => why,
            };
            let warning = Diagnostic::warning(
                crate::read::codes::asset::BAD_IMAGE,
                format!("the image `{relative}` cannot be embedded: {why}; the report shows its description instead"),
            )
            .with_hint("it must be a complete PNG, JPEG, GIF, WebP or SVG image of at most 40 megapixels; an SVG may not draw other files");
            Some((relative.clone(), locate_reference(document, relative, warning)))
        })
        .collect()
}

/// All raster images of one report together decode to at most this many pixels (four
/// bytes each): a page of ordinary screenshots stays far below.
pub const MAX_PAGE_PIXELS: u64 = 160_000_000;

/// Which fonts from `--font-path` or the system drew what the bundled fonts could not.
fn fallback_note(laid_out: &LaidOut) -> Option<Diagnostic> {
    let used = laid_out.fallback_fonts();
    if used.is_empty() {
        return None;
    }
    let list: Vec<String> =
        used.iter().map(|(family, path)| format!("{family} ({})", path.display())).collect();
    Some(
        Diagnostic::note(
            crate::report::codes::FALLBACK_FONT,
            format!("characters the bundled fonts do not have are drawn with {}", list.join(", ")),
        )
        .with_hint("the PDF embeds the font; on another machine a different font may be chosen, so pass --font-path to fix it"),
    )
}

/// A page in a script without a bundled font (Chinese, say) misses hundreds of
/// characters: the first few are located one by one, the rest summed up in one line.
fn missing_glyph_warnings(text: &str, missing: &[char]) -> Vec<Diagnostic> {
    const LOCATED: usize = 5;
    let mut warnings = Vec::new();
    if missing.len() > LOCATED {
        let rest: String = missing[LOCATED..].iter().take(40).collect();
        let more = if missing.len() > LOCATED + 40 { " …" } else { "" };
        let summary = Diagnostic::warning(
            crate::report::codes::MISSING_GLYPH,
            format!(
                "{} more characters have no glyph in any font and show as empty boxes: {rest}{more}",
                missing.len() - LOCATED
            ),
        )
        .with_hint(FONT_HINT);
        warnings.push(at_first(text, missing[LOCATED], summary));
    }
    for &c in missing.iter().take(LOCATED) {
        let d = Diagnostic::warning(
            crate::report::codes::MISSING_GLYPH,
            format!("no font can draw `{c}` (U+{:04X}); it shows as an empty box", c as u32),
        )
        .with_hint(FONT_HINT);
        warnings.push(at_first(text, c, d));
    }
    warnings
}

/// What to do about a character no font has.
const FONT_HINT: &str = "boardpack bundles fonts for Latin, Greek and Cyrillic text, symbols and emoji, and looks in --font-path folders and the system's fonts for the rest; install a font that has it (on Debian or Ubuntu, fonts-noto-cjk for Chinese, Japanese and Korean) or pass --font-path";

/// `diagnostic` pointed at the first `c` of the page, if the page has one (a character
/// may also come from the report's own words).
fn at_first(text: &str, c: char, diagnostic: Diagnostic) -> Diagnostic {
    match text.find(c) {
        Some(start) => diagnostic.with_span(Span::at(start, c.len_utf8())),
        None => diagnostic,
    }
}
