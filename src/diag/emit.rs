//! The one place that turns diagnostics into text: human (with the source line and a
//! caret), short (one line each), JSON, and GitHub Actions workflow commands.

use super::{Diagnostic, LineIndex, Severity};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// file:line:col, the source line with a caret, hints.
    Human,
    /// One line per diagnostic: file:line:col: severity[code]: message.
    Short,
    /// One JSON object per line (JSON Lines).
    Json,
    /// GitHub Actions annotations (`::error file=...,line=...::message`).
    Github,
}

/// A file's display name and decoded text, for locating and quoting diagnostics.
pub struct SourceFile<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

pub struct Emitter {
    pub format: Format,
    pub color: bool,
}

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const CYAN: &str = "\x1b[1;36m";
const BLUE: &str = "\x1b[1;34m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

impl Emitter {
    /// Renders `diagnostics` of one file; the text ends with a newline unless empty.
    pub fn render(&self, file: &SourceFile<'_>, diagnostics: &[Diagnostic]) -> String {
        let index = LineIndex::new(file.text);
        let mut out = String::new();
        for diagnostic in diagnostics {
            let located = locate(&index, file.text, diagnostic);
            match self.format {
                Format::Human => self.human(&mut out, file, &index, diagnostic, located),
                Format::Short => short(&mut out, file, diagnostic, located),
                Format::Json => json(&mut out, file, diagnostic, located),
                Format::Github => github(&mut out, file, diagnostic, located),
            }
        }
        out
    }

    fn paint(&self, style: &'static str) -> (&'static str, &'static str) {
        if self.color { (style, RESET) } else { ("", "") }
    }

    fn human(
        &self,
        out: &mut String,
        file: &SourceFile<'_>,
        index: &LineIndex,
        d: &Diagnostic,
        located: Option<(usize, usize, usize)>,
    ) {
        let (style, reset) = self.paint(severity_style(d.severity));
        let (bold, bold_reset) = self.paint(BOLD);
        let (blue, blue_reset) = self.paint(BLUE);
        out.push_str(&format!(
            "{style}{}[{}]{reset}{bold}: {}{bold_reset}\n",
            severity_word(d.severity),
            d.code,
            printable(&d.message)
        ));
        match located {
            Some((line, column, width)) => {
                let gutter = line.to_string().len();
                let pad = " ".repeat(gutter);
                out.push_str(&format!(
                    "{pad}{blue}-->{blue_reset} {}:{line}:{column}\n",
                    printable(file.name)
                ));
                let (shown, caret_at, width) = source_window(index.line_text(file.text, line), column, width);
                out.push_str(&format!("{pad} {blue}|{blue_reset}\n"));
                out.push_str(&format!("{blue}{line}{blue_reset} {blue}|{blue_reset} {shown}\n"));
                out.push_str(&format!(
                    "{pad} {blue}|{blue_reset} {}{style}{}{reset}\n",
                    " ".repeat(caret_at),
                    "^".repeat(width.max(1))
                ));
            }
            None => out.push_str(&format!(" {blue}-->{blue_reset} {}\n", printable(file.name))),
        }
        let (cyan, cyan_reset) = self.paint(CYAN);
        for hint in &d.hints {
            out.push_str(&format!("  {cyan}= hint:{cyan_reset} {}\n", printable(hint)));
        }
        out.push('\n');
    }
}

fn severity_style(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
        Severity::Note => CYAN,
    }
}

pub fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// (line, column, caret width in characters), clipped to the first line of the span.
fn locate(index: &LineIndex, text: &str, d: &Diagnostic) -> Option<(usize, usize, usize)> {
    let span = d.span?;
    let (line, column) = index.line_col(text, span.start);
    let (end_line, end_column) = index.line_col(text, span.end);
    let width = if end_line == line {
        end_column.saturating_sub(column)
    } else {
        index.line_text(text, line).chars().count().saturating_sub(column - 1)
    };
    Some((line, column, width))
}

/// Text from a document or a file name as a terminal may show it: control characters,
/// line and paragraph separators and bidirectional controls are written as `\u{1b}`, so a
/// document can neither send the terminal escape sequences nor start a line of its own
/// (such as a `::` workflow command in a CI log).
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Characters of a source line shown around the caret; longer lines are cut with `…`.
const WINDOW: usize = 160;

/// The source line as shown (tabs as four spaces, printable, at most [`WINDOW`]
/// characters around the caret), where the caret starts in it, and its width.
fn source_window(line: &str, column: usize, width: usize) -> (String, usize, usize) {
    let cell = |c: char| -> String {
        match c {
            '\t' => "    ".to_string(),
            c => printable(c.encode_utf8(&mut [0; 4])).into_owned(),
        }
    };
    let chars: Vec<char> = line.chars().collect();
    let column = column.clamp(1, chars.len() + 1);
    let from = column.saturating_sub(WINDOW / 2).max(1).min(chars.len().saturating_sub(WINDOW) + 1).max(1);
    let to = (from - 1 + WINDOW).min(chars.len());
    let mut shown = String::new();
    let mut caret_at = 0;
    if from > 1 {
        shown.push('…');
    }
    for (i, &c) in chars.iter().enumerate().take(to).skip(from - 1) {
        if i + 1 == column {
            caret_at = shown.chars().count();
        }
        shown.push_str(&cell(c));
    }
    if column > to {
        caret_at = shown.chars().count();
    }
    if to < chars.len() {
        shown.push('…');
    }
    let width = width.min(WINDOW).min(shown.chars().count().saturating_sub(caret_at).max(1));
    (shown, caret_at, width)
}

