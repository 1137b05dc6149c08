//! Guesses the language of a page from its words, for pages without a `lang` key.

use crate::model::{Block, Inline};

const DANISH: &[&str] = &[
    "og",
    "af",
    "til",
    "for",
    "med",
    "er",
    "det",
    "den",
    "på",
    "en",
    "et",
    "som",
    "at",
    "de",
    "ikke",
    "fra",
    "har",
    "skal",
    "vil",
    "kan",
    "hvor",
    "også",
    "eller",
    "efter",
    "samt",
    "sidst",
    "opdateret",
];
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "with", "is", "in", "on", "a", "this", "that", "from", "are", "be", "will",
    "by", "as", "an", "it", "or", "we", "our",
];
const GERMAN: &[&str] =
    &["und", "der", "die", "das", "mit", "ist", "nicht", "ein", "eine", "für", "von", "zu", "im", "auf"];
const FRENCH: &[&str] =
    &["le", "la", "les", "et", "des", "du", "un", "une", "pour", "dans", "est", "sur", "par", "au"];

/// An ISO 639-1 code: `da`, `en`, `de` or `fr`, by counting common function words.
pub fn detect(blocks: &[Block], title: &str) -> String {
    let mut text = title.to_lowercase();
    collect_text(blocks, &mut text);
    let words: Vec<&str> = text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
    let score = |list: &[&str]| words.iter().filter(|w| list.contains(w)).count();
    let danish_letters = text.chars().filter(|c| matches!(c, 'æ' | 'ø' | 'å')).count();
    let candidates = [
        ("da", score(DANISH) * 2 + danish_letters),
        ("en", score(ENGLISH) * 2),
        ("de", score(GERMAN) * 2),
        ("fr", score(FRENCH) * 2),
    ];
    candidates
        .iter()
        .max_by_key(|(_, s)| *s)
        .filter(|(_, s)| *s > 0)
        .map_or("en", |(code, _)| code)
        .to_string()
}

fn collect_text(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                out.push(' ');
                out.push_str(&Inline::plain(content).to_lowercase());
            }
            Block::List { items, .. } => {
                for item in items {
                    collect_text(&item.blocks, out);
                }
            }
            Block::Quote { blocks, .. } | Block::Footnote { blocks, .. } => collect_text(blocks, out),
            Block::Table { header, rows, .. } => {
                for cell in header.iter().chain(rows.iter().flatten()) {
                    out.push(' ');
                    out.push_str(&Inline::plain(cell).to_lowercase());
                }
            }
            Block::Html { text, .. } => {
                out.push(' ');
                out.push_str(&text.to_lowercase());
            }
            Block::Code { .. } | Block::Diagram { .. } | Block::Rule { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Vec<Block> {
        vec![Block::Paragraph { content: vec![Inline::Text { text: text.into() }], line: 1 }]
    }

    #[test]
    fn tells_danish_from_english() {
        assert_eq!(
            detect(&para("Sekretariatssupporten til OS2forms kan deles op i fire hovedspor"), ""),
            "da"
        );
        assert_eq!(detect(&para("The roadmap of the project and its milestones"), ""), "en");
        assert_eq!(detect(&[], ""), "en");
    }
}
