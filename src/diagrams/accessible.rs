//! A diagram's own accessible title and description (`accTitle: …`, `accDescr: …`,
//! `accDescr { … }`), which Mermaid accepts in every diagram kind: the alternative text of
//! its drawing, before any generated description.

/// `accTitle` and `accDescr` joined as one sentence or two, if the diagram has either.
pub fn own_description(source: &str) -> Option<String> {
    let mut title = None;
    let mut description: Option<String> = None;
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        let line = line.trim();
        if let Some(rest) = strip_keyword(line, "accTitle") {
            if let Some(text) = rest.strip_prefix(':') {
                title = Some(text.trim().to_string());
            }
        } else if let Some(rest) = strip_keyword(line, "accDescr") {
            if let Some(text) = rest.strip_prefix(':') {
                description = Some(text.trim().to_string());
            } else if let Some(rest) = rest.strip_prefix('{') {
                // Up to the closing brace, over as many lines as it takes.
                let mut text = String::new();
                let mut rest = rest.to_string();
                loop {
                    if let Some(end) = rest.find('}') {
                        push_words(&mut text, &rest[..end]);
                        break;
                    }
                    push_words(&mut text, &rest);
                    match lines.next() {
                        Some(next) => rest = next.to_string(),
                        None => break,
                    }
                }
                description = Some(text);
            }
        }
    }
    let parts: Vec<String> = [title, description]
        .into_iter()
        .flatten()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    if parts.is_empty() {
        return None;
    }
    Some(parts.iter().map(|p| sentence(p)).collect::<Vec<_>>().join(" "))
}

/// The rest of `line` after `keyword` and any spaces, if it starts with it.
fn strip_keyword<'a>(line: &'a str, keyword: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(keyword)?;
    Some(rest.trim_start())
}

fn push_words(text: &mut String, piece: &str) {
    let piece = piece.trim();
    if piece.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(piece);
}

/// `text` ending as a sentence does, so that a title and a description read as two.
fn sentence(text: &str) -> String {
    if text.ends_with(['.', '!', '?', ':', '…']) { text.to_string() } else { format!("{text}.") }
}

#[cfg(test)]
mod tests {
    use super::own_description;

    #[test]
    fn title_and_one_line_description() {
        let source =
            "flowchart LR\n  accTitle: Release flow\n  accDescr: From draft to published\n  A --> B\n";
        assert_eq!(own_description(source).as_deref(), Some("Release flow. From draft to published."));
    }

    #[test]
    fn a_description_in_braces_over_several_lines() {
        let source = "pie\n accDescr {\n   Budget by area:\n   most goes to hosting\n }\n \"Hosting\" : 60\n";
        assert_eq!(own_description(source).as_deref(), Some("Budget by area: most goes to hosting."));
    }

    #[test]
    fn none_without_either() {
        assert_eq!(own_description("flowchart LR\n A --> B\n"), None);
        assert_eq!(own_description("flowchart LR\n accTitle:   \n"), None);
    }

    #[test]
    fn an_unclosed_brace_takes_the_rest() {
        assert_eq!(own_description("pie\naccDescr {\nshares").as_deref(), Some("shares."));
    }
}
