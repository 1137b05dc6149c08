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

/// Typst's standard library, built once per process.
fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| with_hash(LazyHash::new(Library::builder().build())))
}

/// The templates, shared by every World of the process.
struct Shared {
    /// Each template, parsed (and hashed) the first time it is needed: parsing all of them
    /// costs more than a page of layout, and a report needs only some.
    sources: HashMap<FileId, (&'static str, OnceLock<Source>)>,
}

impl Shared {
    fn source(&self, id: FileId) -> Option<Source> {
        let (text, source) = self.sources.get(&id)?;
        // Hashed now: Typst keys its memoized work by this hash, which it computes once
        // per process.
        Some(source.get_or_init(|| with_hash(Source::new(id, without_comment_lines(text)))).clone())
    }
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| Shared {
        sources: TEMPLATES
            .iter()
            .filter_map(|(path, text)| Some((file_id(path)?, (*text, OnceLock::new()))))
            .collect(),
    })
}

/// `text` with its whole-line comments emptied (the line stays, so that a template error
/// keeps its line number): Typst parses and hashes every comment, and a fifth of the
/// templates' text is comments (0.5 % of the seed's instructions). A template has no
/// multi-line string, where a line could start with `//`.
pub fn without_comment_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with("//") {
            out.push_str(if line.ends_with('\n') { "\n" } else { "" });
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The templates `main` always needs: itself and what it imports at the top of a file
/// (`#import "…"` lines, which name files relative to the importing one), directly or
/// not. An `import` inside a function (the quarter's lists, the changes) is parsed when a
/// report first reaches it.
pub fn templates_of(main: &str) -> Vec<&'static str> {
    let mut needed: Vec<&'static str> = Vec::new();
    let mut pending = vec![main.to_string()];
    while let Some(path) = pending.pop() {
        let Some((known, text)) = TEMPLATES.iter().find(|(p, _)| *p == path) else { continue };
        if needed.contains(known) {
            continue;
        }
        needed.push(known);
        let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
        for line in text.lines() {
            if let Some(rest) = line.trim_start().strip_prefix("#import \"")
                && let Some(end) = rest.find('"')
            {
                pending.push(format!("{dir}{}", &rest[..end]));
            }
        }
    }
    needed
}

/// Builds the library, parses the templates `main` needs (on both cores) and loads the
/// fonts, now rather than on first use. Evaluating a template needs no fonts, so a caller
/// that starts a report meanwhile only waits for the first two, and the fonts are parsed
/// while the template runs.
pub fn warm_up(main: &str) {
    let shared = shared();
    rayon::join(library, || {
        templates_of(main).par_iter().for_each(|path| {
            if let Some(id) = file_id(path) {
                let _ = shared.source(id);
            }
        })
    });
    super::fonts::bundled();
    super::fonts::preload_text_faces();
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
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.store.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        shared().source(id).ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        shared()
            .sources
            .get(&id)
            .map(|(text, _)| Bytes::from_string(text.to_string()))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Imported inside a function, where a report has them.
    const CONDITIONAL: [&str; 2] = ["/lib/changes.typ", "/lib/quarter.typ"];

    #[test]
    fn a_template_needs_itself_and_what_it_imports() {
        let mut report = templates_of("/report.typ");
        report.sort_unstable();
        let mut expected: Vec<&str> = TEMPLATES
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| (*p == "/report.typ" || p.starts_with("/lib/")) && !CONDITIONAL.contains(p))
            .collect();
        expected.sort_unstable();
        assert_eq!(report, expected);

        let mut minutes = templates_of("/minutes.typ");
        minutes.sort_unstable();
        assert_eq!(
            minutes,
            ["/lib/page.typ", "/lib/richtext.typ", "/lib/theme.typ", "/lib/timeline.typ", "/minutes.typ"]
        );
        assert!(templates_of("/nowhere.typ").is_empty());
    }

    #[test]
    fn comment_lines_are_emptied_and_keep_their_place() {
        let text = "#let a = 1\n  // why\n#let b = \"x // y\" // z\n// last";
        assert_eq!(without_comment_lines(text), "#let a = 1\n\n#let b = \"x // y\" // z\n");
        for (path, text) in TEMPLATES {
            assert_eq!(without_comment_lines(text).lines().count(), text.lines().count(), "{path}");
            // No template has a multi-line string, in which a line could start with `//`.
            assert!(!text.lines().any(|l| l.matches('"').count() % 2 == 1), "{path} has a multi-line string");
        }
    }

    #[test]
    fn every_template_parses_on_demand_and_once() {
        for (path, _) in TEMPLATES {
            let id = file_id(path).unwrap_or_else(|| panic!("{path}"));
            let first = shared().source(id).unwrap_or_else(|| panic!("{path}"));
            let again = shared().source(id).unwrap_or_else(|| panic!("{path}"));
            assert!(!first.root().diagnosis().errors, "{path} has syntax errors");
            assert_eq!(first.id(), again.id());
        }
    }
}
