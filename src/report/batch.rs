//! Documents x quarters: every document's report per quarter in parallel, one board pack
//! per quarter, and a manifest of what was written. A bad document never stops the batch.

use super::ReportConfig;
use super::{export, output};
use crate::diag::Severity;
use crate::quarter::Quarter;
use crate::read::discover::Found;
use crate::read::{Document, ReadOptions};
use crate::render;
use crate::view::pack::PackEntry;
use crate::view::{self, Template};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub struct BatchConfig {
    /// `--baseline REV` / `--since DATE`: each page compared with its own earlier version.
    pub baseline: Option<crate::read::baseline::BaselineSpec>,
    /// Every page and file the user named or that was found: no output may replace one.
    pub inputs: Vec<PathBuf>,
    pub read: ReadOptions,
    pub report: ReportConfig,
    /// `None`: one full report per document.
    pub quarters: Option<Vec<Quarter>>,
    pub out_dir: PathBuf,
    /// Documents rendered at once.
    pub jobs: usize,
}

/// What happened, document by document; serialized as `manifest.json`.
#[derive(Debug, Serialize)]
pub struct Manifest {
    pub boardpack: &'static str,
    pub today: String,
    pub template: Template,
    pub quarters: Vec<String>,
    pub documents: Vec<DocumentResult>,
    pub packs: Vec<Written>,
    pub summary: Summary,
}

#[derive(Debug, Serialize)]
pub struct DocumentResult {
    pub input: String,
    /// `ok`, `skipped` or `failed`.
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub errors: usize,
    pub warnings: usize,
    pub outputs: Vec<Written>,
    /// Quarters without activity for this document (no PDF written).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quiet_quarters: Vec<String>,
    /// With `--baseline` / `--since`: the changes' summary (as in the model).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<crate::model::ChangeSummary>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Written {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quarter: Option<String>,
    pub path: String,
    pub pages: usize,
    pub bytes: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub written: usize,
    pub skipped: usize,
    pub failed: usize,
    pub warnings: usize,
    pub errors: usize,
}

/// Progress reporting, so the command can drive a progress bar and print diagnostics.
pub trait Progress: Sync {
    fn start(&self, total: usize);
    /// A document was read; `diagnostics` are the ones to show (all of them after
    /// reading, only the new ones after rendering).
    fn read(&self, document: &Document, diagnostics: &[crate::diag::Diagnostic]);
    fn step(&self, message: &str);
    fn problem(&self, message: &str);
}

/// Why a document could not be read.
enum ReadFailure {
    Read(crate::read::ReadError),
    Panicked(String),
}

/// The board packs' file name, before the quarter.
const PACK_NAME: &str = "board-pack";

/// One PDF to make: a document (index into the read documents) and an optional quarter.
struct Job {
    doc: usize,
    quarter: Option<Quarter>,
    path: PathBuf,
}

