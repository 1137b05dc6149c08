//! The last stage: one document to one PDF ([`export`]), documents x quarters to PDFs and
//! board packs ([`batch`]), on one worker pool ([`pool`]), every file written safely
//! ([`output`]).

pub mod batch;
pub mod codes;
pub mod export;
pub mod output;
pub mod pool;

use crate::date::Date;
use crate::locale::Lang;
use crate::model::Roadmap;
use crate::quarter::Quarter;
use crate::read::baseline::{BaselineError, BaselineSpec};
use crate::read::{Document, ReadOptions};
use crate::view::{ReportOptions, Template};

/// The report's shape as the command line asked for it, resolved and checked before any
/// document is read.
#[derive(Clone, Debug)]
pub struct ReportConfig {
    /// `--lang`; without it each document's own language.
    pub lang: Option<Lang>,
    pub template: Template,
    pub meeting_date: Option<Date>,
    pub strict: bool,
    /// `--pdf-standard`: what every report is to claim.
    pub conformance: crate::render::Conformance,
}

impl ReportConfig {
    /// The options for one document (the language may depend on the document).
    pub fn options_for(&self, roadmap: &Roadmap, quarter: Option<Quarter>) -> ReportOptions {
        ReportOptions {
            lang: crate::view::choose_lang(self.lang, roadmap),
            template: self.template,
            quarter,
            meeting_date: self.meeting_date,
            conformance: self.conformance,
        }
    }
}

/// Reads the baseline of `page` (the path `document` was read from) and sets the page's
/// `changes`. Returns the baseline as read, whose diagnostics are its own.
pub fn with_baseline(
    document: &mut Document,
    page: &std::path::Path,
    spec: &BaselineSpec,
    read: &ReadOptions,
) -> Result<Document, BaselineError> {
    let (baseline, about) = crate::read::baseline::load(page, spec, read)?;
    document.roadmap.changes = Some(crate::compare::compare(&baseline.roadmap, &document.roadmap, about));
    Ok(baseline)
}
