//! The only module that knows Typst: report data in, PDF bytes out. Templates and fonts
//! are embedded; the data travels as JSON, never as generated Typst source, so text from
//! a document can never run as code.

mod embedded;
pub mod fonts;
mod images;
pub mod readback;

pub mod widths;
mod world;

pub use crate::view::standard::{Archival, Conformance};
pub use embedded::{FONTS, TEMPLATES};
use images::read_image;
pub use images::{MAX_IMAGE_PIXELS, SvgFacts, image_check, image_decodes, svg_facts};
/// The text Typst parses of a template (for tools that map Typst's spans to lines).
pub use world::without_comment_lines as parsed_template_text;

use crate::date::Date;
use crate::view::pack::PackData;
use crate::view::{PdfInfo, ReportData, Template};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use typst::World;
use typst::diag::{SourceDiagnostic, Warned};
use typst::ecow::EcoVec;
use typst::foundations::{Bytes, Datetime, Smart};
use typst::introspection::{Location, Tag};
use typst::layout::{Frame, FrameItem};
use typst::model::HeadingElem;
use typst_layout::Page;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};
use world::{DATA_PATH, MODEL_PATH, NUMBERS_PATH, PACK_PATH, ReportWorld, file_id, path_of};

/// Why a report could not be made. Every variant except `Image` is boardpack's own bug.
#[derive(Debug)]
pub enum RenderError {
    /// A template failed to compile or lay out: a bug in boardpack's templates.
    Template(String),
    /// The PDF writer refused the document (for example a PDF/A rule).
    Pdf(String),
    /// The report data could not be serialized.
    Data(String),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Template(m) => {
                write!(f, "template error (a bug in boardpack, please report it): {m}")
            }
            RenderError::Pdf(m) => write!(f, "PDF export failed (a bug in boardpack, please report it): {m}"),
            RenderError::Data(m) => write!(f, "report data could not be prepared: {m}"),
        }
    }
}

/// A laid-out report or pack: its pages, ready for the PDF writer or to be read back
/// ([`readback`]). Typst's own document type stays inside this module.
/// The third field: characters of drawn diagrams that no font of the layout has (their
/// text is drawn inside SVGs, where the pages' glyphs cannot show it).
pub struct LaidOut(PagedDocument, Vec<(String, std::path::PathBuf)>, Vec<char>);

impl LaidOut {
    /// The fallback font families the pages use, each with the file it came from: fonts
    /// from `--font-path` or the system, for characters no bundled font has.
    pub fn fallback_fonts(&self) -> &[(String, std::path::PathBuf)] {
        &self.1
    }
}

/// The bundled faces of the report's text font (Inter), for measuring a diagram's text
/// with the font Typst will draw it in.
pub fn text_faces() -> Vec<&'static [u8]> {
    embedded::FONTS.iter().filter(|(name, _)| name.starts_with("Inter-")).map(|(_, bytes)| *bytes).collect()
}

/// Lays out the report. `base_dir` is the document's folder, for its checked images.
pub fn compile(data: &ReportData<'_>, base_dir: Option<&Path>) -> Result<LaidOut, RenderError> {
    let main = main_template(data.template);
    let json = serde_json::to_vec(data).map_err(|e| RenderError::Data(e.to_string()))?;
    let model = serde_json::to_vec(data.roadmap).map_err(|e| RenderError::Data(e.to_string()))?;
    let images: Vec<ImageFile<'_>> = data
        .images
        .iter()
        .filter_map(|(relative, virtual_path)| Some(ImageFile { dir: base_dir?, relative, virtual_path }))
        .collect();
    let mut files = vec![(DATA_PATH, json), (MODEL_PATH, model)];
    // The drawn diagrams' SVGs (checked when they were drawn), at the paths view gave them.
    for view in data.diagrams.values() {
        if let Some(drawing) = data.roadmap.diagrams.get(view.diagram).and_then(|d| d.drawing.as_ref()) {
            files.push((view.path.as_str(), drawing.svg.as_bytes().to_vec()));
            for (piece, piece_view) in drawing.pieces.iter().zip(&view.pieces) {
                files.push((piece_view.path.as_str(), piece.svg.as_bytes().to_vec()));
            }
        }
    }
    let diagram_text: String = data
        .diagrams
        .values()
        .filter_map(|view| data.roadmap.diagrams.get(view.diagram))
        .map(|d| d.source.as_str())
        .collect();
    let needed = fonts::not_bundled(&diagram_text);
    let mut laid_out = compile_with_fallbacks(main, &files, &images, data.roadmap.today, &needed)?;
    set_info(&mut laid_out.0, &data.pdf);
    Ok(laid_out)
}

