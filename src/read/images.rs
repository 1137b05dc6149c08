//! Images referenced by a page. Only files inside the document's own folder may be read:
//! no absolute paths, no `..` out of it, no symlinks pointing elsewhere, nothing remote.

use crate::diag::{Diagnostic, Span};
use crate::model::{Block, Inline};
use std::path::{Component, Path, PathBuf};

/// Images larger than this are not embedded.
pub const MAX_IMAGE_BYTES: u64 = 20 * 1024 * 1024;

const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// Sets `path` on every image that resolves to a readable file inside `base_dir`, and
/// reports every image that does not. `text` is the page, for locating the reference.
pub fn resolve_images(
    blocks: &mut [Block],
    base_dir: Option<&Path>,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let root = base_dir.and_then(|b| b.canonicalize().ok());
    visit_blocks(blocks, &mut |url, path| {
        let span = text.find(url.as_str()).map(|start| Span::at(start, url.len()));
        match check(url, root.as_deref()) {
            Ok(resolved) => *path = Some(resolved),
            Err(problem) => {
                let mut d = *problem;
                if let Some(span) = span {
                    d = d.with_span(span);
                }
                diagnostics.push(d);
            }
        }
    });
}

/// The safe path of an image relative to the document folder, or why there is none.
fn check(url: &str, root: Option<&Path>) -> Result<String, Box<Diagnostic>> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("data:")
        || lower.starts_with("//")
    {
        return Err(Box::new(Diagnostic::note(crate::read::codes::asset::REMOTE_IMAGE, format!("the image `{}` is not on disk; boardpack works offline and shows its description instead", shorten(url)))
            .with_hint("download the image next to the page and link it with a relative path")));
    }
    let Some(root) = root else {
        return Err(Box::new(Diagnostic::warning(
            crate::read::codes::asset::NO_FOLDER,
            format!("the image `{}` cannot be read when the page comes from standard input", shorten(url)),
        )));
    };
    let relative = percent_decode(url.split(['?', '#']).next().unwrap_or(""));
    let candidate = Path::new(&relative);
    let escapes = candidate.is_absolute()
        || candidate
            .components()
            .any(|c| matches!(c, Component::ParentDir | Component::RootDir | Component::Prefix(_)));
    let outside = || {
        Box::new(
            Diagnostic::warning(
                crate::read::codes::asset::OUTSIDE_FOLDER,
                format!("the image `{}` is outside the document's folder and is not read", shorten(url)),
            )
            .with_hint("boardpack only reads images that sit in the page's own folder or below it"),
        )
    };
    if escapes {
        return Err(outside());
    }
    let full: PathBuf = root.join(candidate);
    let Ok(real) = full.canonicalize() else {
        return Err(Box::new(
            Diagnostic::warning(
                crate::read::codes::asset::MISSING_IMAGE,
                format!("the image `{}` does not exist", shorten(url)),
            )
            .with_hint(format!("looked for `{relative}` in the page's folder")),
        ));
    };
    if !real.starts_with(root) {
        return Err(outside());
    }
    let metadata = std::fs::metadata(&real).map_err(|_| outside())?;
    if !metadata.is_file() {
        return Err(Box::new(Diagnostic::warning(
            crate::read::codes::asset::MISSING_IMAGE,
            format!("`{}` is not an image file", shorten(url)),
        )));
    }
    let extension = real.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if !IMAGE_EXTENSIONS.contains(&extension.as_str()) {
        return Err(Box::new(Diagnostic::warning(
            crate::read::codes::asset::UNSUPPORTED_IMAGE,
            format!("the image `{}` is not PNG, JPEG, GIF, SVG or WebP", shorten(url)),
        )));
    }
    if metadata.len() > MAX_IMAGE_BYTES {
        return Err(Box::new(Diagnostic::warning(
            crate::read::codes::asset::IMAGE_TOO_LARGE,
            format!(
                "the image `{}` is larger than {} MiB and is not embedded",
                shorten(url),
                MAX_IMAGE_BYTES / 1024 / 1024
            ),
        )));
    }
    let inside = real.strip_prefix(root).map_err(|_| outside())?;
    Ok(inside.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
}

fn shorten(url: &str) -> String {
    if url.chars().count() > 80 {
        format!("{}…", url.chars().take(80).collect::<String>())
    } else {
        url.to_string()
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(value) = text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(value);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn visit_blocks(blocks: &mut [Block], f: &mut dyn FnMut(&String, &mut Option<String>)) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => visit_inlines(content, f),
            Block::List { items, .. } => {
                for item in items {
                    visit_blocks(&mut item.blocks, f);
                }
            }
            Block::Quote { blocks, .. } | Block::Footnote { blocks, .. } => visit_blocks(blocks, f),
            Block::Table { header, rows, .. } => {
                for cell in header.iter_mut().chain(rows.iter_mut().flatten()) {
                    visit_inlines(cell, f);
                }
            }
            Block::Code { .. } | Block::Diagram { .. } | Block::Rule { .. } | Block::Html { .. } => {}
        }
    }
}

fn visit_inlines(inlines: &mut [Inline], f: &mut dyn FnMut(&String, &mut Option<String>)) {
    for inline in inlines {
        match inline {
            Inline::Image { url, path, .. } => f(url, path),
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => visit_inlines(content, f),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_out_of_the_folder() {
        let root = std::env::temp_dir();
        for url in ["../../etc/passwd", "/etc/passwd", "a/../../x.png"] {
            let result = check(url, Some(&root));
            assert!(
                matches!(&result, Err(d) if d.code == crate::read::codes::asset::OUTSIDE_FOLDER),
                "{url}: {result:?}"
            );
        }
        assert!(
            matches!(check("https://x/y.png", Some(&root)), Err(d) if d.code == crate::read::codes::asset::REMOTE_IMAGE)
        );
        assert!(
            matches!(check("nope-boardpack.png", Some(&root)), Err(d) if d.code == crate::read::codes::asset::MISSING_IMAGE)
        );
    }
}
