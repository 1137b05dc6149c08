//! `boardpack diff OLD NEW`: what changed between two versions of a page, as text, JSON
//! (the model's `changes` object) or Markdown (for minutes or a pull request).

use super::{diagnostics_text, print_error};
use crate::cli::args::{DiffArgs, DiffFormat};
use crate::cli::exit;
use crate::cli::resolve as config;
use crate::diag::emit::Format;
use crate::read::Document;
use crate::read::baseline::{self, BaselineSpec};
use crate::view::changes::{ChangesView, Scope};
use std::path::PathBuf;

pub fn run(args: &DiffArgs) -> u8 {
    let options = match config::read_options(&args.read) {
        Ok(options) => options,
        Err(error) => {
            print_error(&error.0);
            return exit::USAGE;
        }
    };
    let lang = match config::report_lang(args.lang.as_deref()) {
        Ok(lang) => lang,
        Err(error) => {
            print_error(&error.0);
            return exit::USAGE;
        }
    };
    let (old_page, old_spec) = match version(&args.old) {
        Ok(found) => found,
        Err(message) => {
            print_error(&message);
            return exit::INPUT;
        }
    };
    let (new_page, new_spec) = match version(&args.new) {
        Ok(found) => found,
        Err(message) => {
            print_error(&message);
            return exit::INPUT;
        }
    };
    let mut messages = String::new();
    let mut current = match new_spec {
        BaselineSpec::File(path) => match crate::read::read_path(&path, &options) {
            Ok(document) => document,
            Err(error) => {
                print_error(&format!("{}: {error}", path.display()));
                return exit::INPUT;
            }
        },
        spec => match baseline::load(&new_page, &spec, &options) {
            Ok((document, _)) => document,
            Err(error) => {
                print_error(&format!("{}: {}", args.new, error.0));
                return exit::INPUT;
            }
        },
    };
    let earlier = match baseline::load(&old_page, &old_spec, &options) {
        Ok((document, about)) => {
            current.roadmap.changes =
                Some(crate::compare::compare(&document.roadmap, &current.roadmap, about));
            document
        }
        Err(error) => {
            print_error(&format!("{}: {}", args.old, error.0));
            return exit::INPUT;
        }
    };
    messages.push_str(&diagnostics_text(&earlier, Format::Human));
    messages.push_str(&diagnostics_text(&current, Format::Human));
    crate::cli::terminal::err(&messages);
    let Some(changes) = &current.roadmap.changes else { return exit::INTERNAL };
    let lang = crate::view::choose_lang(lang, &current.roadmap);
    let out = match args.format {
        DiffFormat::Json => match serde_json::to_string_pretty(changes) {
            Ok(json) => format!("{json}\n"),
            Err(error) => {
                print_error(&format!("internal error: the changes cannot be written as JSON: {error}"));
                return exit::INTERNAL;
            }
        },
        DiffFormat::Text => text(&crate::view::changes::build(changes, lang, Scope::All), &current),
        DiffFormat::Markdown => markdown(&crate::view::changes::build(changes, lang, Scope::All), lang),
    };
    crate::cli::terminal::out(&out);
    exit::OK
}

/// A file, else `REV:path` (the path from the current folder).
fn version(text: &str) -> Result<(PathBuf, BaselineSpec), String> {
    let path = PathBuf::from(text);
    if path.is_file() {
        return Ok((path.clone(), BaselineSpec::File(path)));
    }
    match text.split_once(':') {
        Some((revision, file)) if !revision.is_empty() && !file.is_empty() && !revision.starts_with('-') => {
            Ok((PathBuf::from(file), BaselineSpec::Revision(revision.to_string())))
        }
        _ => Err(format!("{text}: no such file (a git revision is written REV:path, e.g. HEAD~1:{text})")),
    }
}

/// Without the invisible break opportunities the report's names carry.
fn plain(text: &str) -> String {
    crate::diag::emit::printable(&text.replace('\u{200B}', "")).into_owned()
}

fn text(view: &ChangesView, current: &Document) -> String {
    let mut out =
        format!("{} — {}\n{}\n", plain(&view.title), plain(&current.roadmap.title), plain(&view.source));
    out.push_str(&format!("{}\n", plain(&view.summary)));
    if !view.rows.is_empty() {
        out.push('\n');
        let kind_w = view.rows.iter().map(|r| r.kind_label.chars().count()).max().unwrap_or(0);
        for row in &view.rows {
            let mut line = format!("{:<kind_w$}  {}", row.kind_label, plain(&row.name));
            if !row.section.is_empty() {
                line.push_str(&format!(" [{}]", plain(&row.section)));
            }
            match (row.before.is_empty(), row.now.is_empty()) {
                (false, false) if row.before != row.now => {
                    line.push_str(&format!("  {} → {}", row.before, row.now))
                }
                (false, false) | (true, false) => line.push_str(&format!("  {}", row.now)),
                (false, true) => line.push_str(&format!("  {}", row.before)),
                (true, true) => {}
            }
            if !row.shift.is_empty() {
                line.push_str(&format!("  {}", row.shift));
            }
            if !row.detail.is_empty() {
                line.push_str(&format!("  ({})", plain(&row.detail)));
            }
            // A removed item's line is the baseline's.
            let whose = if row.kind == crate::model::ChangeKind::Removed { " of the baseline" } else { "" };
            out.push_str(&format!("{line}  (line {}{whose})\n", row.line));
        }
    }
    if !view.tracks.is_empty() {
        out.push('\n');
        for track in &view.tracks {
            out.push_str(&format!(
                "{}: {} → {}  {}\n",
                plain(&track.name),
                track.before,
                track.now,
                track.shift
            ));
        }
    }
    out
}

/// Markdown that renders as written: table cells with `|`, `\` and inline markup escaped.
fn markdown(view: &ChangesView, lang: crate::locale::Lang) -> String {
    let cell = |text: &str| {
        let mut out = String::new();
        for c in plain(text).chars() {
            if matches!(c, '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '~') {
                out.push('\\');
            }
            out.push(if c == '\n' { ' ' } else { c });
        }
        out
    };
    let mut out =
        format!("### {}\n\n{}\n\n**{}**\n", cell(&view.title), cell(&view.source), cell(&view.summary));
    if !view.rows.is_empty() {
        let head: Vec<&str> =
            ["change", "task", "section", "before", "now", "shift"].map(|k| lang.label(k)).to_vec();
        out.push_str(&format!("\n| {} |\n|---|---|---|---|---|---|\n", head.join(" | ")));
        for row in &view.rows {
            let mut task = cell(&row.name);
            if !row.detail.is_empty() {
                task.push_str(&format!(" ({})", cell(&row.detail)));
            }
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                cell(row.kind_label),
                task,
                cell(&row.section),
                cell(&row.before),
                cell(&row.now),
                cell(&row.shift)
            ));
        }
    }
    if !view.tracks.is_empty() {
        let head: Vec<&str> = ["section", "before", "now", "shift"].map(|k| lang.label(k)).to_vec();
        out.push_str(&format!("\n| {} |\n|---|---|---|---|\n", head.join(" | ")));
        for track in &view.tracks {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                cell(&track.name),
                cell(&track.before),
                cell(&track.now),
                cell(&track.shift)
            ));
        }
    }
    out
}
