//! `boardpack export FILE...`: one PDF per page.

use super::{diagnostics_text, error_text, print_error};
use crate::cli::args::ExportArgs;
use crate::cli::exit;
use crate::cli::resolve as config;
use crate::diag::Severity;
use crate::report::output;
use crate::view::Template;
use std::path::{Path, PathBuf};

pub fn run(args: &ExportArgs) -> u8 {
    let config = match config::export_config(args) {
        Ok(config) => config,
        Err(error) => {
            print_error(&error.0);
            return exit::USAGE;
        }
    };
    let (read, report, quarter) = (&config.read, &config.report, config.quarter);
    let baseline = config.baseline.as_ref();
    // Fonts and Typst's library take a few milliseconds to set up: overlap that with
    // reading the first document.
    let template = report.template;
    let warm_up = std::thread::spawn(move || crate::render::warm_up(template));
    let inputs: Vec<&Path> =
        args.files.iter().map(PathBuf::as_path).filter(|f| *f != Path::new("-")).collect();
    let clashes = clashing_targets(args, report.template, quarter);
    let jobs: Vec<(&PathBuf, Option<&String>)> =
        args.files.iter().zip(clashes.iter().map(Option::as_ref)).collect();
    let export = |(file, clash): &(&PathBuf, Option<&String>)| {
        let mut messages = String::new();
        let code = match clash {
            Some(clash) => {
                messages.push_str(&error_text(clash));
                exit::OUTPUT
            }
            None => export_into(file, args, (read, baseline), report, quarter, &inputs, &mut messages),
        };
        Outcome { code, messages }
    };
    // Several files are exported two at a time on a two-core machine; messages are
    // printed in the order the files were given.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(args.files.len());
    let mut worst = exit::OK;
    crate::report::pool::in_order(&jobs, workers, export, |outcome| match outcome {
        Ok(outcome) => {
            crate::cli::terminal::err(&outcome.messages);
            worst = worst.max(outcome.code);
        }
        Err(panicked) => {
            print_error(&panicked.to_string());
            worst = worst.max(exit::INTERNAL);
        }
    });
    let _ = warm_up.join();
    worst
}

/// What exporting one file printed and its exit code.
struct Outcome {
    code: u8,
    messages: String,
}

/// Exports `file`, writing what it would print into `out`; returns the exit code.
fn export_into(
    file: &Path,
    args: &ExportArgs,
    (read, baseline): (&crate::read::ReadOptions, Option<&crate::read::baseline::BaselineSpec>),
    report: &crate::report::ReportConfig,
    quarter: Option<crate::quarter::Quarter>,
    inputs: &[&Path],
    out: &mut String,
) -> u8 {
    let mut document = match crate::read::read_path(file, read) {
        Ok(document) => document,
        Err(error) => {
            out.push_str(&error_text(&format!("{}: {error}", file.display())));
            return exit::INPUT;
        }
    };
    if let Some(spec) = baseline
        && let Err(code) = super::compare_with_baseline(&mut document, file, spec, read, args.format, out)
    {
        return code;
    }
    let target =
        args.output.clone().unwrap_or_else(|| default_target(file, &document, report.template, quarter));
    if let Err(error) = output::check_target(&target, inputs) {
        out.push_str(&diagnostics_text(&document, args.format));
        out.push_str(&error_text(&error.to_string()));
        return exit::OUTPUT;
    }
    if report.strict && has_problems(&document) {
        out.push_str(&diagnostics_text(&document, args.format));
        out.push_str(&strict_refusal(file));
        return exit::PROBLEMS;
    }
    let options = report.options_for(&document.roadmap, quarter);
    let exported = crate::report::export::export(&document, &options);
    match &exported {
        Ok(exported) => exported.report_to(&mut document),
        Err(crate::report::export::ExportError::TooLarge(why)) => document.add_diagnostics([(**why).clone()]),
        Err(_) => {}
    }
    out.push_str(&diagnostics_text(&document, args.format));
    let exported = match exported {
        Ok(exported) => exported,
        Err(crate::report::export::ExportError::TooLarge(_)) => {
            out.push_str(&error_text(&format!(
                "{}: not exported: the page is too large for one report",
                file.display()
            )));
            return exit::PROBLEMS;
        }
        Err(error) => {
            out.push_str(&error_text(&format!("{}: {error}", file.display())));
            return exit::INTERNAL;
        }
    };
    if report.strict && has_problems(&document) {
        out.push_str(&strict_refusal(file));
        return exit::PROBLEMS;
    }
    if let Err(error) = output::write_atomic(&target, &exported.pdf) {
        out.push_str(&error_text(&error.to_string()));
        return exit::OUTPUT;
    }
    out.push_str(&super::info_text(&format!(
        "wrote {} ({} page{})",
        target.display(),
        exported.pages,
        if exported.pages == 1 { "" } else { "s" }
    )));
    exit::OK
}

/// For each input, why it is not exported when its PDF would be the same file as an earlier
/// input's (`a.md` and `a.markdown`): the earlier one keeps it.
fn clashing_targets(
    args: &ExportArgs,
    template: Template,
    quarter: Option<crate::quarter::Quarter>,
) -> Vec<Option<String>> {
    let mut seen: Vec<(PathBuf, &Path)> = Vec::new();
    args.files
        .iter()
        .map(|file| {
            if file == Path::new("-") {
                return None;
            }
            let target = args.output.clone().unwrap_or_else(|| target_for(file, template, quarter));
            let key = normalized(&target);
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                return Some(format!(
                    "{}: not exported: its PDF {} would replace the one of {}",
                    file.display(),
                    target.display(),
                    first.display()
                ));
            }
            seen.push((key, file));
            None
        })
        .collect()
}

/// `path` absolute and without `.` or `..`, to compare paths that may not exist yet.
fn normalized(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn strict_refusal(file: &Path) -> String {
    error_text(&format!("{}: not exported because of the problems above (--strict)", file.display()))
}

fn has_problems(document: &crate::read::Document) -> bool {
    document.roadmap.diagnostics.iter().any(|d| matches!(d.severity, Severity::Error | Severity::Warning))
}

/// Beside the input: `FILE.pdf`, `FILE_2026-Q1.pdf` for a quarter, `FILE_minutes.pdf` for
/// the attachment; for standard input, in the current folder by the page's name.
fn default_target(
    file: &Path,
    document: &crate::read::Document,
    template: Template,
    quarter: Option<crate::quarter::Quarter>,
) -> PathBuf {
    let base = if file == Path::new("-") {
        PathBuf::from(format!("{}.md", document.roadmap.source.stem))
    } else {
        file.to_path_buf()
    };
    target_for(&base, template, quarter)
}

/// `FILE.pdf`, `FILE_2026-Q1.pdf` for a quarter, `FILE_minutes.pdf` for the attachment.
fn target_for(base: &Path, template: Template, quarter: Option<crate::quarter::Quarter>) -> PathBuf {
    let mut suffix = Vec::new();
    if template == Template::Minutes {
        suffix.push("minutes".to_string());
    }
    if let Some(q) = quarter {
        suffix.push(q.to_string());
    }
    let suffix = suffix.join("_");
    output::default_output(base, (!suffix.is_empty()).then_some(suffix.as_str()))
}
