//! Mermaid diagrams written as containers instead of code fences, as documentation sites
//! other than plain CommonMark write them:
//!
//! - Azure DevOps wikis: `::: mermaid` … `:::`;
//! - HTML, as kramdown (Jekyll) pages and Mermaid's own docs embed diagrams:
//!   `<div class="mermaid">` … `</div>` and `<pre class="mermaid">` … `</pre>`;
//! - Hugo shortcodes: `{{< mermaid >}}` (parameters allowed) … `{{< /mermaid >}}`;
//! - the jekyll-mermaid plugin: `{% mermaid %}` … `{% endmermaid %}`.
//!
//! Each opening and closing line is rewritten to a code fence of the same byte length, so
//! every offset into the text stays valid for diagnostics. An HTML container's fence says
//! so ([`HTML_INFO`]): its entities are decoded when the diagram is read. Only a container whose opening
//! and closing lines stand alone is rewritten, never one inside a code fence (a page that
//! documents the syntax shows it as written). A container that is never closed stays as
//! written, with a warning.

use crate::diag::{Diagnostic, Span};
use std::borrow::Cow;

/// The info string an HTML container's opening line becomes (`<div class="mermaid">`, and
/// Hugo's shortcode, which puts the chart into the page's HTML). Its text is HTML, so its
/// entities (`&amp;`, `&gt;`, `&#58;`) are decoded before the diagram is read, as the
/// browser does before Mermaid sees it. Short, because the fence must fit the shortest
/// opening line, `{{<mermaid>}}`.
pub const HTML_INFO: &str = "mermaid{h}";
const HTML_FENCE: &str = "```mermaid{h}";

/// The container kinds, with how to recognise their opening and closing lines.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Colons,
    Div,
    Pre,
    Hugo,
    Liquid,
}

/// `text` with every Mermaid container turned into a same-length fenced code block.
/// Unclosed containers are reported in `diagnostics` (spans into `text`).
pub fn as_fences<'a>(text: &'a str, diagnostics: &mut Vec<Diagnostic>) -> Cow<'a, str> {
    if !["mermaid", "Mermaid"].iter().any(|w| text.contains(w)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<(usize, &str)> = line_spans(text);
    // (line index, whether it opens the container), and each opening line's kind
    let mut rewrites: Vec<(usize, bool)> = Vec::new();
    let mut kinds: std::collections::HashMap<usize, Kind> = std::collections::HashMap::new();
    let mut fences = Fences::default();
    let mut open: Option<(usize, Kind)> = None;
    for (i, &(_, line)) in lines.iter().enumerate() {
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if let Some((i_open, kind)) = open {
            if closes(trimmed, kind) {
                kinds.insert(i_open, kind);
                rewrites.push((i_open, true));
                rewrites.push((i, false));
                open = None;
            }
            continue;
        }
        if fences.in_code(trimmed) {
            continue;
        }
        if let Some(kind) = opens(trimmed) {
            open = Some((i, kind));
        }
    }
    if let Some((line, _)) = open {
        let (start, content) = lines[line];
        let opener = content.trim_end_matches(['\r', '\n']);
        diagnostics.push(
            Diagnostic::warning(
                crate::read::codes::markdown::UNCLOSED_CONTAINER,
                format!("`{}` opens a Mermaid diagram that is never closed; it is read as text", opener.trim()),
            )
            .with_span(Span::new(start, start + opener.len()))
            .with_hint("close it with its end line (`:::`, `</div>`, `</pre>`, `{{< /mermaid >}}` or `{% endmermaid %}`)"),
        );
    }
    if rewrites.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for (line, opening) in rewrites {
        let (start, content) = lines[line];
        let body = content.trim_end_matches(['\r', '\n']);
        let fence = match (opening, kinds.get(&line)) {
            // Hugo's shortcode puts the chart into the page's HTML as it is.
            (true, Some(Kind::Div | Kind::Pre | Kind::Hugo)) => HTML_FENCE,
            (true, _) => "```mermaid",
            (false, _) => "```",
        };
        // A line shorter than its fence cannot happen (every opening line names
        // "mermaid"; every closing line is at least three bytes), but stay safe.
        if body.len() < fence.len() {
            continue;
        }
        let replacement = format!("{fence}{}", " ".repeat(body.len() - fence.len()));
        out.replace_range(start..start + body.len(), &replacement);
    }
    Cow::Owned(out)
}

/// Each line's start offset and text, line ending included.
fn line_spans(text: &str) -> Vec<(usize, &str)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        spans.push((start, line));
        start += line.len();
    }
    spans
}

/// Follows a page line by line and tells which lines are code: a fence line, or a line
/// inside a fenced block. A page that documents a syntax shows it in fences, as written.
#[derive(Default)]
pub(crate) struct Fences {
    open: Option<(char, usize)>,
}

