//! Names as the templates show them: a word too long for any column (an identifier, a
//! URL) gets places where a line may break, so it wraps inside its column instead of
//! running under the bars (Typst breaks lines only between words; hyphenation is off);
//! and texts shortened for the one-line page footer.

/// Words up to this many characters are left alone: they fit every name column.
const LONG_WORD: usize = 28;
/// In a long word, the longest run of characters without a place to break.
const RUN: usize = 14;
/// A break opportunity that draws nothing (ZERO WIDTH SPACE).
const BREAK: char = '\u{200B}';

/// `name` with break opportunities in its overlong words: after `_ / - . : ? & = #`, and
/// within runs longer than [`RUN`] characters.
pub fn breakable(name: &str) -> String {
    if !name.split_whitespace().any(|w| w.chars().count() > LONG_WORD) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len() + 16);
    let mut run = 0;
    let mut word_len = 0;
    let mut in_long_word = false;
    for (i, c) in name.char_indices() {
        if c.is_whitespace() {
            run = 0;
            word_len = 0;
            in_long_word = false;
            out.push(c);
            continue;
        }
        if word_len == 0 {
            let word = &name[i..];
            let len = word.chars().take_while(|c| !c.is_whitespace()).count();
            in_long_word = len > LONG_WORD;
        }
        word_len += 1;
        if in_long_word && run >= RUN {
            out.push(BREAK);
            run = 0;
        }
        out.push(c);
        run += 1;
        if in_long_word && matches!(c, '_' | '/' | '-' | '.' | ':' | '?' | '&' | '=' | '#') {
            out.push(BREAK);
            run = 0;
        }
    }
    out
}

/// `text` cut to at most `max` characters, at a word boundary where there is one in its
/// second half, ending in "…".
pub fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = cut.rfind(char::is_whitespace).filter(|&i| cut[..i].chars().count() >= max / 2);
    let kept = at_word.map_or(cut.as_str(), |i| &cut[..i]);
    let kept =
        kept.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '–' | '-' | '·'));
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_shortened_at_a_word() {
        assert_eq!(shortened("Roadmap 2026", 70), "Roadmap 2026");
        let title = "Strategisk handlingsplan for digitalisering af den kommunale sagsbehandling på tværs af forvaltninger";
        let short = shortened(title, 70);
        assert!(short.chars().count() <= 70, "{short}");
        assert_eq!(short, "Strategisk handlingsplan for digitalisering af den kommunale…");
        let word = "x".repeat(100);
        assert_eq!(shortened(&word, 10).chars().count(), 10);
    }

    #[test]
    fn only_overlong_words_get_break_opportunities() {
        assert_eq!(
            breakable("Overdragelse af årshjul til produktkoordinatoren"),
            "Overdragelse af årshjul til produktkoordinatoren"
        );
        let long = "Migrate_github_actions_workflow_to_reusable_workflows now";
        let out = breakable(long);
        assert_eq!(out.replace(BREAK, ""), long);
        assert!(out.starts_with("Migrate_\u{200B}github_\u{200B}"), "{out}");
        assert!(out.ends_with(" now"));
        // A word without punctuation breaks every RUN characters.
        let out = breakable("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assert!(out.split(BREAK).all(|run| run.chars().count() <= RUN), "{out}");
    }
}
