//! Property tests: pages assembled from the pieces real roadmaps are made of (and from
//! arbitrary bytes) never make the reader panic, and never make a template fail.

use boardpack::read::{ReadOptions, read_bytes};
use boardpack::view::{self, ReportOptions};
use proptest::prelude::*;

fn options() -> ReadOptions {
    crate::common::read_options()
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("---".to_string()),
        Just("title: \"Plan\"\ndate: 19-08-2025\nstatus: Udkast".to_string()),
        Just("# Heading".to_string()),
        Just("## Sub *emph* **strong** `code` [link](https://x.org) ![img](a.png)".to_string()),
        Just("{{ site.time | date: '%B %d, %Y' }} {{ page.title | upcase }} {% raw %}{{x}}{% endraw %}".to_string()),
        Just("{% if x %}y{% endif %} {{ nope".to_string()),
        Just("<div>html <b>bold</b></div>".to_string()),
        Just("| a | b |\n|---|---|\n| 1 | 2 |".to_string()),
        Just("```mermaid\ngantt\n    dateFormat YYYY-MM-DD".to_string()),
        Just("    section Sekretariat".to_string()),
        Just("```".to_string()),
        Just("~~~{mermaid}\npie\n~~~".to_string()),
        Just("> quote\n> > nested".to_string()),
        Just("[^1]: a footnote".to_string()),
        (0usize..12, "[a-zæøå ]{0,20}").prop_map(|(indent, text)| format!("{}- {text}", " ".repeat(indent))),
        (1u32..9, "[A-Za-z ]{1,15}").prop_map(|(n, text)| format!("{n}. **{text}** og mere")),
        ("[A-Za-zæøå ]{1,20}", 2024i32..2027, 1u32..13, 0u32..32, "[0-9]{1,2}[dwM]")
            .prop_map(|(name, y, m, d, dur)| format!("    {name} :t{d}, {y}-{m:02}-{d:02}, {dur}")),
        "[A-Za-z]{1,8} *: *(crit|done|active|milestone|vert)?, *(after [a-z0-9]{1,3}|[0-9-]{1,10}) *, *[0-9a-z-]{0,10}"
            .prop_map(|s| format!("    {s}")),
        any::<String>(),
    ]
}

fn page() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|pieces| pieces.join("\n"))
}

fn report(page: &[u8]) -> Result<(), String> {
    let document = read_bytes(page, "prop.md", None, &options());
    serde_json::to_vec(&document.roadmap).map_err(|e| e.to_string())?;
    for quarter in [None, boardpack::quarter::Quarter::new(2026, 1)] {
        let options = ReportOptions { quarter, ..crate::common::own_language_report(&document.roadmap) };
        let data = view::build(&document.roadmap, &options);
        boardpack::render::compile(&data, None).map_err(|e| e.to_string())?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_read_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let document = read_bytes(&bytes, "bytes.md", None, &options());
        prop_assert!(serde_json::to_vec(&document.roadmap).is_ok());
    }

    #[test]
    fn roadmap_like_pages_read_without_panic(page in page()) {
        let document = read_bytes(page.as_bytes(), "page.md", None, &options());
        for d in &document.roadmap.diagnostics {
            if let Some(span) = d.span {
                prop_assert!(span.end <= document.text.len());
            }
        }
    }
}

proptest! {
    // Each case lays out two reports with Typst, so fewer cases.
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn roadmap_like_pages_always_lay_out(page in page()) {
        prop_assert_eq!(report(page.as_bytes()), Ok(()));
    }
}

/// Every kind of text a page can hold, in every place a report shows text, makes a PDF:
/// a sweep over all of Unicode (every 89th code point: every plane, block and category,
/// controls, combining marks, private use, unassigned), and strings known to be hard.
#[test]
fn every_kind_of_text_exports_to_a_pdf() {
    let sweep: Vec<char> = (0u32..=0x10FFFF).step_by(89).filter_map(char::from_u32).collect();
    let mut texts: Vec<String> = sweep.chunks(2500).map(|c| c.iter().collect()).collect();
    texts.extend([
        "\u{0}\u{1}\u{7}\u{8}\u{b}\u{c}\u{1b}[31m\u{7f}".to_string(),
        (0x80u32..0xA0).filter_map(char::from_u32).collect(),
        format!("e{}", "\u{301}".repeat(5000)),
        "\u{202e}abc\u{202c} \u{2066}x\u{2069} \u{200d}\u{200b}\u{feff}\u{ad}".to_string(),
        "👩‍👩‍👧‍👦 🏳️‍🌈 🇩🇰 1️⃣".to_string(),
        "\u{2028}\u{2029}\u{85}".to_string(),
        "x".repeat(40_000),
    ]);
    for text in &texts {
        // Mermaid syntax characters would change the chart's meaning: keep them out there.
        let name: String =
            text.chars().filter(|c| !matches!(c, ':' | '#' | ';' | '\n' | '\r' | '%' | ',')).collect();
        let page = format!(
            "---\ntitle: \"{}\"\n---\n\n# {text}\n\n{text}\n\n| {text} |\n|---|\n| {text} |\n\n`{text}`\n\n```\n{text}\n```\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section {name}\n    {name} :a1, 2026-01-05, 3d\n```\n\n1. **{name}** {text}\n   - {text}\n",
            name.replace(['"', '\\'], "")
        );
        let document = read_bytes(page.as_bytes(), "text.md", None, &options());
        let options = crate::common::own_language_report(&document.roadmap);
        let exported = boardpack::report::export::export(&document, &options);
        let first: String = text.chars().take(12).collect();
        assert!(
            exported.as_ref().is_ok_and(|e| e.pdf.starts_with(b"%PDF-")),
            "{first:?}…: {:?}",
            exported.err()
        );
    }
}
