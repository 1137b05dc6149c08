//! The page's images as Typst will draw them: read again from the document's folder (the
//! reader checked the path; the file may have changed since) and decoded once before
//! layout, so that one bad image is named instead of failing the whole report.

use std::path::Path;
use typst::foundations::Bytes;

/// Whether the image at `relative` in `dir` can be read and decoded, as Typst will when it
/// lays the image out (the decoding is memoized, so it is not done twice): the pixels it
/// decodes to (0 for an SVG without raster images), or why not.
pub fn image_check(dir: &Path, relative: &str) -> Result<u64, String> {
    use typst::visualize::{ImageFormat, RasterImage, SvgImage, VectorFormat};
    let Some(bytes) = read_image(dir, relative) else { return Err("it cannot be read".into()) };
    let bytes = Bytes::new(bytes);
    match ImageFormat::detect(&bytes) {
        Some(ImageFormat::Raster(format)) => {
            let pixels = pixels(&bytes).ok_or("its size cannot be read")?;
            if pixels > MAX_IMAGE_PIXELS {
                return Err(format!("it has more than {} megapixels", MAX_IMAGE_PIXELS / 1_000_000));
            }
            RasterImage::plain(bytes, format).map(|_| pixels).map_err(|e| format!("it does not decode ({e})"))
        }
        Some(ImageFormat::Vector(VectorFormat::Svg)) => {
            let pixels = svg_pixels(&bytes)?;
            SvgImage::new(bytes).map(|_| pixels).map_err(|_| "it is not a valid SVG".to_string())
        }
        _ => Err("it is not a PNG, JPEG, GIF, WebP or SVG image".into()),
    }
}

/// Whether the image at `relative` in `dir` can be embedded.
pub fn image_decodes(dir: &Path, relative: &str) -> bool {
    image_check(dir, relative).is_ok()
}

/// Raster images with more pixels than this are refused: decoding allocates four bytes
/// a pixel, and a 74-byte PNG can claim 100000 × 100000 of them.
pub const MAX_IMAGE_PIXELS: u64 = 40_000_000;

/// The pixels a raster image's header claims.
fn pixels(bytes: &[u8]) -> Option<u64> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format().ok()?;
    let (width, height) = reader.into_dimensions().ok()?;
    Some(u64::from(width) * u64::from(height))
}

/// The pixels of the raster images an SVG embeds, or why the SVG cannot be embedded: it
/// draws other files (by `<image>`, `<feImage>`, under any namespace prefix: Typst would
/// ask the World for them, which serves none, and the whole report would fail), its
/// embedded raster images have more than [`MAX_IMAGE_PIXELS`] together (decoding would
/// allocate gigabytes), or its size or view box is so extreme that the PDF's numbers would
/// be out of range. Parsed as Typst will parse it.
fn svg_pixels(bytes: &[u8]) -> Result<u64, String> {
    parse_checked(bytes).map(|(_, pixels)| pixels)
}

/// What placing a drawn diagram needs to know of its SVG.
#[derive(Clone, Debug, PartialEq)]
pub struct SvgFacts {
    /// Its size, in CSS pixels.
    pub width: f64,
    pub height: f64,
    /// The font size of its smallest text, in CSS pixels (16 when it has none).
    pub smallest_text: f64,
    /// Where each `<text>` element with an `id` is drawn, in the same pixels:
    /// (id, [left, top, right, bottom]).
    pub texts: Vec<(String, [f64; 4])>,
}

/// Checks an SVG that boardpack drew (a Mermaid diagram) as a page's own SVG images are
/// checked, and reads its size and its smallest text.
pub fn svg_facts(bytes: &[u8]) -> Result<SvgFacts, String> {
    use typst::visualize::SvgImage;
    let (tree, _) = parse_checked_with(bytes, text_fonts())?;
    SvgImage::new(Bytes::new(bytes.to_vec())).map_err(|_| "it is not a valid SVG".to_string())?;
    let smallest = smallest_text(tree.root()).unwrap_or(16.0);
    let mut texts = Vec::new();
    text_boxes(tree.root(), &mut texts);
    Ok(SvgFacts {
        width: f64::from(tree.size().width()),
        height: f64::from(tree.size().height()),
        smallest_text: f64::from(smallest),
        texts,
    })
}

fn text_boxes(group: &usvg::Group, out: &mut Vec<(String, [f64; 4])>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => text_boxes(g, out),
            usvg::Node::Text(text) if !text.id().is_empty() => {
                let b = text.abs_bounding_box();
                let edges = [b.left(), b.top(), b.right(), b.bottom()].map(f64::from);
                out.push((text.id().to_string(), edges));
            }
            _ => {}
        }
    }
}

