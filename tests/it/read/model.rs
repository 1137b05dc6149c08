//! The reader on the seed and the real corpus: no text lost, tracks linked, snapshots.

use crate::common::{all_strings, corpus_files, read, seed};
use boardpack::model::Inline;

/// The words a reader sees in the page source: HTML tags, entities, Liquid tags and the
/// front-matter block removed, then split on anything that is not a letter or digit.
fn source_words(text: &str) -> Vec<String> {
    let body = match text.strip_prefix("---\n").and_then(|rest| rest.find("\n---").map(|i| &rest[i + 4..])) {
        Some(body) => body.to_string(),
        None => text.to_string(),
    };
    let mut cleaned = String::with_capacity(body.len());
    let mut rest = body.as_str();
    // Drop {{ ... }}, {% ... %}, <tags> and &entities; (their output or text is checked
    // by the unit tests of the Liquid and Markdown stages).
    while let Some(i) = rest.find(['{', '<', '&']) {
        cleaned.push_str(&rest[..i]);
        let tail = &rest[i..];
        let close = if tail.starts_with("{{") {
            tail.find("}}").map(|e| e + 2)
        } else if tail.starts_with("{%") {
            tail.find("%}").map(|e| e + 2)
        } else if tail.starts_with('<')
            && tail[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!')
        {
            tail.find('>').map(|e| e + 1)
        } else if tail.starts_with('&') {
            tail.find(';')
                .filter(|&e| e < 10 && tail[1..e].chars().all(|c| c.is_ascii_alphanumeric() || c == '#'))
                .map(|e| e + 1)
        } else {
            None
        };
        match close {
            Some(len) => {
                cleaned.push(' ');
                rest = &tail[len..];
            }
            None => {
                cleaned.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    cleaned.push_str(rest);
    cleaned.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

#[test]
fn no_text_of_any_page_is_lost() {
    for path in corpus_files().into_iter().chain([seed()]) {
        let document = read(&path);
        let json = serde_json::to_value(&document.roadmap).unwrap_or_default();
        let mut strings = String::new();
        all_strings(&json, &mut strings);
        let missing: Vec<String> =
            source_words(&document.text).into_iter().filter(|w| !strings.contains(w.as_str())).collect();
        assert!(
            missing.is_empty(),
            "{}: words of the page missing from the model: {:?}",
            path.display(),
            &missing[..missing.len().min(20)]
        );
    }
}

#[test]
fn the_seed_reads_its_metadata_and_liquid() {
    let document = read(&seed());
    let roadmap = &document.roadmap;
    assert_eq!(roadmap.title, "Roadmap og timeline for sekretariatssupport til OS2forms");
    assert_eq!(roadmap.meta.author.as_deref(), Some("Anna-Lis Berg"));
    assert_eq!(roadmap.meta.date.map(|d| d.to_string()).as_deref(), Some("2025-08-19"));
    assert_eq!(roadmap.meta.status.as_deref(), Some("Udkast"));
    assert!(roadmap.meta.draft);
    assert_eq!(roadmap.lang, "da");
    let json = serde_json::to_string(&roadmap.blocks).unwrap_or_default();
    assert!(json.contains("sidst opdateret: February 15, 2026"), "Liquid line not expanded");
}

#[test]
fn the_seed_links_its_four_tracks_to_its_four_sections() {
    let document = read(&seed());
    let roadmap = &document.roadmap;
    let names: Vec<&str> = roadmap.tracks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["Sekretariasfunktion", "Community building", "Produktforvaltning", "Produktudvikling"]
    );
    let headings: Vec<&str> = roadmap.tracks.iter().map(|t| t.heading.as_str()).collect();
    assert_eq!(headings[2], "Produktforvaltning og leverandørsamarbejde");
    assert_eq!(roadmap.tracks[0].activities.len(), 5);
    // `-  - årshjul …` is an item that holds a nested list: nesting is kept.
    let community = &roadmap.tracks[1].activities;
    assert_eq!(community.len(), 4);
    assert!(matches!(community[3].blocks.first(), Some(boardpack::model::Block::List { .. })));
}

#[test]
fn a_heading_with_a_list_under_it_is_a_track() {
    let document = read(&crate::common::fixtures().join("tracks/heading-tracks.md"));
    let tracks = &document.roadmap.tracks;
    let summary: Vec<(&str, &str, usize, usize)> = tracks
        .iter()
        .map(|t| (t.name.as_str(), t.heading.as_str(), t.activities.len(), t.notes.len()))
        .collect();
    // `## Launch` has no list under it, and `## Notes` names no section: both stay body.
    assert_eq!(summary, [("Design", "Design", 2, 1), ("Build", "Build phase (backend and frontend)", 2, 0)]);
    let design = &tracks[0];
    // Nesting is kept: the second activity holds its own list.
    assert!(matches!(design.activities[1].blocks.get(1), Some(boardpack::model::Block::List { .. })));
    let [start, end] = design.blocks.unwrap_or_default();
    assert!(matches!(document.roadmap.blocks.get(start), Some(boardpack::model::Block::Heading { .. })));
    assert_eq!(end - start, 3, "heading, paragraph and list");
}

#[test]
fn mermaid_containers_of_wikis_html_hugo_and_jekyll_are_diagrams() {
    let document = read(&crate::common::fixtures().join("containers/all-forms.md"));
    let roadmap = &document.roadmap;
    let sections: Vec<String> = roadmap
        .diagrams
        .iter()
        .filter_map(|d| d.gantt.as_ref())
        .flat_map(|t| t.sections.iter().map(|s| s.name.clone()))
        .collect();
    assert_eq!(sections, ["Azure", "Div", "Pre", "Hugo", "Jekyll"]);
    // Positions point into the page as written: the bad date is on line 45, column 9.
    let codes: Vec<(&str, usize, usize)> =
        roadmap.diagnostics.iter().map(|d| (d.code, d.line.unwrap_or(0), d.column.unwrap_or(0))).collect();
    assert_eq!(codes, [("gantt::invalid-date", 45, 9)], "{:#?}", roadmap.diagnostics);
    // The fenced example stays a code block.
    assert!(
        roadmap
            .blocks
            .iter()
            .any(|b| matches!(b, boardpack::model::Block::Code { text, .. } if text.contains("::: mermaid")))
    );
}

#[test]
fn an_html_container_has_its_entities_decoded_and_positions_kept() {
    let document = read(&crate::common::fixtures().join("containers/html-entities.md"));
    let roadmap = &document.roadmap;
    let charts: Vec<&boardpack::model::Timeline> =
        roadmap.diagrams.iter().filter_map(|d| d.gantt.as_ref()).collect();
    assert_eq!(charts.len(), 2);
    let names: Vec<&str> = charts[0].tasks.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Research & design", "Build <core>", "Café – launch — party"]);
    assert_eq!(charts[0].sections[0].name, "R&D");
    assert_eq!(charts[0].title, "Design & build > ship");
    // A code fence is Markdown, not HTML: its text stays as written.
    assert_eq!(charts[1].tasks[0].name, "Fenced &amp; kept as written");
    // Lines and columns are those of the page as written, entities and all.
    let codes: Vec<(&str, usize, usize)> =
        roadmap.diagnostics.iter().map(|d| (d.code, d.line.unwrap_or(0), d.column.unwrap_or(0))).collect();
    assert_eq!(codes, [("gantt::invalid-date", 17, 48)], "{:#?}", roadmap.diagnostics);
    assert_eq!(charts[0].tasks[2].line, 17);
}

#[test]
fn admonitions_are_quotes_and_mdx_imports_are_not_content() {
    let page = "import Tabs from '@theme/Tabs';\n\n# Plan\n\n:::tip Status\nOn track.\n:::\n\n!!! warning \"Risks\"\n    The API may change.\n";
    let document =
        boardpack::read::read_bytes(page.as_bytes(), "plan.mdx", None, &crate::common::read_options());
    let blocks = &document.roadmap.blocks;
    let quotes = blocks.iter().filter(|b| matches!(b, boardpack::model::Block::Quote { .. })).count();
    assert_eq!(quotes, 2, "{blocks:#?}");
    let json = serde_json::to_string(blocks).unwrap_or_default();
    for gone in ["import", ":::", "!!!"] {
        assert!(!json.contains(gone), "{gone} in {json}");
    }
    for kept in ["Status", "On track.", "Risks", "The API may change."] {
        assert!(json.contains(kept), "{kept} missing from {json}");
    }
}

#[test]
fn a_liquid_comment_inside_a_chart_keeps_later_positions_exact() {
    let page = "# P\n\n```mermaid\ngantt\n    dateFormat YYYY-MM-DD\n    section S\n    {% comment %}\n    Old :o, 2026-01-01, 5d\n    {% endcomment %}\n    Bad :b, 2026-13-01, 5d\n```\n";
    let document =
        boardpack::read::read_bytes(page.as_bytes(), "plan.md", None, &crate::common::read_options());
    let bad: Vec<(usize, usize)> = document
        .roadmap
        .diagnostics
        .iter()
        .filter(|d| d.code == "gantt::invalid-date")
        .map(|d| (d.line.unwrap_or(0), d.column.unwrap_or(0)))
        .collect();
    assert_eq!(bad, [(10, 13)]);
}

#[test]
fn a_garbled_front_matter_still_reads_with_a_title_from_the_heading() {
    let path = crate::common::fixtures().join("corpus/os2opendata-garbled-frontmatter.md");
    let document = read(&path);
    assert_eq!(document.roadmap.title, "OS2opendata.dk");
    assert!(
        document.roadmap.diagnostics.iter().any(|d| d.code == "frontmatter::garbled" && d.line == Some(1))
    );
}

#[test]
fn model_snapshots() {
    let mut files = corpus_files();
    files.push(seed());
    for path in files {
        let document = read(&path);
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("x").to_string();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(name);
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_json_snapshot!("model", document.roadmap));
    }
}

#[test]
fn inline_plain_text_flattens_markup() {
    let inlines = vec![
        Inline::Strong { content: vec![Inline::Text { text: "A".into() }] },
        Inline::SoftBreak,
        Inline::Link { url: "x".into(), content: vec![Inline::Text { text: "b".into() }] },
    ];
    assert_eq!(Inline::plain(&inlines), "A b");
}