/// Lays out a board pack's cover and contents.
pub fn compile_cover(pack: &PackData) -> Result<LaidOut, RenderError> {
    let json = serde_json::to_vec(pack).map_err(|e| RenderError::Data(e.to_string()))?;
    let mut laid_out = compile_with_fallbacks("/pack.typ", &[(PACK_PATH, json)], &[], pack.today, &[])?;
    set_info(&mut laid_out.0, &pack.cover.pdf);
    Ok(laid_out)
}

/// The PDF's metadata. Set here rather than by a `set document` rule in the templates:
/// as a style, a document's title would be part of every layout's cache key, so that no
/// layout of one document (a legend, a column heading) could be reused for the next.
fn set_info(document: &mut PagedDocument, pdf: &PdfInfo) {
    let info = document.info_mut();
    info.title = Some(pdf.title.as_str().into());
    info.author = pdf.author.iter().map(|a| a.as_str().into()).collect();
    info.description = Some(pdf.description.as_str().into());
    info.keywords = pdf.keywords.iter().map(|k| k.as_str().into()).collect();
    let [year, month, day] = pdf.date;
    info.date = Smart::Custom(
        u8::try_from(month)
            .ok()
            .zip(u8::try_from(day).ok())
            .and_then(|(month, day)| Datetime::from_ymd(year as i32, month, day)),
    );
}

/// The cover's pages followed by every report's pages, as one document. Reports keep
/// their own page furniture ("Side 1 af 2"); nothing is laid out again. Every page gets
/// the pack's own number (`label` and "5 / 36" at its top right), so that the printed
/// numbers are those of the contents.
pub fn combine(cover: LaidOut, reports: &[&Pages], label: &str, today: Date) -> Result<LaidOut, RenderError> {
    let fallbacks = cover.1;
    let mut cover = cover.0;
    let info = std::mem::take(cover.info_mut());
    let mut pages: Vec<Page> =
        cover.pages().iter().cloned().chain(reports.iter().flat_map(|p| p.0.iter().cloned())).collect();
    let sizes: Vec<[f64; 2]> =
        pages.iter().map(|p| [p.frame.width().to_pt(), p.frame.height().to_pt()]).collect();
    let numbers = serde_json::json!({ "label": label, "pages": sizes });
    let numbers = serde_json::to_vec(&numbers).map_err(|e| RenderError::Data(e.to_string()))?;
    let overlay =
        compile_template("/pack-numbers.typ", &[(NUMBERS_PATH, numbers)], &[], today, fonts::bundled())?;
    for (page, number) in pages.iter_mut().zip(overlay.pages()) {
        page.frame.push_frame(typst::layout::Point::zero(), number.frame.clone());
    }
    Ok(LaidOut(PagedDocument::new(pages.into_iter().collect::<EcoVec<Page>>(), info), fallbacks, Vec::new()))
}

/// A report's laid-out pages, as a board pack keeps them until the pack is written: a
/// whole quarter of reports at once, so only what the pack's PDF needs is kept. The
/// introspector goes, and so do the frames' introspection tags (each holds its element
/// with all its children, over a megabyte per report) except the headings', which give
/// the pack its bookmarks.
pub struct Pages(Vec<Page>);

