//! Raw arguments resolved into what the pipeline needs. The wall clock is read here and
//! nowhere else.

use crate::cli::args::{BaselineArgs, ReadArgs};
use crate::date::{Date, parse_iso_date};
use crate::read::ReadOptions;
use crate::read::baseline::BaselineSpec;
use crate::report::ReportConfig;

/// A usage error: the command line asks for something impossible.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The as-of date: `--today`, else `SOURCE_DATE_EPOCH`, else the system clock (UTC).
pub fn today(flag: Option<&str>) -> Result<Date, UsageError> {
    if let Some(text) = flag {
        return parse_iso_date(text.trim())
            .ok_or_else(|| UsageError(format!("--today `{text}` is not a date; write it as YYYY-MM-DD")));
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let seconds: i64 = epoch
            .trim()
            .parse()
            .map_err(|_| UsageError(format!("SOURCE_DATE_EPOCH `{epoch}` is not a number of seconds")))?;
        return Date::from_days(seconds.div_euclid(86_400))
            .ok_or_else(|| UsageError(format!("SOURCE_DATE_EPOCH `{epoch}` is out of range")));
    }
    let seconds =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    Date::from_days(seconds.div_euclid(86_400))
        .ok_or_else(|| UsageError("the system clock is out of range".into()))
}

pub fn read_options(args: &ReadArgs) -> Result<ReadOptions, UsageError> {
    Ok(ReadOptions { today: today(args.today.as_deref())?, repair: !args.no_repair })
}

/// Whether to colour terminal output: only on a terminal, and never with `NO_COLOR`.
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Where fallback fonts come from, set for the whole process (the command reads no other).
pub fn use_font_sources(args: &crate::cli::args::FontArgs) {
    crate::render::fonts::set_sources(crate::render::fonts::FontSources {
        paths: args.font_paths.clone(),
        system: !args.no_system_fonts,
    });
}

pub fn report_config(args: &crate::cli::args::ReportArgs) -> Result<ReportConfig, UsageError> {
    if let Some(path) = args.fonts.font_paths.iter().find(|p| !p.is_dir()) {
        return Err(UsageError(format!("--font-path `{}` is not a folder", path.display())));
    }
    use_font_sources(&args.fonts);
    let template = crate::view::Template::parse(&args.template).ok_or_else(|| {
        UsageError(format!("--template `{}` is not a template; use `report` or `minutes`", args.template))
    })?;
    let lang = report_lang(args.lang.as_deref())?;
    let meeting_date = match &args.meeting_date {
        Some(text) => Some(parse_iso_date(text.trim()).ok_or_else(|| {
            UsageError(format!("--meeting-date `{text}` is not a date; write it as YYYY-MM-DD"))
        })?),
        None => None,
    };
    let conformance = crate::render::Conformance::parse(args.pdf_standard.iter().map(String::as_str))
        .map_err(|why| UsageError(format!("--pdf-standard: {why}")))?;
    Ok(ReportConfig { lang, template, meeting_date, strict: args.strict, conformance })
}

/// `--lang`: one of the report languages, or none to take each document's own.
pub fn report_lang(flag: Option<&str>) -> Result<Option<crate::locale::Lang>, UsageError> {
    flag.map(|text| {
        crate::locale::Lang::parse(text).ok_or_else(|| {
            UsageError(format!("--lang `{text}` is not supported; use da, en, sv, nb, de, fr, es or nl"))
        })
    })
    .transpose()
}

pub fn parse_quarter(text: &str) -> Result<crate::quarter::Quarter, UsageError> {
    crate::quarter::Quarter::parse(text).ok_or_else(|| {
        UsageError(format!("`{text}` is not a quarter; write it as 2026-Q1, 2026Q1, Q1-2026 or \"K1 2026\""))
    })
}

/// Everything `export` needs, checked before any document is read.
pub struct ExportConfig {
    pub read: ReadOptions,
    pub report: ReportConfig,
    pub quarter: Option<crate::quarter::Quarter>,
    pub baseline: Option<BaselineSpec>,
}

/// `--baseline FILE|REV` or `--since DATE`. An existing file is a file; anything else a
/// revision. With several pages (`export a.md b.md`, `batch`) a file would be every
/// page's baseline, which is never meant: they take a revision or a date.
pub fn baseline_spec(args: &BaselineArgs, pages: usize) -> Result<Option<BaselineSpec>, UsageError> {
    if let Some(text) = &args.since {
        let date = crate::date::parse_iso_date(text.trim())
            .ok_or_else(|| UsageError(format!("--since `{text}` is not a date; write it as YYYY-MM-DD")))?;
        return Ok(Some(BaselineSpec::Since(date)));
    }
    let Some(text) = &args.baseline else { return Ok(None) };
    if text.trim().is_empty() {
        return Err(UsageError("--baseline needs a file or a git revision".into()));
    }
    let path = std::path::PathBuf::from(text);
    if path.is_file() {
        if pages != 1 {
            return Err(UsageError(format!(
                "--baseline {text} is a file, the baseline of one page; with several pages give a git revision or --since"
            )));
        }
        return Ok(Some(BaselineSpec::File(path)));
    }
    if text.starts_with('-') {
        return Err(UsageError(format!("--baseline `{text}` is neither a file nor a git revision")));
    }
    Ok(Some(BaselineSpec::Revision(text.clone())))
}

pub fn export_config(args: &crate::cli::args::ExportArgs) -> Result<ExportConfig, UsageError> {
    let read = read_options(&args.read)?;
    let report = report_config(&args.report)?;
    let quarter = args.quarter.as_deref().map(parse_quarter).transpose()?;
    if args.output.is_some() && args.files.len() > 1 {
        return Err(UsageError("-o/--output needs a single input file".into()));
    }
    let baseline = baseline_spec(&args.baseline, args.files.len())?;
    Ok(ExportConfig { read, report, quarter, baseline })
}

pub fn batch_config(
    args: &crate::cli::args::BatchArgs,
) -> Result<crate::report::batch::BatchConfig, UsageError> {
    let read = read_options(&args.read)?;
    let report = report_config(&args.report)?;
    let quarters = match &args.quarters {
        Some(text) => Some(crate::quarter::Quarter::parse_range(text).ok_or_else(|| {
            UsageError(format!("--quarters `{text}` is not a quarter or a range such as 2025-Q3..2026-Q2"))
        })?),
        None => None,
    };
    if args.jobs == Some(0) {
        return Err(UsageError("--jobs must be at least 1".into()));
    }
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let baseline = baseline_spec(&args.baseline, usize::MAX)?;
    Ok(crate::report::batch::BatchConfig {
        baseline,
        inputs: Vec::new(),
        read,
        report,
        quarters,
        out_dir: args.out_dir.clone(),
        jobs,
    })
}
