//! One module per subcommand; each returns the process exit code.

mod batch;
mod check;
mod export;
mod inspect;

use crate::cli::{Cli, Command};
use crate::diag::emit::{Emitter, Format, SourceFile};
use crate::read::Document;

pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Inspect(args) => inspect::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Batch(args) => batch::run(&args),
    }
}

/// Prints a document's diagnostics to stderr in the chosen format.
pub(crate) fn print_diagnostics(document: &Document, format: Format) {
    eprint!("{}", diagnostics_text(document, format));
}

/// A document's diagnostics as [`print_diagnostics`] prints them.
pub(crate) fn diagnostics_text(document: &Document, format: Format) -> String {
    let emitter = Emitter { format, color: crate::cli::resolve::use_color() };
    let file = SourceFile { name: &document.roadmap.source.path, text: &document.text };
    emitter.render(&file, &document.roadmap.diagnostics)
}

/// Prints a usage or input error in the human style.
pub(crate) fn print_error(message: &str) {
    eprint!("{}", error_text(message));
}

/// An error line as [`print_error`] prints it, with its newline.
pub(crate) fn error_text(message: &str) -> String {
    let (red, reset) = if crate::cli::resolve::use_color() { ("\x1b[1;31m", "\x1b[0m") } else { ("", "") };
    format!("{red}error{reset}: {message}\n")
}
