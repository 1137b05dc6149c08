//! The stated bounds on a diagram given to the renderer. Layout time grows faster than
//! the diagram (a 1,000-node flowchart takes half a second, a generated 20,000-node one
//! minutes), and deep nesting means deep recursion: a diagram beyond these is shown as
//! source with a diagnostic instead. No roadmap page comes near them.

use std::time::Duration;

/// The most text one diagram may have.
pub const MAX_SOURCE_BYTES: usize = 64 * 1024;
/// The most statements (lines, `;`-separated statements and links in chains).
pub const MAX_STATEMENTS: usize = 2_000;
/// The deepest nesting: blocks such as `subgraph … end` or `state { … }`, and indentation
/// levels (a mindmap's depth).
pub const MAX_NESTING: usize = 40;
/// How long the renderer may take for one diagram before it is stopped.
pub const DEADLINE: Duration = Duration::from_secs(5);

/// Why `source` is beyond a bound, with the offset in it where that shows.
pub fn exceeded(source: &str) -> Option<(String, usize)> {
    if source.len() > MAX_SOURCE_BYTES {
        let at = floor_char_boundary(source, MAX_SOURCE_BYTES);
        return Some((
            format!(
                "it has {} KiB of text; boardpack draws diagrams of up to {} KiB",
                source.len() / 1024,
                MAX_SOURCE_BYTES / 1024
            ),
            at,
        ));
    }
    let mut statements = 0usize;
    let mut depth = 0usize;
    let mut indents: Vec<usize> = Vec::new();
    let mut offset = 0usize;
    for line in source.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("%%") {
            continue;
        }
        statements += 1 + trimmed.matches(';').count() + links_after_first(trimmed);
        if statements > MAX_STATEMENTS {
            return Some((format!("it has more than {MAX_STATEMENTS} statements"), at));
        }
        if closes_block(trimmed) {
            depth = depth.saturating_sub(1);
        } else if opens_block(trimmed) {
            depth += 1;
        }
        // Indentation levels: each deeper indent than the one before is one level more.
        let indent = indent_columns(line);
        while indents.last().is_some_and(|&last| last >= indent) {
            indents.pop();
        }
        indents.push(indent);
        if depth.max(indents.len().saturating_sub(1)) > MAX_NESTING {
            return Some((format!("it is nested more than {MAX_NESTING} levels deep"), at));
        }
    }
    None
}

/// Links beyond the first on one line (`A --> B --> C` is two statements).
fn links_after_first(line: &str) -> usize {
    let links = ["-->", "---", "==>", "-.->", "->>", "-->>", "--x", "--o"]
        .iter()
        .map(|arrow| line.matches(arrow).count())
        .max()
        .unwrap_or(0);
    links.saturating_sub(1)
}

fn opens_block(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("");
    matches!(
        first,
        "subgraph" | "loop" | "alt" | "opt" | "par" | "critical" | "break" | "rect" | "box" | "namespace"
    ) || line.ends_with('{')
}

fn closes_block(line: &str) -> bool {
    line == "end" || line.starts_with('}')
}

fn indent_columns(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace() && *c != '\n').map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ordinary_flowchart_is_within_the_bounds() {
        assert_eq!(exceeded("flowchart LR\n  A[Start] --> B{Ready?}\n  B -->|yes| C\n  B -->|no| A\n"), None);
    }

    #[test]
    fn a_generated_flowchart_is_refused_at_the_statement_that_crosses_the_bound() {
        let mut source = String::from("flowchart TD\n");
        for i in 0..20_000 {
            source.push_str(&format!("n{i} --> n{}\n", i + 1));
        }
        let (why, at) = exceeded(&source).unwrap_or_default();
        assert!(why.contains("statements") || why.contains("KiB"), "{why}");
        assert!(at > 0 && at <= MAX_SOURCE_BYTES);
    }

    #[test]
    fn chains_on_one_line_count_as_statements() {
        let chain: Vec<String> = (0..3_000).map(|i| format!("a{i}")).collect();
        let source = format!("graph LR\n{}\n", chain.join("-->"));
        assert!(exceeded(&source).is_some_and(|(why, _)| why.contains("statements")));
    }

    #[test]
    fn a_deep_mindmap_is_refused_by_its_depth() {
        let mut source = String::from("mindmap\n  root\n");
        for level in 0..100 {
            source.push_str(&" ".repeat(4 + level));
            source.push_str(&format!("n{level}\n"));
        }
        assert!(exceeded(&source).is_some_and(|(why, _)| why.contains("nested")));
        // A wide one of the same size is fine.
        let wide: String = (0..100).map(|i| format!("    n{i}\n")).collect();
        assert_eq!(exceeded(&format!("mindmap\n  root\n{wide}")), None);
    }

    #[test]
    fn nested_subgraphs_are_counted() {
        let mut source = String::from("flowchart TD\n");
        for i in 0..50 {
            source.push_str(&format!("subgraph s{i}\n"));
        }
        source.push_str(&"end\n".repeat(50));
        assert!(exceeded(&source).is_some_and(|(why, _)| why.contains("nested")));
    }
}
