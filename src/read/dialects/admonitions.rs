//! Admonitions ("note", "tip", "warning" boxes) as documentation sites write them, turned
//! into Markdown block quotes with their title, so the report shows them as a set-off note
//! instead of their markers:
//!
//! - MkDocs (Material): `!!! note "Title"`, and the collapsible `??? note` / `???+ note`,
//!   with the body indented by four spaces;
//! - Docusaurus and VuePress: `:::tip Title` … `:::` (`::: mermaid` is a diagram, see
//!   `containers`).
//!
//! Like `containers`, every line keeps its byte length, so offsets into the page stay
//! valid for diagnostics: the title line becomes `>**Title**` (or `>*Note*` without a
//! title) padded with trailing spaces, which also end the line with a hard break; a body
//! line's four-space indent becomes `>   `; a Docusaurus body continues the quote lazily,
//! and its closing `:::` becomes blank. Code fences are left alone.

use crate::read::dialects::containers::Fences;
use std::borrow::Cow;

/// `text` with its admonitions as block quotes (every line the same length as before).
pub fn as_quotes(text: &str) -> Cow<'_, str> {
    if !text.contains("!!!") && !text.contains("???") && !text.contains(":::") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut fences = Fences::default();
    // Inside a MkDocs body (indented lines) or a Docusaurus block (until `:::`).
    let mut mkdocs = false;
    let mut colons = false;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\r', '\n']);
        let ending = &line[body.len()..];
        let indented = body.starts_with("    ") || body.starts_with('\t');
        let in_body = mkdocs && indented;
        // A blank line does not end a MkDocs body; the next indented line continues it.
        if mkdocs && body.trim().is_empty() {
            out.push_str(line);
            continue;
        }
        if !in_body && fences.in_code(body) {
            out.push_str(line);
            continue;
        }
        let rewritten = if in_body {
            // Four spaces or a tab: the same number of bytes as `>   ` or `>`.
            Some(match body.strip_prefix('\t') {
                Some(rest) => format!(">{rest}"),
                None => format!(">   {}", &body[4..]),
            })
        } else if colons && body.trim() == ":::" {
            colons = false;
            Some(" ".repeat(body.len()))
        } else {
            mkdocs = false;
            match title_line(body) {
                Some((style, title)) => {
                    mkdocs = style == Style::MkDocs;
                    colons = style == Style::Colons;
                    let marked = if title.is_empty() { String::new() } else { format!(">**{title}**") };
                    let marked = if marked.is_empty() || marked.len() > body.len() {
                        format!(">*{}*", kind_name(body))
                    } else {
                        marked
                    };
                    (marked.len() <= body.len())
                        .then(|| format!("{marked}{}", " ".repeat(body.len() - marked.len())))
                }
                None => None,
            }
        };
        match rewritten {
            Some(new) if new.len() == body.len() => {
                changed = true;
                out.push_str(&new);
                out.push_str(ending);
            }
            _ => out.push_str(line),
        }
    }
    if changed { Cow::Owned(out) } else { Cow::Borrowed(text) }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Style {
    MkDocs,
    Colons,
}

/// An admonition's opening line: its style and title (empty when it has none).
fn title_line(line: &str) -> Option<(Style, String)> {
    if line.starts_with(' ') || line.starts_with('\t') {
        return None;
    }
    for marker in ["!!!", "???+", "???"] {
        if let Some(rest) = line.strip_prefix(marker) {
            // As Python-Markdown reads it: a type and further class words, then an
            // optional quoted title, and nothing else (`!!! Deadline moved.` is prose).
            let rest = rest.trim();
            let (words, title) = match rest.find('"') {
                Some(q) if rest.ends_with('"') && rest.len() > q + 1 => {
                    (&rest[..q], &rest[q + 1..rest.len() - 1])
                }
                Some(_) => return None,
                None => (rest, ""),
            };
            let mut words = words.split_whitespace();
            let kind = words.next().unwrap_or("");
            if !is_kind(kind) || !words.all(is_kind) {
                return None;
            }
            return Some((Style::MkDocs, title.trim().to_string()));
        }
    }
    let rest = line.strip_prefix(":::")?.trim();
    // Docusaurus also writes `:::tip[Title with words]`.
    if let Some((kind, bracketed)) = rest.split_once('[') {
        let title = bracketed.strip_suffix(']')?;
        return (is_kind(kind.trim()) && !kind.trim().eq_ignore_ascii_case("mermaid"))
            .then(|| (Style::Colons, title.trim().to_string()));
    }
    let (kind, title) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let kind = kind.trim_end_matches(':');
    if kind.eq_ignore_ascii_case("mermaid") || !is_kind(kind) {
        return None;
    }
    Some((Style::Colons, title.trim().to_string()))
}

/// A plausible admonition type or class: one word (note, tip, warning, inline, end, …).
fn is_kind(kind: &str) -> bool {
    !kind.is_empty()
        && kind.len() <= 16
        && kind.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The type named on an opening line, capitalised (`Note`, `Warning`).
fn kind_name(line: &str) -> String {
    let rest = line.trim_start_matches(['!', '?', '+', ':']).trim();
    let kind: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let mut chars = kind.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_shape(a: &str, b: &str) {
        assert_eq!(a.len(), b.len());
        assert!(a.lines().zip(b.lines()).all(|(x, y)| x.len() == y.len()), "{a:?}\n{b:?}");
    }

    #[test]
    fn mkdocs_admonitions_become_quotes_of_the_same_length() {
        let text = "# T\n\n!!! note \"Planning assumptions\"\n    All dates assume sprints.\n    Holidays are excluded.\n\n??? warning\n    Risky.\n\nAfter.\n";
        let out = as_quotes(text);
        same_shape(text, &out);
        assert!(out.contains(">**Planning assumptions**"), "{out}");
        assert!(out.contains(">   All dates assume sprints."));
        assert!(out.contains(">*Warning*"));
        assert!(out.contains("\nAfter.\n"));
    }

    #[test]
    fn docusaurus_admonitions_become_quotes_and_mermaid_stays() {
        let text =
            ":::tip Status\nOn track.\n:::\n\n:::danger\nLegacy API goes.\n:::\n\n::: mermaid\ngantt\n:::\n";
        let out = as_quotes(text);
        same_shape(text, &out);
        assert!(out.starts_with(">**Status**"), "{out}");
        assert!(out.contains(">*Danger*"));
        assert!(!out.contains(":::\n\n:::danger"));
        assert!(out.contains("::: mermaid\ngantt\n:::"), "{out}");
    }

    #[test]
    fn fenced_examples_and_prose_stay_as_written() {
        let text = "```markdown\n!!! note \"x\"\n    y\n```\n\nWow!!! that was fast.\n\n!!! Deadline moved to 1 March.\n";
        assert_eq!(as_quotes(text), text);
    }

    #[test]
    fn bodies_over_blank_lines_tabs_classes_and_bracket_titles() {
        let text = "!!! note inline end \"Side note\"\n    One.\n\n    Two.\n\tThree.\nAfter.\n\n:::note[Release freeze starts Monday]\nBody.\n:::\n";
        let out = as_quotes(text);
        same_shape(text, &out);
        assert!(out.starts_with(">**Side note**"), "{out}");
        assert!(out.contains(">   One.\n\n>   Two.\n>Three.\nAfter."), "{out}");
        assert!(out.contains(">**Release freeze starts Monday**"), "{out}");
    }
}
