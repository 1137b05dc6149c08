//! `boardpack inspect FILE`: the model as pretty JSON on stdout, diagnostics on stderr.

use super::{print_diagnostics, print_error};
use crate::cli::args::InspectArgs;
use crate::cli::exit;
use crate::cli::resolve as config;
use crate::diag::emit::Format;

pub fn run(args: &InspectArgs) -> u8 {
    let options = match config::read_options(&args.read) {
        Ok(options) => options,
        Err(error) => {
            print_error(&error.0);
            return exit::USAGE;
        }
    };
    let baseline = match config::baseline_spec(&args.baseline, 1) {
        Ok(baseline) => baseline,
        Err(error) => {
            print_error(&error.0);
            return exit::USAGE;
        }
    };
    let mut document = match crate::read::read_path(&args.file, &options) {
        Ok(document) => document,
        Err(error) => {
            print_error(&format!("{}: {error}", args.file.display()));
            return exit::INPUT;
        }
    };
    if let Some(spec) = &baseline {
        let mut messages = String::new();
        let compared = super::compare_with_baseline(
            &mut document,
            &args.file,
            spec,
            &options,
            Format::Human,
            &mut messages,
        );
        crate::cli::terminal::err(&messages);
        if let Err(code) = compared {
            return code;
        }
    }
    print_diagnostics(&document, Format::Human);
    let json = match serde_json::to_string_pretty(&document.roadmap) {
        Ok(json) => json,
        Err(error) => {
            print_error(&format!("internal error: the model cannot be written as JSON: {error}"));
            return exit::INTERNAL;
        }
    };
    // A closed pipe (`| head`) ends the output quietly; a failed write (a full disk) is
    // exit code 4, never a success.
    crate::cli::terminal::out(&format!("{json}\n"));
    exit::OK
}
