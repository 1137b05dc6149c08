//! `boardpack inspect FILE`: the model as pretty JSON on stdout, diagnostics on stderr.

use super::{EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, print_diagnostics, print_error};
use crate::cli::InspectArgs;
use crate::config;
use crate::diag::emit::Format;
use std::io::Write;

pub fn run(args: &InspectArgs) -> u8 {
    let options = match config::read_options(&args.read) {
        Ok(options) => options,
        Err(error) => {
            print_error(&error.0);
            return EXIT_USAGE;
        }
    };
    let document = match crate::read::read_path(&args.file, &options) {
        Ok(document) => document,
        Err(error) => {
            print_error(&format!("{}: {error}", args.file.display()));
            return EXIT_INPUT;
        }
    };
    print_diagnostics(&document, Format::Human);
    let json = match serde_json::to_string_pretty(&document.roadmap) {
        Ok(json) => json,
        Err(error) => {
            print_error(&format!("internal error: the model cannot be written as JSON: {error}"));
            return EXIT_INTERNAL;
        }
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = writeln!(stdout, "{json}");
    EXIT_OK
}
