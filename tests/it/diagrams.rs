//! Mermaid diagrams other than gantt charts: one fixture per family in
//! `tests/fixtures/diagrams/`, each drawn with its text kept as text; a rejected diagram's
//! position; the bounds on huge diagrams; the same bytes on every run.

use crate::common::{export, fixtures, read, read_options, report_options};
use boardpack::locale::Lang;
use boardpack::model::Fit;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn family_fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures().join("diagrams"))
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "md"));
    files.sort();
    assert!(files.len() >= 20, "diagram fixtures missing");
    files
}

/// The words of a PDF as an independent reader extracts them, if poppler is installed.
fn pdf_words(pdf: &[u8]) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("boardpack-diagrams-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!("{}.pdf", pdf.len()));
    std::fs::write(&path, pdf).ok()?;
    let output = Command::new("pdftotext").arg(&path).arg("-").output().ok()?;
    let _ = std::fs::remove_file(&path);
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A label the fixture's diagram draws: the text in its first `[…]`, `"…"` or after
/// `title`, so that the test reads it from the PDF.
fn a_label(source: &str) -> Option<String> {
    for line in source.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("title ") {
            return Some(rest.trim_matches('"').to_string());
        }
        for (open, close) in [('[', ']'), ('"', '"')] {
            if let Some(start) = line.find(open)
                && let Some(len) = line[start + 1..].find(close)
            {
                let label = &line[start + 1..start + 1 + len];
                if label.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !label.contains(',') {
                    return Some(label.to_string());
                }
            }
        }
    }
    None
}

#[test]
fn every_family_is_drawn_with_its_text_as_text() {
    for path in family_fixtures() {
        let mut document = read(&path);
        let diagram = &document.roadmap.diagrams[0];
        let warnings: Vec<String> = document
            .roadmap
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with("mermaid::"))
            .map(|d| format!("{}: {}", d.code, d.message))
            .collect();
        assert!(diagram.drawing.is_some(), "{}: not drawn: {warnings:?}", path.display());
        assert!(warnings.is_empty(), "{}: {warnings:?}", path.display());
        let source = diagram.source.clone();
        let exported = export(&mut document, &report_options(Lang::En))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Drawn, it claims the same standards as any report: the diagram has its alt text.
        assert_eq!(exported.claims.name(), "PDF/UA-1 and PDF/A-2a", "{}", path.display());
        if let (Some(words), Some(label)) = (pdf_words(&exported.pdf), a_label(&source)) {
            let squeezed = |s: &str| s.split_whitespace().collect::<String>();
            assert!(
                squeezed(&words).contains(&squeezed(&label)),
                "{}: `{label}` is not text in the PDF",
                path.display()
            );
        }
    }
}

#[test]
fn the_alternative_text_is_the_diagrams_own_or_generated() {
    let document = read(&fixtures().join("diagrams/flowchart.md"));
    let data = boardpack::view::build(&document.roadmap, &report_options(Lang::En));
    let view = data.diagrams.values().next().unwrap_or_else(|| panic!("no diagram view"));
    assert_eq!(view.alt, "Release process. From a proposal to a published release, with a review loop.");
    let document = read(&fixtures().join("diagrams/graph.md"));
    let data = boardpack::view::build(&document.roadmap, &report_options(Lang::Da));
    let view = data.diagrams.values().next().unwrap_or_else(|| panic!("no diagram view"));
    assert!(view.alt.starts_with("Mermaid-diagram (graph): "), "{}", view.alt);
    assert!(view.alt.contains("elementer") && view.alt.contains("forbindelser"), "{}", view.alt);
}

#[test]
fn a_rejected_diagram_is_located_where_the_renderer_stopped_and_shown_as_source() {
    let mut document = read(&fixtures().join("diagnostics/mermaid__rejected.md"));
    let rejected = document
        .roadmap
        .diagnostics
        .iter()
        .find(|d| d.code == "mermaid::rejected")
        .unwrap_or_else(|| panic!("no diagnostic"))
        .clone();
    // The diagram starts on line 4; the unclosed `{` is on line 5.
    let line = rejected.line.unwrap_or(0);
    assert!((4..=6).contains(&line), "line {line}: {}", rejected.message);
    assert!(document.roadmap.diagrams[0].drawing.is_none());
    let exported = export(&mut document, &report_options(Lang::En)).unwrap_or_else(|e| panic!("{e}"));
    if let Some(words) = pdf_words(&exported.pdf) {
        assert!(words.contains("B{Ready?"), "the source is not in the report");
    }
}

