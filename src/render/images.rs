//! The page's images as Typst will draw them: read again from the document's folder (the
//! reader checked the path; the file may have changed since) and decoded once before
//! layout, so that one bad image is named instead of failing the whole report.

use std::path::Path;
use typst::foundations::Bytes;

/// Whether the image at `relative` in `dir` can be read and decoded, as Typst will when it
/// lays the image out (the decoding is memoized, so it is not done twice).
pub fn image_decodes(dir: &Path, relative: &str) -> bool {
    use typst::visualize::{ImageFormat, RasterImage, SvgImage, VectorFormat};
    let Some(bytes) = read_image(dir, relative) else { return false };
    let bytes = Bytes::new(bytes);
    match ImageFormat::detect(&bytes) {
        Some(ImageFormat::Raster(format)) => {
            pixels_within_limit(&bytes) && RasterImage::plain(bytes, format).is_ok()
        }
        Some(ImageFormat::Vector(VectorFormat::Svg)) => {
            !svg_refers_to_files(&bytes) && SvgImage::new(bytes).is_ok()
        }
        _ => false,
    }
}

/// Raster images with more pixels than this are refused: decoding allocates four bytes
/// a pixel, and a 74-byte PNG can claim 100000 × 100000 of them.
const MAX_IMAGE_PIXELS: u64 = 40_000_000;

/// Whether the image's header gives a size within [`MAX_IMAGE_PIXELS`].
fn pixels_within_limit(bytes: &[u8]) -> bool {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes)).with_guessed_format();
    match reader.ok().and_then(|r| r.into_dimensions().ok()) {
        Some((width, height)) => u64::from(width) * u64::from(height) <= MAX_IMAGE_PIXELS,
        None => false,
    }
}

/// Whether an SVG draws other files (`<image href="other.png">`). Typst would read them
/// through the World, which serves no such file, and the whole report would fail; only
/// embedded `data:` images are drawn.
fn svg_refers_to_files(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.match_indices("<image").any(|(at, _)| {
        let tag = &text[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let href = tag.find("href=").map(|i| tag[i + 5..].trim_start_matches(['"', '\'', ' ']));
        href.is_none_or(|h| !h.starts_with("data:"))
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
