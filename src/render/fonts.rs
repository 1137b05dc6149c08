//! Which fonts a report is laid out with. The bundled fonts draw every report they can, so
//! output is the same on every machine. Only when a report has characters none of them
//! can draw (Chinese, Japanese, Korean, other scripts) is it laid out again with fallback
//! fonts added after the bundled ones: from `--font-path` folders first, then the system's
//! fonts, as Typst's own CLI finds them. A family the bundled fonts already have is never
//! taken from elsewhere, and fallback fonts are taken in a fixed order (by file path), so
//! reports stay identical on one machine.

use super::embedded::{BundledFace, faces, with_hash};

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use typst::text::{Font, FontInfo};
use typst_kit::fonts::{FontPath, FontSource, FontStore};

/// Where fallback fonts may come from, set once per process before the first report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FontSources {
    /// Folders searched (recursively) for fonts, before the system's.
    pub paths: Vec<PathBuf>,
    /// Whether the system's fonts may serve as a fallback.
    pub system: bool,
}

static SOURCES: OnceLock<FontSources> = OnceLock::new();

/// Sets where fallback fonts come from. Call before the first report; later calls have
/// no effect. Without a call, the system's fonts are used and no folder.
pub fn set_sources(sources: FontSources) {
    let _ = SOURCES.set(sources);
}

fn sources() -> &'static FontSources {
    SOURCES.get_or_init(|| FontSources { paths: Vec::new(), system: true })
}

/// A set of fonts a World serves: the bundled ones, and possibly fallback faces after
/// them.
pub struct Fonts {
    pub store: FontStore,
    /// The fallback families in it, with the file each came from, for the report's note.
    pub fallbacks: Vec<(String, PathBuf)>,
}

impl Fonts {
    /// Whether any of these fonts has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        let book = self.store.book();
        (0..).map_while(|i| book.info(i)).any(|info| covers(info, c))
    }
}

/// The bundled fonts alone.
pub fn bundled() -> Arc<Fonts> {
    static BUNDLED: OnceLock<Arc<Fonts>> = OnceLock::new();
    BUNDLED
        .get_or_init(|| {
            let mut store = FontStore::new();
            push_bundled(&mut store);
            let store = store_with_book_hashed(store);
            Arc::new(Fonts { store, fallbacks: Vec::new() })
        })
        .clone()
}

/// A bundled face in a store: parsed the first time a report draws with it, once per
/// process for every store.
struct Bundled(&'static BundledFace);

impl FontSource for Bundled {
    fn load(&self) -> Option<Font> {
        self.0.font()
    }
}

fn push_bundled(store: &mut FontStore) {
    for face in faces() {
        store.push((Bundled(face), face.info.clone()));
    }
}

/// Parses the faces every report draws with (the templates' regular, semibold and italic)
/// and computes their hashes, off the report's critical path.
pub fn preload_text_faces() {
    for face in TEXT_FACES.iter().filter_map(|file| super::embedded::face(file)) {
        let _ = face.font().map(with_hash);
    }
}

const TEXT_FACES: [&str; 3] = ["Inter-Regular.otf", "Inter-SemiBold.otf", "Inter-Italic.otf"];

/// Computes the book's lazily cached hash now, off the report's critical path.
fn store_with_book_hashed(store: FontStore) -> FontStore {
    let _ = with_hash(store.book());
    store
}

/// A fallback face found on this machine.
struct Candidate {
    path: PathBuf,
    index: u32,
    info: FontInfo,
}

/// Every face the sources offer whose family is not bundled, in a fixed order: folders
/// from `--font-path` in the order given, then the system's; within each, by path and
/// index. Scanned once per process, the first time a report needs it.
fn candidates() -> &'static [Candidate] {
    static CANDIDATES: OnceLock<Vec<Candidate>> = OnceLock::new();
    CANDIDATES.get_or_init(|| {
        let bundled: HashSet<String> = faces().iter().map(|f| f.info.family.to_lowercase()).collect();
        let sources = sources();
        let mut groups: Vec<Vec<(FontPath, FontInfo)>> =
            sources.paths.iter().map(|p| typst_kit::fonts::scan(p).collect()).collect();
        if sources.system {
            groups.push(typst_kit::fonts::system().collect());
        }
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for mut group in groups {
            group.sort_by(|a, b| (&a.0.path, a.0.index).cmp(&(&b.0.path, b.0.index)));
            for (path, info) in group {
                if bundled.contains(&info.family.to_lowercase())
                    || !seen.insert((path.path.clone(), path.index))
                {
                    continue;
                }
                out.push(Candidate { path: path.path, index: path.index, info });
            }
        }
        out
    })
}

/// The fonts to lay a report out with when the bundled fonts cannot draw `missing`: the
/// bundled fonts followed by every face of each fallback family needed, the first family
/// (in [`candidates`] order) that has a character being the one chosen for it. `None`
/// when no fallback font has any of them.
pub fn with_fallbacks_for(missing: &[char]) -> Option<Arc<Fonts>> {
    let candidates = candidates();
    let mut chosen_names: Vec<String> = Vec::new();
    let family = |f: &Candidate| f.info.family.to_lowercase();
    for &c in missing {
        let covered = candidates.iter().any(|f| covers(&f.info, c) && chosen_names.contains(&family(f)));
        if covered {
            continue;
        }
        if let Some(f) = candidates.iter().find(|f| covers(&f.info, c)) {
            chosen_names.push(family(f));
        }
    }
    if chosen_names.is_empty() {
        return None;
    }
    chosen_names.sort();
    static CACHE: OnceLock<Mutex<HashMap<Vec<String>, Arc<Fonts>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(fonts) = cache.lock().ok().and_then(|c| c.get(&chosen_names).cloned()) {
        return Some(fonts);
    }
    let mut store = FontStore::new();
    push_bundled(&mut store);
    let mut fallbacks = Vec::new();
    for candidate in candidates.iter().filter(|f| chosen_names.contains(&f.info.family.to_lowercase())) {
        if !fallbacks.iter().any(|(family, _): &(String, PathBuf)| *family == candidate.info.family) {
            fallbacks.push((candidate.info.family.clone(), candidate.path.clone()));
        }
        store.push((
            FontPath { path: candidate.path.clone(), index: candidate.index },
            candidate.info.clone(),
        ));
    }
    let fonts = Arc::new(Fonts { store: store_with_book_hashed(store), fallbacks });
    if let Ok(mut c) = cache.lock() {
        c.insert(chosen_names, fonts.clone());
    }
    Some(fonts)
}

/// The characters of `text` that no bundled font has, each once: a drawn diagram's text
/// is drawn inside its SVG, where the laid-out pages cannot say which glyphs are missing.
pub fn not_bundled(text: &str) -> Vec<char> {
    let bundled = bundled();
    let mut missing: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && !c.is_ascii())
        .filter(|&c| !bundled.covers(c))
        .collect();
    missing.sort_unstable();
    missing.dedup();
    missing
}

fn covers(info: &FontInfo, c: char) -> bool {
    info.coverage.contains(c as u32)
}
