//! Command-line arguments as the user typed them (clap derive only; no logic).

use crate::diag::emit::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  boardpack export roadmap.md                      the board report, written to roadmap.pdf
  boardpack export roadmap.md --quarter 2026-Q1    the quarter's report
  boardpack export roadmap.md --template minutes --meeting-date 2026-03-12
  boardpack batch docs/ --quarters 2025-Q3..2026-Q2 --out-dir board/
  boardpack check docs/ --format github            diagnostics only, for CI
  boardpack inspect roadmap.md --today 2026-02-15  the model as JSON
  boardpack export roadmap.md --since 2026-03-12   with the changes since that meeting
  boardpack diff HEAD~3:roadmap.md roadmap.md      the changes as text";

fn after_help() -> String {
    format!("{EXAMPLES}\n\n{}", super::exit::help_table())
}

#[derive(Debug, Parser)]
#[command(name = "boardpack", version, about = "Turn Markdown roadmaps into board-ready PDFs", after_help = after_help())]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Export roadmap pages to PDF (a full board report, a quarter, or a minutes attachment).
    #[command(
        after_help = "Examples:\n  boardpack export roadmap.md\n  boardpack export roadmap.md -o board.pdf --lang en --today 2026-02-15\n  boardpack export roadmap.md --quarter 2026-Q1\n  boardpack export roadmap.md --template minutes --meeting-date 2026-03-12"
    )]
    Export(ExportArgs),
    /// Export many documents x quarters, plus one combined board pack per quarter.
    #[command(
        after_help = "Examples:\n  boardpack batch docs/ --out-dir board/\n  boardpack batch docs/ a.md --quarters 2025-Q3..2026-Q2 --out-dir board/ --jobs 2"
    )]
    Batch(BatchArgs),
    /// Report every problem in pages or folders, without writing anything.
    #[command(
        after_help = "Examples:\n  boardpack check roadmap.md\n  boardpack check docs/ --format github --strict"
    )]
    Check(CheckArgs),
    /// Print the roadmap model as JSON (the data the templates read).
    #[command(
        after_help = "Examples:\n  boardpack inspect roadmap.md --today 2026-02-15\n  cat roadmap.md | boardpack inspect -"
    )]
    Inspect(InspectArgs),
    /// Print what changed between two versions of a page: slips, pulls, additions,
    /// removals, renames, finished tasks.
    #[command(
        after_help = "OLD and NEW are files or REV:path (a git revision of a file; the path as\ngiven from the current folder, e.g. HEAD~3:docs/roadmap.md).\n\nExamples:\n  boardpack diff old/roadmap.md roadmap.md\n  boardpack diff HEAD~3:roadmap.md roadmap.md --format markdown\n  boardpack diff v1.0:roadmap.md v2.0:roadmap.md --format json"
    )]
    Diff(DiffArgs),
}

/// Which earlier version of each page to compare with ("Changes since …").
#[derive(Debug, Args, Clone, Default)]
pub struct BaselineArgs {
    /// An earlier copy of the page (a file), or a git revision of the page's own file
    /// (a commit, tag, branch or `HEAD~3`). An existing file wins over a revision of the
    /// same name.
    #[arg(long, value_name = "FILE|REV", conflicts_with = "since")]
    pub baseline: Option<String>,
    /// Compare with the version that was current on this date (YYYY-MM-DD) in the page's
    /// git history: its last commit on or before that day.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub since: Option<String>,
}

