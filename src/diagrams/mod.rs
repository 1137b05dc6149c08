//! The `diagrams` stage: draws the page's Mermaid diagrams that are not gantt charts
//! (flowcharts, sequence, timelines, pie charts, mindmaps …) between reading and the
//! view. Each is checked against stated bounds, drawn as SVG by `merman` (in
//! [`renderer`], behind the `render` feature), checked as Typst will read it, and placed
//! ([`fit`]); one that is not drawn keeps its source in the report and gets a located
//! diagnostic. Gantt charts are not touched: they have boardpack's own engine.

pub mod accessible;
pub mod bounds;
pub mod codes;
pub mod fit;
#[cfg(feature = "render")]
mod renderer;
pub mod split;

use crate::diag::{Diagnostic, Span};
#[cfg(feature = "render")]
use crate::model::Fit;
use crate::model::{Diagram, Drawing};

/// Draws every diagram in `diagrams` that is not a gantt chart; what it finds goes to
/// `diagnostics`, with spans into the page. Called by the reader, after the gantt charts.
pub fn draw_all(diagrams: &mut [Diagram], diagnostics: &mut Vec<Diagnostic>) {
    let drawn = draw_each(diagrams);
    for (diagram, result) in diagrams.iter_mut().filter(|d| d.gantt.is_none()).zip(drawn) {
        match result {
            Ok(drawing) => diagram.drawing = Some(drawing),
            Err(diagnostic) => diagnostics.push(*diagnostic),
        }
    }
}

/// Each diagram that is not a gantt chart, drawn, in page order: on every core, as they
/// are independent (a page with ten diagrams takes 3 to 20 ms for each).
#[cfg(feature = "render")]
fn draw_each(diagrams: &[Diagram]) -> Vec<Result<Drawing, Box<Diagnostic>>> {
    use rayon::prelude::*;
    let others: Vec<&Diagram> = diagrams.iter().filter(|d| d.gantt.is_none()).collect();
    others.par_iter().map(|d| draw(d)).collect()
}

#[cfg(not(feature = "render"))]
fn draw_each(diagrams: &[Diagram]) -> Vec<Result<Drawing, Box<Diagnostic>>> {
    diagrams.iter().filter(|d| d.gantt.is_none()).map(draw).collect()
}

/// The diagram's kind as messages name it.
fn shown_kind(diagram: &Diagram) -> String {
    if diagram.kind.is_empty() {
        "an empty Mermaid diagram".to_string()
    } else {
        format!("the Mermaid `{}` diagram", diagram.kind)
    }
}

const AS_SOURCE: &str = "the report shows its source instead";

fn draw(diagram: &Diagram) -> Result<Drawing, Box<Diagnostic>> {
    let at = |offset: usize| Span::at(diagram.map.map(offset), 0);
    if let Some((why, offset)) = bounds::exceeded(&diagram.source) {
        return Err(Box::new(
            Diagnostic::warning(codes::TOO_LARGE, format!("{} is not drawn: {why}", shown_kind(diagram)))
                .with_span(at(offset))
                .with_hint(format!("{AS_SOURCE}; split it into smaller diagrams")),
        ));
    }
    draw_checked(diagram, &at)
}

#[cfg(not(feature = "render"))]
fn draw_checked(diagram: &Diagram, at: &dyn Fn(usize) -> Span) -> Result<Drawing, Box<Diagnostic>> {
    Err(Box::new(
        Diagnostic::note(
            codes::NOT_DRAWN,
            format!("{} is not drawn: boardpack was built without its diagram renderer", shown_kind(diagram)),
        )
        .with_span(at(0))
        .with_hint(AS_SOURCE),
    ))
}

#[cfg(feature = "render")]
fn draw_checked(diagram: &Diagram, at: &dyn Fn(usize) -> Span) -> Result<Drawing, Box<Diagnostic>> {
    use renderer::Failure;
    let kind = shown_kind(diagram);
    let rendered = renderer::render(&diagram.source).map_err(|failure| {
        Box::new(match failure {
            Failure::UnknownKind => Diagnostic::note(
                codes::NOT_DRAWN,
                format!("{kind} is not drawn: Mermaid has no diagram of that kind"),
            )
            .with_span(at(0))
            .with_hint(format!("{AS_SOURCE}; the first word names the kind, such as `flowchart` or `pie`")),
            Failure::Rejected { message, at: offset } => {
                Diagnostic::warning(codes::REJECTED, format!("{kind} is not drawn: {}", first_line(&message)))
                    .with_span(at(offset.unwrap_or(0)))
                    .with_hint(AS_SOURCE)
            }
            Failure::TooLarge(why) => {
                Diagnostic::warning(codes::TOO_LARGE, format!("{kind} is not drawn: {why}"))
                    .with_span(at(0))
                    .with_hint(format!("{AS_SOURCE}; split it into smaller diagrams"))
            }
            Failure::Failed(why) => {
                Diagnostic::warning(codes::RENDER_FAILED, format!("{kind} is not drawn: {why}"))
                    .with_span(at(0))
                    .with_hint(AS_SOURCE)
            }
        })
    })?;
    let svg = split::number_texts(&rendered.svg);
    let cannot_embed = |why: String| {
        Box::new(
            Diagnostic::warning(
                codes::RENDER_FAILED,
                format!("{kind} is not drawn: its drawing cannot be embedded ({why})"),
            )
            .with_span(at(0))
            .with_hint(AS_SOURCE),
        )
    };
    let facts = crate::render::svg_facts(svg.as_bytes()).map_err(cannot_embed)?;
    let (fit, pieces) = match fit::fit(facts.width, facts.height, facts.smallest_text) {
        Some(fit) => (fit, Vec::new()),
        None => {
            let cut = fit::cutting(facts.width, facts.height, facts.smallest_text).and_then(|cutting| {
                split::pieces(&svg, [facts.width, facts.height], &facts.texts, &cutting).map(|p| (cutting, p))
            });
            let Some((cutting, pieces)) = cut else {
                return Err(Box::new(
                    Diagnostic::warning(
                        codes::TOO_LARGE_TO_PRINT,
                        format!(
                            "{kind} is not drawn: at {:.0} × {:.0} px it needs more than {} A4 pages to keep its text at {} pt or more",
                            facts.width,
                            facts.height,
                            fit::MAX_PIECES,
                            fit::MIN_TEXT_PT
                        ),
                    )
                    .with_span(at(0))
                    .with_hint(format!("{AS_SOURCE}; split it into smaller diagrams, or turn it (`LR` ↔ `TD`)")),
                ));
            };
            // Each piece is read as Typst will read it: one it refused would cost the report.
            for piece in &pieces {
                crate::render::svg_facts(piece.svg.as_bytes()).map_err(cannot_embed)?;
            }
            (Fit::Pieces { count: pieces.len(), portrait: cutting.portrait }, pieces)
        }
    };
    Ok(Drawing {
        width: facts.width,
        height: facts.height,
        smallest_text: facts.smallest_text,
        fit,
        alt: accessible::own_description(&diagram.source).unwrap_or_default(),
        parts: rendered.parts,
        pieces,
        svg: svg.into(),
    })
}

#[cfg(feature = "render")]
fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message).trim()
}