/// The smallest font size of any text in `group`, scaled as it is drawn.
fn smallest_text(group: &usvg::Group) -> Option<f32> {
    group
        .children()
        .iter()
        .filter_map(|node| match node {
            usvg::Node::Group(g) => smallest_text(g),
            usvg::Node::Text(text) => {
                let t = text.abs_transform();
                let scale = (t.sx * t.sy - t.kx * t.ky).abs().sqrt();
                text.chunks()
                    .iter()
                    .flat_map(|c| c.spans())
                    .map(|s| s.font_size().get() * if scale > 0.0 { scale } else { 1.0 })
                    .reduce(f32::min)
            }
            _ => None,
        })
        .reduce(f32::min)
}

/// The report's text faces for usvg, loaded once: without fonts usvg drops every text,
/// and a drawn diagram's text sizes are what decide how far it may shrink.
fn text_fonts() -> std::sync::Arc<usvg::fontdb::Database> {
    static FONTS: std::sync::OnceLock<std::sync::Arc<usvg::fontdb::Database>> = std::sync::OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            for face in super::text_faces() {
                db.load_font_data(face.to_vec());
            }
            // usvg falls back to the serif family for a family it lacks (C4 diagrams name
            // their own); without it such texts would have no place and no size.
            db.set_serif_family("Inter");
            db.set_sans_serif_family("Inter");
            db.set_monospace_family("Inter");
            std::sync::Arc::new(db)
        })
        .clone()
}

/// Parses an SVG as Typst will, refusing what [`svg_pixels`] refuses; the tree and the
/// pixels of its embedded raster images.
fn parse_checked(bytes: &[u8]) -> Result<(usvg::Tree, u64), String> {
    parse_checked_with(bytes, std::sync::Arc::new(usvg::fontdb::Database::new()))
}

fn parse_checked_with(
    bytes: &[u8],
    fontdb: std::sync::Arc<usvg::fontdb::Database>,
) -> Result<(usvg::Tree, u64), String> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicU64, Ordering};
    let problem: Mutex<Option<String>> = Mutex::new(None);
    let embedded = AtomicU64::new(0);
    let note = |why: String| {
        if let Ok(mut p) = problem.lock() {
            p.get_or_insert(why);
        }
    };
    let default_data = usvg::ImageHrefResolver::default_data_resolver();
    let options = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|mime, data, opts| {
                if !mime.contains("svg") {
                    let pixels = pixels(&data).unwrap_or(u64::MAX);
                    let total = embedded
                        .fetch_add(pixels.min(u64::MAX / 2), Ordering::Relaxed)
                        .saturating_add(pixels);
                    if total > MAX_IMAGE_PIXELS {
                        note(format!(
                            "its embedded images have more than {} megapixels",
                            MAX_IMAGE_PIXELS / 1_000_000
                        ));
                        return None;
                    }
                }
                default_data(mime, data, opts)
            }),
            resolve_string: Box::new(|href, _| {
                note(format!("it draws another file (`{}`)", href.chars().take(60).collect::<String>()));
                None
            }),
        },
        fontdb,
        ..usvg::Options::default()
    };
    let tree = match usvg::Tree::from_data(bytes, &options) {
        Ok(tree) => tree,
        Err(error) => return Err(format!("it is not a valid SVG ({error})")),
    };
    if let Some(why) = problem.lock().ok().and_then(|mut p| p.take()) {
        return Err(why);
    }
    let size = tree.size();
    let sane = |v: f32| v.is_finite() && v.abs() < 1e6;
    if !(sane(size.width()) && sane(size.height()) && transforms_sane(tree.root())) {
        return Err("its size or view box is out of any sensible range".into());
    }
    Ok((tree, embedded.load(Ordering::Relaxed)))
}

/// Whether every element's transform (the view box's scale included) is within a range
/// that PDF numbers can express.
fn transforms_sane(group: &usvg::Group) -> bool {
    // Components may be near zero (a rotation by 90° has cos = 6e-17); what must stay in
    // range is each component's size and the area scale (the determinant).
    let sane = |t: usvg::Transform| {
        let det = f64::from(t.sx) * f64::from(t.sy) - f64::from(t.kx) * f64::from(t.ky);
        [t.sx, t.sy, t.kx, t.ky].into_iter().all(|v| v.is_finite() && v.abs() < 1e6)
            && (det == 0.0 || (1e-12..1e12).contains(&det.abs()))
            && t.tx.abs() < 1e9
            && t.ty.abs() < 1e9
    };
    sane(group.abs_transform())
        && group.children().iter().all(|node| match node {
            usvg::Node::Group(g) => transforms_sane(g),
            other => sane(other.abs_transform()),
        })
}

/// Re-checks and reads an image that the reader already validated (the file may have
/// changed since): it must still resolve inside `dir`.
pub(super) fn read_image(dir: &Path, relative: &str) -> Option<Vec<u8>> {
    let root = dir.canonicalize().ok()?;
    let real = root.join(relative).canonicalize().ok()?;
    if !real.starts_with(&root) {
        return None;
    }
    let metadata = std::fs::metadata(&real).ok()?;
    if !metadata.is_file() || metadata.len() > crate::read::images::MAX_IMAGE_BYTES {
        return None;
    }
    std::fs::read(real).ok()
}