impl Fences {
    /// Takes the next line (without its line ending); true when it is code.
    pub(crate) fn in_code(&mut self, line: &str) -> bool {
        if let Some((c, n)) = fence_marker(line) {
            match self.open {
                None => self.open = Some((c, n)),
                Some((fc, fnum)) if c == fc && n >= fnum && line.trim().chars().all(|x| x == c) => {
                    self.open = None
                }
                Some(_) => {}
            }
            return true;
        }
        self.open.is_some()
    }
}

/// A code fence line (up to three spaces, then three or more backticks or tildes).
fn fence_marker(line: &str) -> Option<(char, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = rest.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

fn opens(line: &str) -> Option<Kind> {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix(":::") {
        return (rest.trim().eq_ignore_ascii_case("mermaid")).then_some(Kind::Colons);
    }
    let lower = t.to_ascii_lowercase();
    for (tag, kind) in [("<div", Kind::Div), ("<pre", Kind::Pre)] {
        if lower.starts_with(tag) && lower.ends_with('>') && has_mermaid_class(&lower) {
            return Some(kind);
        }
    }
    if is_hugo_mermaid(&lower) {
        return Some(Kind::Hugo);
    }
    let compact: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    match compact.as_str() {
        "{%mermaid%}" | "{%-mermaid-%}" => Some(Kind::Liquid),
        _ => None,
    }
}

/// `{{< mermaid >}}` or `{{% mermaid %}}`, with or without parameters
/// (`{{< mermaid align="left" >}}`, as the Learn and Relearn themes write it).
fn is_hugo_mermaid(line: &str) -> bool {
    let inner = [("{{<", ">}}"), ("{{%", "%}}")]
        .iter()
        .find_map(|(open, close)| line.strip_prefix(open)?.strip_suffix(close));
    inner.is_some_and(|inner| {
        let inner = inner.trim_start();
        inner
            .strip_prefix("mermaid")
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
    })
}

fn closes(line: &str, kind: Kind) -> bool {
    let t = line.trim().to_ascii_lowercase();
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    match kind {
        Kind::Colons => t == ":::",
        Kind::Div => t == "</div>",
        Kind::Pre => t == "</pre>",
        Kind::Hugo => compact == "{{</mermaid>}}" || compact == "{{%/mermaid%}}",
        Kind::Liquid => compact == "{%endmermaid%}" || compact == "{%-endmermaid-%}",
    }
}

/// `class="mermaid"`, `class='x mermaid'`: a class attribute with the word `mermaid`.
fn has_mermaid_class(tag: &str) -> bool {
    let Some(at) = tag.find("class=") else {
        return false;
    };
    let rest = &tag[at + 6..];
    let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        return false;
    };
    let value = rest[1..].split(quote).next().unwrap_or("");
    value.split_whitespace().any(|class| class == "mermaid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_container_becomes_a_fence_of_the_same_length() {
        let text = "a\n\n::: mermaid\ngantt\n:::\n\n<div class=\"mermaid\">\ngantt\n</div>\n\n\
                    <pre class='diagram mermaid'>\npie\n</pre>\n\n{{< mermaid >}}\ngantt\n{{< /mermaid >}}\n\n\
                    {% mermaid %}\ngantt\n{% endmermaid %}\n\n{{< mermaid align=\"left\" >}}\ngantt\n{{</mermaid>}}\n";
        let out = as_fences(text, &mut Vec::new());
        assert_eq!(out.len(), text.len());
        assert_eq!(out.lines().count(), text.lines().count());
        let opening = out.lines().filter(|l| l.trim_end() == "```mermaid").count();
        let html = out.lines().filter(|l| l.trim_end() == HTML_FENCE).count();
        let closing = out.lines().filter(|l| l.trim_end() == "```").count();
        assert_eq!((opening, html, closing), (2, 4, 6), "{out}");
        // The diagram lines themselves are untouched.
        assert_eq!(out.lines().filter(|l| *l == "gantt").count(), 5);
    }

    #[test]
    fn containers_inside_fences_and_unclosed_ones_stay_as_written() {
        let fenced = "```markdown\n::: mermaid\ngantt\n:::\n```\n";
        let mut diags = Vec::new();
        assert_eq!(as_fences(fenced, &mut diags), fenced);
        let other = "<div class=\"note\">\nmermaid is nice\n</div>\n";
        assert_eq!(as_fences(other, &mut diags), other);
        assert!(diags.is_empty());
        let unclosed = "::: mermaid\ngantt\n  a :2025-01-01, 1d\n";
        assert_eq!(as_fences(unclosed, &mut diags), unclosed);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, crate::read::codes::markdown::UNCLOSED_CONTAINER);
        assert_eq!(diags[0].span.map(|s| (s.start, s.end)), Some((0, 11)));
    }

    #[test]
    fn crlf_lines_keep_their_line_endings() {
        let text = "::: mermaid\r\ngantt\r\n:::\r\n";
        let out = as_fences(text, &mut Vec::new());
        assert_eq!(out, "```mermaid \r\ngantt\r\n```\r\n");
    }
}