impl Pages {
    pub fn of(document: LaidOut) -> Self {
        let mut headings = HashSet::new();
        let pages = document
            .0
            .pages()
            .iter()
            .map(|page| {
                let mut page = page.clone();
                keep_heading_tags(&mut page.frame, &mut headings);
                page
            })
            .collect();
        Self(pages)
    }
}

/// Drops every introspection tag from `frame` except those of headings (`headings`
/// collects their locations, so that their end tags are kept too).
fn keep_heading_tags(frame: &mut Frame, headings: &mut HashSet<Location>) {
    frame.retain(|item| match item {
        FrameItem::Tag(Tag::Start(element, _)) => match element.location() {
            Some(location) if element.is::<HeadingElem>() => {
                headings.insert(location);
                true
            }
            _ => false,
        },
        FrameItem::Tag(Tag::End(location, ..)) => headings.contains(location),
        FrameItem::Group(group) => {
            // The parent's tag may be gone: the group is placed where it stands.
            group.parent = None;
            keep_heading_tags(&mut group.frame, headings);
            true
        }
        _ => true,
    });
}

/// An image the World may serve: `relative` inside `dir`, at `virtual_path`.
struct ImageFile<'a> {
    dir: &'a Path,
    relative: &'a str,
    virtual_path: &'a str,
}

/// Compiles `main` with the bundled fonts, and once more with fallback fonts added when
/// some characters have no glyph in them (see [`fonts`]): characters of the laid-out text,
/// or `needed` (those of drawn diagrams, whose text Typst draws inside their SVGs).
fn compile_with_fallbacks(
    main: &str,
    data: &[(&str, Vec<u8>)],
    images: &[ImageFile<'_>],
    today: Date,
    needed: &[char],
) -> Result<LaidOut, RenderError> {
    let bundled = compile_template(main, data, images, today, fonts::bundled())?;
    let mut missing = readback::missing_in(&bundled);
    missing.extend_from_slice(needed);
    missing.sort_unstable();
    missing.dedup();
    if missing.is_empty() {
        return Ok(LaidOut(bundled, Vec::new(), Vec::new()));
    }
    let Some(with_fallbacks) = fonts::with_fallbacks_for(&missing) else {
        return Ok(LaidOut(bundled, Vec::new(), needed.to_vec()));
    };
    let document = compile_template(main, data, images, today, with_fallbacks.clone())?;
    let uncovered = needed.iter().copied().filter(|&c| !with_fallbacks.covers(c)).collect();
    Ok(LaidOut(document, with_fallbacks.fallbacks.clone(), uncovered))
}

/// Compiles `main` with the virtual data files `data` (path, bytes) and `images`.
fn compile_template(
    main: &str,
    data: &[(&str, Vec<u8>)],
    images: &[ImageFile<'_>],
    today: Date,
    fonts: std::sync::Arc<fonts::Fonts>,
) -> Result<PagedDocument, RenderError> {
    let mut files = HashMap::new();
    for (path, bytes) in data {
        let id = file_id(path).ok_or_else(|| RenderError::Data(format!("bad data path {path}")))?;
        files.insert(id, Bytes::new(bytes.clone()));
    }
    for image in images {
        if let (Some(bytes), Some(id)) = (read_image(image.dir, image.relative), file_id(image.virtual_path))
        {
            files.insert(id, Bytes::new(bytes));
        }
    }
    let main = file_id(main).ok_or_else(|| RenderError::Template("bad template path".into()))?;
    let world = ReportWorld::new(main, files, typst_date(today), fonts);
    let Warned { output, warnings: _ } = typst::compile::<PagedDocument>(&world);
    output.map_err(|errors| RenderError::Template(describe(&world, &errors)))
}

/// Writes the laid-out report, dated by the report's as-of date so that the same input
/// always gives the same bytes, claiming `standards`. Every standard refuses text that no
/// embedded font can draw, and PDF/UA-1 and PDF/A-2a an image without alternative text:
/// callers check [`readback::missing_glyphs`] and the page's images first.
pub fn pdf(document: &LaidOut, date: Date, standards: Conformance) -> Result<Vec<u8>, RenderError> {
    write_pdf(&document.0, date, standards, true)
}

/// As [`pdf`], for a document made by [`combine`]: untagged, because its reports kept
/// only their headings' tags (enough for the bookmarks, not for a structure tree), so it
/// can claim PDF/A-2b or PDF/A-2u, never a standard that needs tags.
pub fn combined_pdf(document: &LaidOut, date: Date, standards: Conformance) -> Result<Vec<u8>, RenderError> {
    write_pdf(&document.0, date, standards, false)
}

fn write_pdf(
    document: &PagedDocument,
    date: Date,
    standards: Conformance,
    tagged: bool,
) -> Result<Vec<u8>, RenderError> {
    // typst-pdf accepts PDF/UA-1 or PDF/A-2a with tags switched off and writes a file that
    // claims them over untagged content (only Typst's CLI refuses): refuse it here.
    if standards.needs_tags() && !tagged {
        return Err(RenderError::Pdf(format!("an untagged PDF cannot claim {}", standards.name())));
    }
    let mut list = Vec::new();
    if standards.accessible {
        list.push(PdfStandard::Ua_1);
    }
    list.extend(standards.archival.map(|a| match a {
        Archival::A2b => PdfStandard::A_2b,
        Archival::A2u => PdfStandard::A_2u,
        Archival::A2a => PdfStandard::A_2a,
    }));
    let standards = PdfStandards::new(&list).map_err(|e| RenderError::Pdf(format!("{e:?}")))?;
    let timestamp = Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, 0, 0, 0)
        .map(Timestamp::new_utc);
    let options = PdfOptions {
        standards,
        timestamp,
        creator: Smart::Custom(Some(format!("boardpack {}", env!("CARGO_PKG_VERSION")))),
        tagged,
        // Tagged output cannot be combined with page ranges; boardpack never asks for them.
        page_ranges: None,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        RenderError::Pdf(errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; "))
    })
}

/// Stack size for threads that lay out reports. Typst's layout recurses deeply (a board
/// pack of a hundred reports overflowed the 2 MiB default of rayon's threads); this is
/// address space reserved, not memory used.
pub const STACK_SIZE: usize = 64 * 1024 * 1024;

/// Gives Typst's own parallel layout (rayon's global pool) threads with [`STACK_SIZE`].
/// Call once, before anything is rendered; later calls have no effect.
pub fn configure_threads() {
    let _ = rayon::ThreadPoolBuilder::new().stack_size(STACK_SIZE).build_global();
}

/// The template file that lays out reports of `template`.
fn main_template(template: Template) -> &'static str {
    match template {
        Template::Report => "/report.typ",
        Template::Minutes => "/minutes.typ",
    }
}