#[test]
fn a_huge_generated_flowchart_is_refused_by_the_bound_quickly() {
    let mut page = String::from("# Plan\n\n```mermaid\nflowchart TD\n");
    for i in 0..20_000 {
        page.push_str(&format!("    n{i} --> n{}\n", i + 1));
    }
    page.push_str("```\n\nAfter the diagram.\n");
    let started = Instant::now();
    let document = boardpack::read::read_bytes(page.as_bytes(), "huge.md", None, &read_options());
    // Not a timing assertion on a shared machine: a bound that did not hold would draw
    // for minutes, not seconds.
    assert!(started.elapsed().as_secs() < 60);
    assert!(document.roadmap.diagrams[0].drawing.is_none());
    let too_large = document.roadmap.diagnostics.iter().find(|d| d.code == "mermaid::too-large");
    assert!(too_large.is_some_and(|d| d.line.is_some()), "{:?}", document.roadmap.diagnostics);
}

#[test]
fn a_deeply_nested_mindmap_is_refused_not_recursed_into() {
    let mut page = String::from("# Plan\n\n```mermaid\nmindmap\n  root\n");
    for level in 0..3_000 {
        page.push_str(&" ".repeat(4 + level));
        page.push_str(&format!("n{level}\n"));
    }
    page.push_str("```\n");
    let document = boardpack::read::read_bytes(page.as_bytes(), "deep.md", None, &read_options());
    assert!(document.roadmap.diagnostics.iter().any(|d| d.code == "mermaid::too-large"));
}

#[test]
fn a_wide_diagram_is_shrunk_and_a_tall_one_gets_a_page_of_its_own() {
    let chain: Vec<String> = (0..12).map(|i| format!("s{i}[Step {i}]")).collect();
    let wide = format!("# W\n\n```mermaid\nflowchart LR\n    {}\n```\n", chain.join(" --> "));
    let document = boardpack::read::read_bytes(wide.as_bytes(), "wide.md", None, &read_options());
    let fit = document.roadmap.diagrams[0].drawing.as_ref().map(|d| d.fit);
    assert!(matches!(fit, Some(Fit::Inline { .. })), "{fit:?}");
    let chain: Vec<String> = (0..20).map(|i| format!("s{i}[Step {i}]")).collect();
    let tall = format!("# T\n\n```mermaid\nflowchart TD\n    {}\n```\n", chain.join(" --> "));
    let mut document = boardpack::read::read_bytes(tall.as_bytes(), "tall.md", None, &read_options());
    let fit = document.roadmap.diagrams[0].drawing.as_ref().map(|d| d.fit);
    assert!(matches!(fit, Some(Fit::OwnPage { portrait: true, .. })), "{fit:?}");
    let exported = export(&mut document, &report_options(Lang::En)).unwrap_or_else(|e| panic!("{e}"));
    assert!(exported.pages >= 2, "the tall diagram shares a page");
}

#[test]
fn the_same_page_gives_the_same_bytes() {
    // Ten diagrams of ten kinds, drawn in parallel.
    let path: &Path = &fixtures().join("bench/ten-diagrams.md");
    let first = export(&mut read(path), &report_options(Lang::En)).unwrap_or_else(|e| panic!("{e}"));
    let second = export(&mut read(path), &report_options(Lang::En)).unwrap_or_else(|e| panic!("{e}"));
    assert!(first.pdf == second.pdf, "two exports differ");
}

#[test]
fn the_minutes_attachment_and_the_quarter_report_do_not_show_diagrams() {
    let mut document = read(&fixtures().join("diagrams/pie.md"));
    let mut options = report_options(Lang::En);
    options.template = boardpack::view::Template::Minutes;
    let data = boardpack::view::build(&document.roadmap, &options);
    assert!(data.diagrams.is_empty(), "the minutes' data serves diagrams");
    let exported = export(&mut document, &options).unwrap_or_else(|e| panic!("{e}"));
    if let Some(words) = pdf_words(&exported.pdf) {
        assert!(!words.contains("Development"), "the minutes show the pie chart");
    }
    // Nor does the quarter report.
    let mut options = report_options(Lang::En);
    options.quarter = boardpack::quarter::Quarter::new(2026, 1);
    assert!(boardpack::view::build(&document.roadmap, &options).diagrams.is_empty());
}

