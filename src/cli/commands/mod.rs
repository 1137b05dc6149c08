//! One module per subcommand; each returns the process exit code.

mod batch;
mod check;
mod diff;
mod export;
mod inspect;

use crate::cli::{Cli, Command};
use crate::diag::emit::{Emitter, Format, SourceFile};
use crate::read::Document;

pub fn run(cli: Cli) -> u8 {
    // With `--format json` every line the command prints is a JSON object.
    let format = match &cli.command {
        Command::Check(args) => args.format,
        Command::Export(args) => args.format,
        Command::Batch(args) => args.format,
        Command::Inspect(_) | Command::Diff(_) => Format::Human,
    };
    let _ = MESSAGE_FORMAT.set(format);
    let code = match cli.command {
        Command::Inspect(args) => inspect::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Diff(args) => diff::run(&args),
    };
    crate::cli::terminal::final_code(code)
}

/// Prints a document's diagnostics to stderr in the chosen format.
pub(crate) fn print_diagnostics(document: &Document, format: Format) {
    crate::cli::terminal::err(&diagnostics_text(document, format));
}

/// A document's diagnostics as [`print_diagnostics`] prints them.
pub(crate) fn diagnostics_text(document: &Document, format: Format) -> String {
    let emitter = Emitter { format, color: crate::cli::resolve::use_color() };
    let file = SourceFile { name: &document.roadmap.source.path, text: &document.text };
    emitter.render(&file, &document.roadmap.diagnostics)
}

/// Compares `document` (read from `file`) with its baseline, adding the baseline's own
/// diagnostics (those the page does not repeat) to `out`; on failure the message is in `out` and the exit code returned.
pub(crate) fn compare_with_baseline(
    document: &mut Document,
    file: &std::path::Path,
    spec: &crate::read::baseline::BaselineSpec,
    read: &crate::read::ReadOptions,
    format: Format,
    out: &mut String,
) -> Result<(), u8> {
    match crate::report::with_baseline(document, file, spec, read) {
        Ok(mut baseline) => {
            // What the page itself says again is not repeated for its baseline.
            let current = &document.roadmap.diagnostics;
            baseline
                .roadmap
                .diagnostics
                .retain(|d| !current.iter().any(|c| c.code == d.code && c.message == d.message));
            out.push_str(&diagnostics_text(&baseline, format));
            Ok(())
        }
        Err(error) => {
            out.push_str(&error_text(&format!("{}: {error}", file.display())));
            Err(crate::cli::exit::INPUT)
        }
    }
}

static MESSAGE_FORMAT: std::sync::OnceLock<Format> = std::sync::OnceLock::new();

fn json_messages() -> bool {
    MESSAGE_FORMAT.get() == Some(&Format::Json)
}

/// Prints a usage or input error.
pub(crate) fn print_error(message: &str) {
    crate::cli::terminal::err(&error_text(message));
}

/// A line that reports progress ("wrote …", the summary), with its newline: as a JSON
/// object with `--format json`.
pub(crate) fn info_text(message: &str) -> String {
    if json_messages() {
        return json_line("note", "boardpack::info", message);
    }
    format!("{}\n", crate::diag::emit::printable(message))
}

fn json_line(severity: &str, code: &str, message: &str) -> String {
    let record = serde_json::json!({ "severity": severity, "code": code, "message": message });
    format!("{record}\n")
}

/// An error line as [`print_error`] prints it, with its newline: human, or a JSON object
/// with `--format json`.
pub(crate) fn error_text(message: &str) -> String {
    if json_messages() {
        return json_line("error", "boardpack::error", message);
    }
    let message = crate::diag::emit::printable(message);
    let (red, reset) = if crate::cli::resolve::use_color() { ("\x1b[1;31m", "\x1b[0m") } else { ("", "") };
    format!("{red}error{reset}: {message}\n")
}
