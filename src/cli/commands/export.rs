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
    let prepared = (|| {
        let read = config::read_options(&args.read)?;
        let report = config::report_config(&args.report)?;
        let quarter = args.quarter.as_deref().map(config::parse_quarter).transpose()?;
        if args.output.is_some() && args.files.len() > 1 {
            return Err(config::UsageError("-o/--output needs a single input file".into()));
        }
        Ok((read, report, quarter))
    })();
    let (read, report, quarter) = match prepared {
        Ok(p) => p,
        Err(error) => {
            print_error(&error.0);
            return exit::USAGE;
        }
    };
    // Fonts and Typst's library take a few milliseconds to set up: overlap that with
    // reading the first document.
    let warm_up = std::thread::spawn(crate::render::warm_up);
    let export = |file: &PathBuf| {
        let mut messages = String::new();
        let code = export_into(file, args, &read, &report, quarter, &mut messages);
        Outcome { code, messages }
    };
    // Several files are exported two at a time on a two-core machine; messages are
    // printed in the order the files were given.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(args.files.len());
    let mut worst = exit::OK;
    in_order(&args.files, workers, export, |outcome| {
        eprint!("{}", outcome.messages);
        worst = worst.max(outcome.code);
    });
    let _ = warm_up.join();
    worst
}

/// What exporting one file printed and its exit code.
struct Outcome {
    code: u8,
    messages: String,
}

/// Runs `work` on every item with `workers` threads and hands each result to `done`
/// in the items' order, as soon as it and every earlier one are ready. One worker is
/// the calling thread itself.
fn in_order<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    work: impl Fn(&T) -> R + Sync,
    mut done: impl FnMut(R),
) {
    if workers <= 1 {
        items.iter().for_each(|item| done(work(item)));
        return;
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let (next, work) = (&next, &work);
            // Typst's layout recurses deeply: the same stack as its own threads.
            let spawned = std::thread::Builder::new().stack_size(crate::render::STACK_SIZE).spawn_scoped(
                scope,
                move || {
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        if sender.send((i, work(item))).is_err() {
                            break;
                        }
                    }
                },
            );
            if spawned.is_err() {
                break;
            }
        }
        drop(sender);
        let mut waiting = std::collections::BTreeMap::new();
        let mut expected = 0;
        for (i, result) in receiver {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&expected) {
                done(result);
                expected += 1;
            }
        }
    });
}

/// Exports `file`, writing what it would print into `out`; returns the exit code.
fn export_into(
    file: &Path,
    args: &ExportArgs,
    read: &crate::read::ReadOptions,
    report: &config::ReportConfig,
    quarter: Option<crate::quarter::Quarter>,
    out: &mut String,
) -> u8 {
    let mut document = match crate::read::read_path(file, read) {
        Ok(document) => document,
        Err(error) => {
            out.push_str(&error_text(&format!("{}: {error}", file.display())));
            return exit::INPUT;
        }
    };
    let target =
        args.output.clone().unwrap_or_else(|| default_target(file, &document, report.template, quarter));
    if let Err(error) = output::check_target(&target, &[file]) {
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
    let exported = crate::report::export::export(&mut document, &options);
    out.push_str(&diagnostics_text(&document, args.format));
    let exported = match exported {
        Ok(exported) => exported,
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
    out.push_str(&format!(
        "wrote {} ({} page{})\n",
        target.display(),
        exported.pages,
        if exported.pages == 1 { "" } else { "s" }
    ));
    exit::OK
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
    let mut suffix = Vec::new();
    if template == Template::Minutes {
        suffix.push("minutes".to_string());
    }
    if let Some(q) = quarter {
        suffix.push(q.to_string());
    }
    let suffix = suffix.join("_");
    output::default_output(&base, (!suffix.is_empty()).then_some(suffix.as_str()))
}