#[test]
fn a_diagram_too_large_for_one_legible_page_is_cut_between_its_texts() {
    let periods: String = (0..16).map(|i| format!("    Period {i:02} : Event number {i:02}\n")).collect();
    let page = format!("# Long\n\n```mermaid\ntimeline\n{periods}```\n");
    let mut document = boardpack::read::read_bytes(page.as_bytes(), "long.md", None, &read_options());
    let drawing = document.roadmap.diagrams[0].drawing.clone().unwrap_or_else(|| panic!("not drawn"));
    let Fit::Pieces { count, .. } = drawing.fit else { panic!("not cut: {:?}", drawing.fit) };
    assert!(count >= 2 && count == drawing.pieces.len());
    // Each piece keeps only its own texts, so every text is printed once.
    let texts = |svg: &str| svg.matches("<text ").count();
    let in_pieces: usize = drawing.pieces.iter().map(|p| texts(&p.svg)).sum();
    assert_eq!(in_pieces, texts(&drawing.svg));
    let exported = export(&mut document, &report_options(Lang::En)).unwrap_or_else(|e| panic!("{e}"));
    assert!(exported.pages > count, "{} pages", exported.pages);
    if let Some(words) = pdf_words(&exported.pdf) {
        let squeezed: String = words.split_whitespace().collect();
        for i in 0..16 {
            assert_eq!(squeezed.matches(&format!("Eventnumber{i:02}")).count(), 1, "event {i}");
        }
    }
}

#[test]
fn a_diagram_in_a_tracks_notes_is_drawn_after_its_band_not_lost() {
    let mut document = read(&fixtures().join("tracks/diagram-in-track-notes.md"));
    let data = boardpack::view::build(&document.roadmap, &report_options(Lang::En));
    let design = data.tracks.iter().find(|t| t.heading == "Design").unwrap_or_else(|| panic!("no track"));
    assert_eq!(design.diagrams.len(), 1, "{:?}", design.notes);
    assert_eq!(data.diagrams.len(), 1);
    let exported = export(&mut document, &report_options(Lang::En)).unwrap_or_else(|e| panic!("{e}"));
    if let Some(words) = pdf_words(&exported.pdf) {
        assert!(words.contains("Decide"), "the diagram's text is not in the report");
    }
}

#[test]
fn diagrams_nested_to_the_bound_are_drawn_on_any_thread() {
    // Drawn on rayon's threads; the library must not need the CLI's large stacks.
    let subgraphs = format!("flowchart TD\n{}a-->b\n{}", "subgraph s\n".repeat(40), "end\n".repeat(40));
    let states = format!(
        "stateDiagram-v2\n{}[*] --> x\n{}",
        (0..39).map(|i| format!("state s{i} {{\n")).collect::<String>(),
        "}\n".repeat(39)
    );
    let mindmap = format!(
        "mindmap\n  root\n{}",
        (0..39).map(|i| format!("{}n{i}\n", " ".repeat(4 + i))).collect::<String>()
    );
    for body in [subgraphs, states, mindmap] {
        let page = format!("# Deep\n\n```mermaid\n{body}```\n\n```mermaid\npie\n \"a\" : 1\n```\n");
        let document = boardpack::read::read_bytes(page.as_bytes(), "deep.md", None, &read_options());
        // The deep one is drawn, or too large to print legibly; never a failure. The pie after it is drawn.
        let codes: Vec<&str> = document.roadmap.diagnostics.iter().map(|d| d.code).collect();
        let deep_ok =
            document.roadmap.diagrams[0].drawing.is_some() || codes.contains(&"mermaid::too-large-to-print");
        assert!(deep_ok && !codes.contains(&"mermaid::render-failed"), "{codes:?}");
        assert!(document.roadmap.diagrams[1].drawing.is_some());
    }
}
