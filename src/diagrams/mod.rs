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

use crate::diag::{Diagnostic, Span};
use crate::model::{Diagram, Drawing};

/// Draws every diagram in `diagrams` that is not a gantt chart; what it finds goes to
/// `diagnostics`, with spans into the page. Called by the reader, after the gantt charts.
pub fn draw_all(diagrams: &mut [Diagram], diagnostics: &mut Vec<Diagnostic>) {
    for diagram in diagrams.iter_mut().filter(|d| d.gantt.is_none()) {
        match draw(diagram) {
            Ok(drawing) => diagram.drawing = Some(drawing),
            Err(diagnostic) => diagnostics.push(*diagnostic),
        }
    }
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
    let facts = crate::render::svg_facts(rendered.svg.as_bytes()).map_err(|why| {
        Box::new(
            Diagnostic::warning(
                codes::RENDER_FAILED,
                format!("{kind} is not drawn: its drawing cannot be embedded ({why})"),
            )
            .with_span(at(0))
            .with_hint(AS_SOURCE),
        )
    })?;
    let Some(fit) = fit::fit(facts.width, facts.height, facts.smallest_text) else {
        return Err(Box::new(
            Diagnostic::warning(
                codes::TOO_LARGE_TO_PRINT,
                format!(
                    "{kind} is not drawn: at {:.0} × {:.0} px it cannot be printed on an A4 page with its text at {} pt or more",
                    facts.width,
                    facts.height,
                    fit::MIN_TEXT_PT
                ),
            )
            .with_span(at(0))
            .with_hint(format!("{AS_SOURCE}; split it into smaller diagrams, or turn it (`LR` ↔ `TD`)")),
        ));
    };
    Ok(Drawing {
        width: facts.width,
        height: facts.height,
        smallest_text: facts.smallest_text,
        fit,
        alt: accessible::own_description(&diagram.source).unwrap_or_default(),
        parts: rendered.parts,
        svg: rendered.svg.into(),
    })
}

#[cfg(feature = "render")]
fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message).trim()
}
