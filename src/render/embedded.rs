//! Templates and fonts compiled into the binary, so every machine renders the same PDF
//! without reading the disk. `tests/it/assets.rs` checks these tables against the folders.

use std::hash::Hash;
use std::sync::OnceLock;
use typst::foundations::Bytes;
use typst::text::Font;

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

/// The bundled fonts, parsed once per process and shared by every World.
pub struct FontSet {
    pub fonts: Vec<Font>,
}

/// The bundled fonts, parsed on first use.
pub fn font_set() -> &'static FontSet {
    static FONT_SET: OnceLock<FontSet> = OnceLock::new();
    FONT_SET.get_or_init(|| FontSet {
        fonts: FONTS.iter().flat_map(|(_, data)| Font::iter(Bytes::new(*data))).collect(),
    })
}

/// `value` after computing its lazily cached hash (a `LazyHash`, or a type built on one).
pub fn with_hash<T: Hash>(value: T) -> T {
    value.hash(&mut std::collections::hash_map::DefaultHasher::new());
    value
}