/// Builds Typst's standard library, parses the templates of `template` and the fonts
/// every report draws with: the fixed cost of the first report of a process. Callers may
/// run this on another thread while they read input.
pub fn warm_up(template: Template) {
    world::warm_up(main_template(template));
}

/// Frees Typst's memoization caches; call between documents of a batch so memory stays flat.
pub fn evict_cache() {
    comemo::evict(3);
}

fn typst_date(date: Date) -> Datetime {
    Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
        .or_else(|| Datetime::from_ymd(1970, 1, 1))
        .unwrap_or_else(|| unreachable!("1970-01-01 is a valid Typst date"))
}

/// Typst's errors as text with template file, line and column.
fn describe(world: &ReportWorld, errors: &[SourceDiagnostic]) -> String {
    errors
        .iter()
        .map(|error| {
            let place = error.span.id().and_then(|id| {
                let source = world.source(id).ok()?;
                let range = typst::WorldExt::range(world, error.span)?;
                let line = source.text()[..range.start.min(source.text().len())].matches('\n').count() + 1;
                Some(format!("{}:{line}: ", path_of(id)))
            });
            let hints: String = error.hints.iter().map(|h| format!(" (hint: {})", h.v)).collect();
            format!("{}{}{hints}", place.unwrap_or_default(), error.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}