/// How `diff` prints the changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier version: a file, or REV:path.
    pub old: String,
    /// The later version: a file, or REV:path.
    pub new: String,
    /// Text for a terminal, JSON (the model's `changes` object) or Markdown (for minutes
    /// or a pull request).
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Language of the words and dates (default: the later version's).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Options every command shares.
#[derive(Debug, Args, Clone)]
pub struct ReadArgs {
    /// The as-of date (YYYY-MM-DD): Jekyll's site.time, Mermaid's "today", the report's
    /// status date. Defaults to SOURCE_DATE_EPOCH, else today's date.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Keep text exactly as decoded: do not repair mojibake (UTF-8 once read as a legacy
    /// code page).
    #[arg(long)]
    pub no_repair: bool,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The Markdown page, or - for standard input.
    pub file: PathBuf,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub baseline: BaselineArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Pages and folders (folders are searched for .md/.markdown/.qmd files).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Treat warnings as problems (exit code 1).
    #[arg(long)]
    pub strict: bool,
    /// Also lay each page out as its full report and say what keeps it from PDF/UA-1 and
    /// PDF/A-2a (characters without a glyph, images without alternative text); no PDF is
    /// written.
    #[arg(long)]
    pub pdf_ua: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Options that shape a report.
#[derive(Debug, Args, Clone)]
pub struct ReportArgs {
    /// Language of the report's own words and dates: da, en, sv, nb, de, fr, es or nl
    /// (default: front matter `lang`, else detected from the text; a page in another
    /// language gets English). A batch uses one language for all its reports: this, else
    /// the one most of its pages are in.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Which report: `report` (the full board report), `minutes` (a compact attachment for
    /// meeting minutes).
    #[arg(long, default_value = "report", value_name = "NAME")]
    pub template: String,
    /// The meeting the minutes attachment belongs to (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub meeting_date: Option<String>,
    /// Fail (exit code 1, no PDF) when the document has errors or warnings.
    #[arg(long)]
    pub strict: bool,
    /// The standards each PDF claims: `ua-1` (accessible), `a-2a`, `a-2u` or `a-2b`
    /// (archival), or `none`; join `ua-1` and one PDF/A level with a comma. A page that
    /// rules one out (an image without alternative text) gets less, with a warning that
    /// says why. Board packs claim at most PDF/A-2b (see the README).
    #[arg(long, value_name = "LIST", value_delimiter = ',', default_value = "ua-1,a-2a")]
    pub pdf_standard: Vec<String>,
    #[command(flatten)]
    pub fonts: FontArgs,
}

/// Where fonts come from for characters the bundled fonts lack (Chinese, Japanese,
/// Korean, other scripts). Text the bundled fonts can draw always uses them.
#[derive(Debug, Args, Clone)]
pub struct FontArgs {
    /// A folder of fonts to try before the system's (repeatable; also
    /// BOARDPACK_FONT_PATHS, separated by `:`, or `;` on Windows).
    #[arg(long = "font-path", value_name = "DIR", env = "BOARDPACK_FONT_PATHS", value_delimiter = PATH_LIST_SEPARATOR)]
    pub font_paths: Vec<PathBuf>,
    /// Never use the system's fonts (also BOARDPACK_NO_SYSTEM_FONTS=1).
    #[arg(long, env = "BOARDPACK_NO_SYSTEM_FONTS", value_parser = clap::builder::BoolishValueParser::new())]
    pub no_system_fonts: bool,
}

#[cfg(windows)]
const PATH_LIST_SEPARATOR: char = ';';
#[cfg(not(windows))]
const PATH_LIST_SEPARATOR: char = ':';

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Pages to export (- for standard input).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output file (only with a single input); default: the input with `.pdf`.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Export one quarter: 2026-Q1, 2026Q1, Q1-2026 or "K1 2026".
    #[arg(long, value_name = "QUARTER")]
    pub quarter: Option<String>,
    #[command(flatten)]
    pub report: ReportArgs,
    #[command(flatten)]
    pub read: ReadArgs,
    #[command(flatten)]
    pub baseline: BaselineArgs,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Pages and folders (folders are searched recursively for Markdown files).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Where the PDFs, board packs and manifest.json go.
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
    /// A quarter or a range of quarters: 2026-Q1 or 2025-Q3..2026-Q2 (default: the full
    /// report per document).
    #[arg(long, value_name = "RANGE")]
    pub quarters: Option<String>,
    /// Parallel jobs (default: the number of cores).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub report: ReportArgs,
    #[command(flatten)]
    pub read: ReadArgs,
    /// A git revision (or --since): each page is compared with its own earlier version.
    #[command(flatten)]
    pub baseline: BaselineArgs,
    /// How to print diagnostics.
    #[arg(long, value_enum, default_value = "short")]
    pub format: Format,
}
