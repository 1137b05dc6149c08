//! Templates and fonts compiled into the binary, so every machine renders the same PDF
//! without reading the disk. `tests/it/assets.rs` checks these tables against the folders.

use std::hash::Hash;
use std::sync::OnceLock;
use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};

/// (virtual path, source). Paths are absolute inside the template project.
pub static TEMPLATES: &[(&str, &str)] = &[
    ("/report.typ", include_str!("../../templates/report.typ")),
    ("/minutes.typ", include_str!("../../templates/minutes.typ")),
    ("/pack.typ", include_str!("../../templates/pack.typ")),
    ("/pack-numbers.typ", include_str!("../../templates/pack-numbers.typ")),
    ("/lib/report-body.typ", include_str!("../../templates/lib/report-body.typ")),
    ("/lib/theme.typ", include_str!("../../templates/lib/theme.typ")),
    ("/lib/richtext.typ", include_str!("../../templates/lib/richtext.typ")),
    ("/lib/page.typ", include_str!("../../templates/lib/page.typ")),
    ("/lib/timeline.typ", include_str!("../../templates/lib/timeline.typ")),
    ("/lib/tracks.typ", include_str!("../../templates/lib/tracks.typ")),
    ("/lib/quarter.typ", include_str!("../../templates/lib/quarter.typ")),
    ("/lib/changes.typ", include_str!("../../templates/lib/changes.typ")),
];

/// (file name, bytes).
pub static FONTS: &[(&str, &[u8])] = &[
    ("Inter-Regular.otf", include_bytes!("../../fonts/Inter-Regular.otf")),
    ("Inter-Italic.otf", include_bytes!("../../fonts/Inter-Italic.otf")),
    ("Inter-SemiBold.otf", include_bytes!("../../fonts/Inter-SemiBold.otf")),
    ("Inter-SemiBoldItalic.otf", include_bytes!("../../fonts/Inter-SemiBoldItalic.otf")),
    ("Inter-Bold.otf", include_bytes!("../../fonts/Inter-Bold.otf")),
    ("Inter-BoldItalic.otf", include_bytes!("../../fonts/Inter-BoldItalic.otf")),
    ("JetBrainsMono-Regular.ttf", include_bytes!("../../fonts/JetBrainsMono-Regular.ttf")),
    ("JetBrainsMono-Bold.ttf", include_bytes!("../../fonts/JetBrainsMono-Bold.ttf")),
    ("NotoEmoji.ttf", include_bytes!("../../fonts/NotoEmoji.ttf")),
    ("NotoSansSymbols.ttf", include_bytes!("../../fonts/NotoSansSymbols.ttf")),
    ("DejaVuSans.ttf", include_bytes!("../../fonts/DejaVuSans.ttf")),
];

/// What Typst's font book needs of every bundled face (family, variant, coverage), stored
/// in `fonts/infos.json` rather than read from the files: computing a face's coverage
/// costs more than laying out a page of text, and a report draws with four or five of the
/// eleven faces. A unit test checks the file against the fonts (and rewrites it when run
/// with `BOARDPACK_WRITE_FONT_INFOS=1`).
static STORED_INFOS: &str = include_str!("../../fonts/infos.json");

/// One face of a bundled font file, as stored in `fonts/infos.json`.
#[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
struct StoredFace {
    file: String,
    index: u32,
    info: FontInfo,
}

/// A bundled face: its book entry now, the parsed font on first use.
pub struct BundledFace {
    pub file: &'static str,
    pub info: FontInfo,
    pub data: &'static [u8],
    pub index: u32,
    font: OnceLock<Option<Font>>,
}

impl BundledFace {
    /// The parsed face, shared by every World of the process.
    pub fn font(&self) -> Option<Font> {
        self.font.get_or_init(|| Font::new(Bytes::new(self.data), self.index)).clone()
    }
}

/// The bundled faces, in the order of [`FONTS`].
pub fn faces() -> &'static [BundledFace] {
    static FACES: OnceLock<Vec<BundledFace>> = OnceLock::new();
    FACES.get_or_init(|| stored_faces().unwrap_or_else(computed_faces))
}

/// The bundled face stored in `file` (its first, for a collection).
pub fn face(file: &str) -> Option<&'static BundledFace> {
    faces().iter().find(|f| f.file == file)
}

/// The faces from `fonts/infos.json`, if it names exactly the files of [`FONTS`] in order.
fn stored_faces() -> Option<Vec<BundledFace>> {
    let stored: Vec<StoredFace> = serde_json::from_str(STORED_INFOS).ok()?;
    let mut faces = Vec::with_capacity(stored.len());
    for face in stored {
        let (file, data) = FONTS.iter().find(|(file, _)| *file == face.file)?;
        faces.push(BundledFace { file, info: face.info, data, index: face.index, font: OnceLock::new() });
    }
    // A collection stores a face per index under one file name.
    let mut files: Vec<&str> = faces.iter().map(|f| f.file).collect();
    files.dedup();
    let expected: Vec<&str> = FONTS.iter().map(|(file, _)| *file).collect();
    (files == expected).then_some(faces)
}

/// The faces read from the font files themselves (what `fonts/infos.json` stores).
fn computed_faces() -> Vec<BundledFace> {
    FONTS
        .iter()
        .flat_map(|(file, data)| {
            Font::iter(Bytes::new(*data)).map(move |font| BundledFace {
                file,
                info: font.info().clone(),
                data,
                index: font.index(),
                font: OnceLock::from(Some(font)),
            })
        })
        .collect()
}

/// `value` after computing its lazily cached hash (a `LazyHash`, or a type built on one).
pub fn with_hash<T: Hash>(value: T) -> T {
    value.hash(&mut std::collections::hash_map::DefaultHasher::new());
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored_from_fonts() -> Vec<StoredFace> {
        computed_faces()
            .into_iter()
            .map(|face| StoredFace { file: face.file.to_string(), index: face.index, info: face.info })
            .collect()
    }

    #[test]
    fn the_stored_font_infos_are_those_of_the_bundled_fonts() {
        let computed = stored_from_fonts();
        if std::env::var_os("BOARDPACK_WRITE_FONT_INFOS").is_some() {
            let json = serde_json::to_string(&computed).unwrap_or_else(|e| panic!("{e}"));
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/infos.json");
            std::fs::write(path, json + "\n").unwrap_or_else(|e| panic!("{e}"));
            return;
        }
        let stored: Vec<StoredFace> = serde_json::from_str(STORED_INFOS).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            stored, computed,
            "fonts/infos.json is out of date: run `BOARDPACK_WRITE_FONT_INFOS=1 cargo test --lib stored_font_infos`"
        );
        // And the process uses the stored ones.
        assert!(stored_faces().is_some());
        assert_eq!(faces().len(), computed.len());
    }

    #[test]
    fn a_stored_face_parses_to_the_font_it_describes() {
        for face in faces() {
            let font = face.font().unwrap_or_else(|| panic!("{} does not parse", face.file));
            assert_eq!(font.info(), &face.info, "{}", face.file);
        }
    }
}