pub fn run(pages: &[Found], config: &BatchConfig, progress: &dyn Progress) -> Manifest {
    let mut results: Vec<DocumentResult> = pages
        .iter()
        .map(|p| DocumentResult {
            input: p.path.display().to_string(),
            status: "ok",
            reason: None,
            errors: 0,
            warnings: 0,
            outputs: Vec::new(),
            quiet_quarters: Vec::new(),
            changes: None,
        })
        .collect();
    // A read error is the document's (a FIFO or device found in a folder is passed over);
    // the outer one a panic while reading.
    let read: Vec<Option<Document>> =
        in_parallel(pages, config.jobs, |p| Ok(read_with_baseline(&p.path, config, progress)))
            .into_iter()
            .zip(results.iter_mut())
            .zip(pages)
            .map(|((outcome, result), page)| {
                match outcome.map_err(ReadFailure::Panicked).and_then(|r| r.map_err(ReadFailure::Read)) {
                    Err(failure) => {
                        let skipped = matches!(failure, ReadFailure::Read(crate::read::ReadError::NotAFile))
                            && !page.explicit;
                        let error = match failure {
                            ReadFailure::Read(e) => e.to_string(),
                            ReadFailure::Panicked(e) => e,
                        };
                        result.status = if skipped { "skipped" } else { "failed" };
                        result.reason = Some(error.clone());
                        progress.problem(&format!("{}: {error}", page.path.display()));
                        None
                    }
                    Ok(document) => {
                        progress.read(&document, &document.roadmap.diagnostics);
                        result.errors = count(&document, Severity::Error);
                        result.warnings = count(&document, Severity::Warning);
                        result.changes = document.roadmap.changes.as_ref().map(|c| c.summary.clone());
                        let has_gantt = document.roadmap.diagrams.iter().any(|d| d.gantt.is_some());
                        if !has_gantt && !page.explicit {
                            result.status = "skipped";
                            result.reason = Some("no gantt chart".into());
                            return None;
                        }
                        if config.report.strict && (result.errors + result.warnings) > 0 {
                            result.status = "failed";
                            result.reason = Some("problems in the document (--strict)".into());
                            return None;
                        }
                        Some(document)
                    }
                }
            })
            .collect();

    let names = output_names(&read);
    let quarters = config.quarters.clone();
    let mut jobs = Vec::new();
    let lang = batch_lang(config, read.iter().flatten());
    for (i, document) in read.iter().enumerate() {
        let (Some(document), Some(name)) = (document, &names[i]) else { continue };
        match &quarters {
            None => {
                jobs.push(Job { doc: i, quarter: None, path: config.out_dir.join(format!("{name}.pdf")) })
            }
            Some(list) => {
                for &q in list {
                    if view::quarter::build(&document.roadmap, q, lang).empty {
                        results[i].quiet_quarters.push(q.to_string());
                        continue;
                    }
                    jobs.push(Job {
                        doc: i,
                        quarter: Some(q),
                        path: config.out_dir.join(format!("{name}_{q}.pdf")),
                    });
                }
            }
        }
    }
    progress.start(jobs.len());
    // One quarter at a time: its reports in parallel, then its pack from their pages, so
    // that only one quarter's laid-out reports are held at once.
    let groups: Vec<Option<Quarter>> = match &quarters {
        Some(list) => list.iter().copied().map(Some).collect(),
        None => vec![None],
    };
    let mut packs = Vec::new();
    for group in groups {
        let group_jobs: Vec<&Job> = jobs.iter().filter(|j| j.quarter == group).collect();
        let outcomes = in_parallel(&group_jobs, config.jobs, |job| {
            let outcome = match &read[job.doc] {
                Some(document) => make_one(document, job, config, lang, progress),
                None => Err("not read".to_string()),
            };
            render::evict_cache();
            progress.step(&job.path.display().to_string());
            outcome
        });
        for (job, outcome) in group_jobs.iter().zip(&outcomes) {
            if let Err(error) = outcome {
                progress.problem(&format!("{}: {error}", pages[job.doc].path.display()));
            }
        }
        let mut members = Vec::new();
        for (job, outcome) in group_jobs.iter().zip(outcomes) {
            let result = &mut results[job.doc];
            match outcome {
                Ok((written, laid_out)) => {
                    if let Some(document) = &read[job.doc] {
                        members.push((document, written.pages, laid_out));
                    }
                    result.outputs.push(written);
                }
                Err(error) => {
                    result.status = "failed";
                    result.reason = Some(error);
                }
            }
        }
        if !members.is_empty() {
            let name = match group {
                Some(q) => format!("{PACK_NAME}_{q}.pdf"),
                None => format!("{PACK_NAME}.pdf"),
            };
            let path = config.out_dir.join(name);
            match make_pack(&members, group, config, lang, &path) {
                Ok(written) => packs.push(written),
                Err(error) => progress.problem(&format!("{}: {error}", path.display())),
            }
        }
        render::evict_cache();
    }
    for (result, document) in results.iter_mut().zip(&read) {
        if document.is_some() && result.status == "ok" && result.outputs.is_empty() {
            result.status = "skipped";
            result.reason = Some("no activity in the quarters asked for".into());
        }
    }

    let mut summary = Summary::default();
    for result in &results {
        summary.written += result.outputs.len();
        summary.warnings += result.warnings;
        summary.errors += result.errors;
        match result.status {
            "skipped" => summary.skipped += 1,
            "failed" => summary.failed += 1,
            _ => {}
        }
    }
    summary.written += packs.len();
    Manifest {
        boardpack: env!("CARGO_PKG_VERSION"),
        today: config.read.today.to_string(),
        template: config.report.template,
        quarters: quarters.unwrap_or_default().iter().map(Quarter::to_string).collect(),
        documents: results,
        packs,
        summary,
    }
}

