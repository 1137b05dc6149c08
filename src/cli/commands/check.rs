//! `boardpack check PATH...`: every diagnostic of every page, nothing written.

use super::{print_diagnostics, print_error};
use crate::cli::args::CheckArgs;
use crate::cli::exit;
use crate::cli::resolve as config;
use crate::diag::Severity;
use crate::diag::emit::Format;
use crate::read::discover;

pub fn run(args: &CheckArgs) -> u8 {
    let options = match config::read_options(&args.read) {
        Ok(options) => options,
        Err(error) => {
            print_error(&error.0);
            return exit::USAGE;
        }
    };
    let (found, walk_errors) = discover::discover(&args.paths);
    let mut unreadable = walk_errors.len();
    for (path, error) in &walk_errors {
        print_error(&format!("{}: cannot read the folder: {error}", path.display()));
    }
    let (mut errors, mut warnings, mut files) = (0, 0, 0);
    for page in &found {
        let mut document = match crate::read::read_path(&page.path, &options) {
            Ok(document) => document,
            Err(error) => {
                print_error(&format!("{}: {error}", page.path.display()));
                unreadable += 1;
                continue;
            }
        };
        files += 1;
        // What an export of the full report would find before laying it out: images that
        // do not decode, content past the budget, a page too large to draw.
        let options = crate::view::ReportOptions {
            lang: crate::view::choose_lang(None, &document.roadmap),
            template: crate::view::Template::Report,
            quarter: None,
            meeting_date: None,
            conformance: crate::render::Conformance::default(),
        };
        let mut claims = None;
        if args.pdf_ua {
            // The whole export, in memory: everything that would keep the PDF from PDF/UA-1
            // and PDF/A-2a, said as the export would say it.
            // Through the one worker pool, as `export` runs a page: a panic is that page's error.
            let outcome = crate::report::pool::map(std::slice::from_ref(&document), 1, |document| {
                crate::report::export::export(document, &options)
            })
            .pop();
            match outcome {
                Some(Ok(Ok(exported))) => {
                    claims = Some(exported.claims);
                    exported.report_to(&mut document);
                }
                Some(Ok(Err(crate::report::export::ExportError::TooLarge(why)))) => {
                    document.add_diagnostics([*why])
                }
                Some(Ok(Err(crate::report::export::ExportError::Render(error)))) => {
                    print_error(&format!("{}: {error}", page.path.display()));
                    errors += 1;
                }
                Some(Err(panicked)) => {
                    print_error(&format!("{}: {panicked}", page.path.display()));
                    errors += 1;
                }
                None => {}
            }
        } else {
            let found = crate::report::export::check_report(&document, &options);
            document.add_diagnostics(found);
        }
        print_diagnostics(&document, args.format);
        if let Some(claims) = claims.filter(|_| args.format != Format::Github) {
            crate::cli::terminal::err(&super::info_text(&format!(
                "{}: its report would claim {}",
                page.path.display(),
                claims.name()
            )));
        }
        for d in &document.roadmap.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Note => {}
            }
        }
    }
    if args.format == Format::Human || args.format == Format::Short {
        crate::cli::terminal::err(&format!(
            "checked {files} file(s): {errors} error(s), {warnings} warning(s){}\n",
            if unreadable > 0 { format!(", {unreadable} unreadable") } else { String::new() }
        ));
    }
    if unreadable > 0 {
        exit::INPUT
    } else if errors > 0 || (args.strict && warnings > 0) {
        exit::PROBLEMS
    } else {
        exit::OK
    }
}