fn short(out: &mut String, file: &SourceFile<'_>, d: &Diagnostic, located: Option<(usize, usize, usize)>) {
    let place = match located {
        Some((line, column, _)) => format!("{}:{line}:{column}", file.name),
        None => file.name.to_string(),
    };
    out.push_str(&format!(
        "{}: {}[{}]: {}\n",
        printable(&place),
        severity_word(d.severity),
        d.code,
        printable(&d.message)
    ));
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    hints: &'a [String],
}

fn json(out: &mut String, file: &SourceFile<'_>, d: &Diagnostic, located: Option<(usize, usize, usize)>) {
    let record = JsonDiagnostic {
        file: file.name,
        line: located.map(|l| l.0),
        column: located.map(|l| l.1),
        severity: severity_word(d.severity),
        code: d.code,
        message: &d.message,
        hints: &d.hints,
    };
    if let Ok(line) = serde_json::to_string(&record) {
        out.push_str(&line);
        out.push('\n');
    }
}

/// GitHub workflow commands; data must escape `%`, CR and LF, properties also `:` and `,`.
fn github(out: &mut String, file: &SourceFile<'_>, d: &Diagnostic, located: Option<(usize, usize, usize)>) {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut props = format!("file={}", escape_property(file.name));
    if let Some((line, column, _)) = located {
        props.push_str(&format!(",line={line},col={column}"));
    }
    props.push_str(&format!(",title={}", escape_property(d.code)));
    let mut message = d.message.clone();
    for hint in &d.hints {
        message.push_str("\nhint: ");
        message.push_str(hint);
    }
    out.push_str(&format!("::{level} {}::{}\n", printable(&props), printable(&escape_data(&message))));
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Span;

    fn sample() -> (String, Vec<Diagnostic>) {
        let text = "a\n\tæx: 2025-00-01\n".to_string();
        let start = text.find("2025").unwrap_or(0);
        let d = Diagnostic::error("gantt::invalid-date", "invalid date")
            .with_span(Span::at(start, 10))
            .with_hint("month 00 does not exist");
        (text, vec![d])
    }

    #[test]
    fn human_points_a_caret_at_the_column() {
        let (text, diags) = sample();
        let file = SourceFile { name: "r.md", text: &text };
        let out = Emitter { format: Format::Human, color: false }.render(&file, &diags);
        assert!(out.contains("--> r.md:2:6"), "{out}");
        assert!(out.contains("2 |     æx: 2025-00-01\n  |         ^^^^^^^^^^"), "{out}");
        assert!(out.contains("= hint: month 00"), "{out}");
    }

    #[test]
    fn document_text_cannot_reach_the_terminal_as_control_sequences() {
        let text = "title: \"a\u{1b}]0;pwned\u{7}\nb\"\n::error::x\n".to_string();
        let d = Diagnostic::warning("frontmatter::yaml", "bad value `a\u{1b}[31m\n::error::x`")
            .with_span(Span::at(0, 5));
        for format in [Format::Human, Format::Short, Format::Github] {
            let file = SourceFile { name: "x\n::warning::y.md", text: &text };
            let out = Emitter { format, color: false }.render(&file, std::slice::from_ref(&d));
            assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{format:?}: {out}");
            assert!(
                !out.lines().any(|l| l.starts_with("::error::") || l.starts_with("::warning::y")),
                "{format:?}: {out}"
            );
        }
    }

    #[test]
    fn a_long_source_line_is_shown_around_the_caret() {
        let line = format!("{}TARGET{}", "a".repeat(5000), "b".repeat(5000));
        let (shown, caret_at, width) = source_window(&line, 5001, 6);
        assert!(shown.chars().count() <= WINDOW + 2, "{}", shown.len());
        assert_eq!(shown.chars().skip(caret_at).take(width).collect::<String>(), "TARGET");
        let (shown, caret_at, _) = source_window("\tx = 1", 2, 1);
        assert_eq!(shown, "    x = 1");
        assert_eq!(caret_at, 4);
    }

    #[test]
    fn github_escapes_properties() {
        let (text, diags) = sample();
        let file = SourceFile { name: "a,b.md", text: &text };
        let out = Emitter { format: Format::Github, color: false }.render(&file, &diags);
        assert_eq!(
            out,
            "::error file=a%2Cb.md,line=2,col=6,title=gantt%3A%3Ainvalid-date::invalid date%0Ahint: month 00 does not exist\n"
        );
    }
}