/// `work` over `items` on the worker pool, one result per item in input order; a panic is
/// its item's failure.
fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> Result<R, String> + Sync,
) -> Vec<Result<R, String>> {
    super::pool::map(items, jobs, work)
        .into_iter()
        .map(|outcome| outcome.unwrap_or_else(|panicked| Err(panicked.to_string())))
        .collect()
}

/// Reads a page and, with a baseline, compares it. A page without a baseline (new since
/// then, not in the repository) is still exported, without changes, and said so.
fn read_with_baseline(
    path: &Path,
    config: &BatchConfig,
    progress: &dyn Progress,
) -> Result<Document, crate::read::ReadError> {
    let mut document = crate::read::read_path(path, &config.read)?;
    if let Some(spec) = &config.baseline {
        match super::with_baseline(&mut document, path, spec, &config.read) {
            Ok(baseline) => {
                // What the page itself says again is not repeated for its baseline.
                let current = &document.roadmap.diagnostics;
                let own: Vec<_> = baseline
                    .roadmap
                    .diagnostics
                    .iter()
                    .filter(|d| !current.iter().any(|c| c.code == d.code && c.message == d.message))
                    .cloned()
                    .collect();
                progress.read(&baseline, &own);
            }
            Err(error) => progress.problem(&format!("{}: {error}; exported without changes", path.display())),
        }
    }
    Ok(document)
}

fn inputs(config: &BatchConfig) -> Vec<&Path> {
    config.inputs.iter().map(PathBuf::as_path).collect()
}

fn count(document: &Document, severity: Severity) -> usize {
    document.roadmap.diagnostics.iter().filter(|d| d.severity == severity).count()
}

/// A file name per document: its front-matter `slug`, else its file stem; clashes get
/// `-2`, `-3`, ... in input order, so names are stable across runs.
fn output_names(documents: &[Option<Document>]) -> Vec<Option<String>> {
    // The packs' name is reserved: a document slugged `board-pack` becomes `board-pack-2`.
    let mut taken = BTreeSet::from([PACK_NAME.to_string()]);
    documents
        .iter()
        .map(|d| {
            let d = d.as_ref()?;
            let base = d
                .roadmap
                .meta
                .slug
                .as_deref()
                .map(crate::read::file_stem)
                .unwrap_or_else(|| d.roadmap.source.stem.clone());
            let mut name = base.clone();
            let mut n = 2;
            while !taken.insert(name.to_lowercase()) {
                name = format!("{base}-{n}");
                n += 1;
            }
            Some(name)
        })
        .collect()
}

