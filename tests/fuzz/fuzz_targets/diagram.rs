//! Arbitrary text as a Mermaid diagram of a kind picked by the first byte, through the
//! `diagrams` stage (bounds, merman, the SVG check, fitting and cutting). Nothing may
//! panic in boardpack; a panic inside merman is contained by boardpack and becomes a
//! `mermaid::render-failed` diagnostic, which this target turns into a finding so that
//! it can be reported upstream. A drawn diagram must have a sane size and placement, and
//! each piece of a cut one must read as an SVG.
#![no_main]

use boardpack::date::Date;
use boardpack::model::Fit;
use boardpack::read::{ReadOptions, read_bytes};
use libfuzzer_sys::fuzz_target;

const KINDS: &[&str] = &[
    "flowchart LR\n", "graph TD\n", "sequenceDiagram\n", "classDiagram\n", "stateDiagram-v2\n", "erDiagram\n",
    "journey\n", "pie\n", "quadrantChart\n", "requirementDiagram\n", "gitGraph\n", "C4Context\n", "mindmap\n",
    "timeline\n", "sankey-beta\n", "xychart-beta\n", "block-beta\n", "packet-beta\n", "kanban\n",
    "architecture-beta\n", "radar-beta\n", "treemap-beta\n", "",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else { return };
    let kind = KINDS[usize::from(selector) % KINDS.len()];
    let body = String::from_utf8_lossy(body).replace("```", "");
    let page = format!("# Fuzz\n\n```mermaid\n{kind}{body}\n```\n");
    let today = Date::new(2026, 2, 15).unwrap_or_else(|| unreachable!());
    let document = read_bytes(page.as_bytes(), "fuzz.md", None, &ReadOptions { today, repair: true });
    for d in &document.roadmap.diagnostics {
        assert!(!d.message.contains("renderer panicked"), "merman panicked: {}", d.message);
    }
    for diagram in &document.roadmap.diagrams {
        let Some(drawing) = &diagram.drawing else { continue };
        assert!(drawing.width > 0.0 && drawing.height > 0.0 && drawing.width.is_finite());
        match drawing.fit {
            Fit::Inline { width } | Fit::OwnPage { width, .. } => assert!(width > 0.0 && width < 800.0),
            Fit::Pieces { count, .. } => {
                assert_eq!(count, drawing.pieces.len());
                for piece in &drawing.pieces {
                    assert!(boardpack::render::svg_facts(piece.svg.as_bytes()).is_ok(), "a piece does not read");
                }
            }
        }
    }
});
