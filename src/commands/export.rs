//! `boardpack export FILE...`: one PDF per page.

use super::{
    EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_OUTPUT, EXIT_PROBLEMS, EXIT_USAGE, print_diagnostics,
    print_error,
};
use crate::cli::ExportArgs;
use crate::diag::Severity;
use crate::view::Template;
use crate::{config, output};
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
            return EXIT_USAGE;
        }
    };
    // Fonts and Typst's library take a few milliseconds to set up: overlap that with
    // reading the first document.
    let warm_up = std::thread::spawn(crate::render::warm_up);
    let mut worst = EXIT_OK;
    for file in &args.files {
        let code = export_one(file, args, &read, &report, quarter);
        worst = worst.max(code);
    }
    let _ = warm_up.join();
    worst
}

fn export_one(
    file: &Path,
    args: &ExportArgs,
    read: &crate::read::ReadOptions,
    report: &config::ReportConfig,
    quarter: Option<crate::quarter::Quarter>,
) -> u8 {
    let mut document = match crate::read::read_path(file, read) {
        Ok(document) => document,
        Err(error) => {
            print_error(&format!("{}: {error}", file.display()));
            return EXIT_INPUT;
        }
    };
    let target =
        args.output.clone().unwrap_or_else(|| default_target(file, &document, report.template, quarter));
    if let Err(error) = output::check_target(&target, &[file]) {
        print_diagnostics(&document, args.format);
        print_error(&error.to_string());
        return EXIT_OUTPUT;
    }
    if report.strict && has_problems(&document) {
        print_diagnostics(&document, args.format);
        print_error(&format!("{}: not exported because of the problems above (--strict)", file.display()));
        return EXIT_PROBLEMS;
    }
    let options = report.options_for(&document.roadmap, quarter);
    let exported = crate::export::export(&mut document, &options);
    print_diagnostics(&document, args.format);
    let exported = match exported {
        Ok(exported) => exported,
        Err(error) => {
            print_error(&format!("{}: {error}", file.display()));
            return EXIT_INTERNAL;
        }
    };
    if report.strict && has_problems(&document) {
        print_error(&format!("{}: not exported because of the problems above (--strict)", file.display()));
        return EXIT_PROBLEMS;
    }
    if let Err(error) = output::write_atomic(&target, &exported.pdf) {
        print_error(&error.to_string());
        return EXIT_OUTPUT;
    }
    eprintln!(
        "wrote {} ({} page{})",
        target.display(),
        exported.pages,
        if exported.pages == 1 { "" } else { "s" }
    );
    EXIT_OK
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