fn make_one(
    document: &Document,
    job: &Job,
    config: &BatchConfig,
    lang: crate::locale::Lang,
    progress: &dyn Progress,
) -> Result<(Written, render::Pages), String> {
    output::check_target(&job.path, &inputs(config)).map_err(|e| e.to_string())?;
    let options =
        crate::view::ReportOptions { lang, ..config.report.options_for(&document.roadmap, job.quarter) };
    let (exported, laid_out) = export::export_laid_out(document, &options).map_err(|e| e.to_string())?;
    output::write_atomic(&job.path, &exported.pdf).map_err(|e| e.to_string())?;
    // Rendering may find more (characters without a glyph): show those, once per document.
    let found = exported.found();
    if !found.is_empty() && job.quarter == config.quarters.as_ref().and_then(|q| q.first().copied()) {
        progress.read(document, &found);
    }
    let written = Written {
        quarter: job.quarter.map(|q| q.to_string()),
        path: job.path.display().to_string(),
        pages: exported.pages,
        bytes: exported.pdf.len(),
        documents: Vec::new(),
    };
    // Only the pages are kept for the board pack: a whole quarter of reports is held
    // until the pack is written, so the rest of each laid-out document goes now.
    Ok((written, render::Pages::of(laid_out)))
}

/// What a board pack claims: its pages are the reports' pages laid out once, without
/// their structure tree, so it is never tagged and claims the archival part of the
/// chosen standards, PDF/A-2b in place of PDF/A-2a (and nothing when text has no glyph).
fn pack_claims(config: &BatchConfig, combined: &render::LaidOut) -> render::Conformance {
    if render::readback::missing_glyphs(combined).is_empty() {
        config.report.conformance.without_tag_requirements()
    } else {
        render::Conformance::NONE
    }
}

/// A board pack: a cover with the contents, then the pages of every member's report.
fn make_pack(
    members: &[(&Document, usize, render::Pages)],
    quarter: Option<Quarter>,
    config: &BatchConfig,
    lang: crate::locale::Lang,
    path: &Path,
) -> Result<Written, String> {
    output::check_target(path, &inputs(config)).map_err(|e| e.to_string())?;
    let entries: Vec<PackEntry> =
        members.iter().map(|(d, pages, _)| PackEntry::of(&d.roadmap, *pages, lang)).collect();
    let mut pack = view::pack::build(entries, quarter, lang, config.read.today);
    // The contents list page numbers that depend on the cover's own length.
    let draft = render::compile_cover(&pack).map_err(|e| e.to_string())?;
    view::pack::number_pages(&mut pack.entries, render::readback::page_count(&draft));
    let cover = render::compile_cover(&pack).map_err(|e| e.to_string())?;
    let reports: Vec<&render::Pages> = members.iter().map(|(_, _, pages)| pages).collect();
    let combined = render::combine(cover, &reports, &pack.cover.header.title, config.read.today)
        .map_err(|e| e.to_string())?;
    let pdf = render::combined_pdf(&combined, config.read.today, pack_claims(config, &combined))
        .map_err(|e| e.to_string())?;
    output::write_atomic(path, &pdf).map_err(|e| e.to_string())?;
    Ok(Written {
        quarter: quarter.map(|q| q.to_string()),
        path: path.display().to_string(),
        pages: render::readback::page_count(&combined),
        bytes: pdf.len(),
        documents: members.iter().map(|(d, _, _)| d.roadmap.source.path.clone()).collect(),
    })
}

/// `--lang`, else the language most of the documents are in (the first of those most
/// common, in input order, on a tie): one language for every report of a batch, so that a
/// board pack reads in one language from cover to cover.
fn batch_lang<'a>(config: &BatchConfig, docs: impl Iterator<Item = &'a Document>) -> crate::locale::Lang {
    if let Some(lang) = config.report.lang {
        return lang;
    }
    let mut counts: Vec<(crate::locale::Lang, usize)> = Vec::new();
    for d in docs {
        let lang = view::choose_lang(None, &d.roadmap);
        match counts.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, n)) => *n += 1,
            None => counts.push((lang, 1)),
        }
    }
    let most = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    counts.into_iter().find(|(_, n)| *n == most).map_or(crate::locale::Lang::En, |(l, _)| l)
}
