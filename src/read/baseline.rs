//! The earlier version of a page that `--baseline` and `--since` name, read through the
//! same pipeline as the page itself, with its own as-of date.

use super::{Document, ReadOptions, git, read_bytes};
use crate::date::Date;
use crate::model::Baseline;
use std::path::{Path, PathBuf};

/// Which earlier version to compare with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaselineSpec {
    /// An earlier copy of the page.
    File(PathBuf),
    /// A git revision of the page's own file.
    Revision(String),
    /// The version current on that date in the file's git history.
    Since(Date),
}

/// Why the baseline could not be read (exit code 3).
#[derive(Debug)]
pub struct BaselineError(pub String);

impl std::fmt::Display for BaselineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "baseline: {}", self.0)
    }
}

/// Reads the baseline of `page` (the path the page was read from). Its diagnostics are in
/// the returned document, under the name the baseline is shown by (`REV:path` for a
/// revision), and its statuses are as of its own date.
pub fn load(
    page: &Path,
    spec: &BaselineSpec,
    options: &ReadOptions,
) -> Result<(Document, Baseline), BaselineError> {
    let (bytes, shown, commit, date) = match spec {
        BaselineSpec::File(file) => {
            let bytes = super::read_file_bytes(file)
                .map_err(|error| BaselineError(format!("{}: {error}", file.display())))?;
            (bytes, file.display().to_string(), None, None)
        }
        BaselineSpec::Revision(revision) => {
            let version = revision_of(page, |file| git::at_revision(file, revision))?;
            (version.bytes, format!("{revision}:{}", version.path), Some(version.commit), version.date)
        }
        BaselineSpec::Since(day) => {
            let version = revision_of(page, |file| git::on_date(file, *day))?;
            let short: String = version.commit.chars().take(12).collect();
            (version.bytes, format!("{short}:{}", version.path), Some(version.commit), Some(*day))
        }
    };
    // Images are not drawn from a baseline: no folder to read them from. A copy's own date
    // is in its front matter; a revision's is its commit's (or --since's).
    let document = match date {
        Some(day) => read_bytes(&bytes, &shown, None, &ReadOptions { today: day, ..options.clone() }),
        None => super::read_bytes_as_of_own_date(&bytes, &shown, options),
    };
    let date = date.or(document.roadmap.meta.date);
    let about = Baseline { source: shown, commit, date, title: document.roadmap.title.clone() };
    Ok((document, about))
}

fn revision_of(
    page: &Path,
    read: impl FnOnce(&Path) -> Result<git::Version, git::GitError>,
) -> Result<git::Version, BaselineError> {
    if page == Path::new("-") {
        return Err(BaselineError(
            "a page read from standard input has no git history; give --baseline FILE".into(),
        ));
    }
    read(page).map_err(|error| BaselineError(error.0))
}
