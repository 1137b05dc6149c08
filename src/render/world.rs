//! The Typst `World` of one report: embedded templates and fonts, the report data as a
//! virtual JSON file, the document's checked images, and a fixed `today`. It serves
//! nothing else, so a template cannot read the disk or the clock.

use super::embedded::{TEMPLATES, with_hash};
use super::fonts::Fonts;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

pub const DATA_PATH: &str = "/data/report.json";
pub const PACK_PATH: &str = "/data/pack.json";
pub const MODEL_PATH: &str = "/data/roadmap.json";
pub const NUMBERS_PATH: &str = "/data/numbers.json";

/// A virtual path as a file id. Only called with our own constant-like paths.
pub fn file_id(path: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).ok()?).intern())
}

/// What every World's evaluation needs: built once per process.
struct Shared {
    library: LazyHash<Library>,
    sources: HashMap<FileId, Source>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        // The library and each template parsed as separate tasks on both cores. Each is
        // also hashed here: Typst keys its memoized work by these hashes, which it
        // computes once per process (about 2 ms for the templates and library), on the
        // report's critical path unless done now.
        let (library, sources) = rayon::join(
            || with_hash(LazyHash::new(Library::builder().build())),
            || {
                TEMPLATES
                    .par_iter()
                    .filter_map(|(path, text)| {
                        file_id(path).map(|id| (id, with_hash(Source::new(id, text.to_string()))))
                    })
                    .collect()
            },
        );
        Shared { library, sources }
    })
}

/// Builds the library and template sources, then the fonts, now rather than on first
/// use. Evaluating a template needs no fonts, so a caller that starts a report meanwhile
/// only waits for the first two, and the fonts are parsed while the template runs.
pub fn warm_up() {
    shared();
    super::fonts::bundled();
}

pub struct ReportWorld {
    main: FileId,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
    fonts: Arc<Fonts>,
}

impl ReportWorld {
    /// `main` is a template path such as `/report.typ`; `files` are virtual data files;
    /// `fonts` the bundled fonts, perhaps with fallbacks.
    pub fn new(main: FileId, files: HashMap<FileId, Bytes>, today: Datetime, fonts: Arc<Fonts>) -> Self {
        Self { main, files, today, fonts }
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.store.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        shared().sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        shared()
            .sources
            .get(&id)
            .map(|s| Bytes::from_string(s.text().to_string()))
            .ok_or_else(|| not_found(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.store.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_with_slash().into())
}

/// The virtual path of a file id, for messages.
pub fn path_of(id: FileId) -> String {
    id.get().vpath().get_with_slash().to_string()
}
