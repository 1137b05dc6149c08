//! The one place that calls `merman`, the pure-Rust port of Mermaid that draws every
//! diagram kind but gantt charts: set up once per process with the bundled fonts (never
//! the system's, so the same page measures the same everywhere), HTML labels off (Typst's
//! SVG reader draws no `foreignObject`), its resvg-safe pipeline and a pass that drops CSS
//! filters (a PDF would get them as raster images, text and all).

use super::bounds::DEADLINE;
use merman::svg::export::{NativeFontContext, NativeFontLimits};
use merman::svg::{RenderResult, SvgPipeline, SvgPostprocessContext, SvgPostprocessor};
use merman::{
    Engine, MermaidConfig, OperationControl, RenderError, RenderOutput, RenderTarget, Renderer,
    SvgEnvironment, SvgRequest,
};
use std::borrow::Cow;
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

/// A diagram drawn: its SVG and what it is made of (for its generated description).
pub struct Rendered {
    pub svg: String,
    pub parts: Vec<(String, usize)>,
}

/// Why a diagram was not drawn.
#[derive(Debug)]
pub enum Failure {
    /// Not a diagram Mermaid knows.
    UnknownKind,
    /// A syntax error, at a byte offset in the diagram's text when the renderer says where.
    Rejected { message: String, at: Option<usize> },
    /// Beyond the renderer's own resource limits or the deadline.
    TooLarge(String),
    /// The renderer failed on a diagram it accepted, or panicked.
    Failed(String),
}

/// The site configuration: the report's fonts and colours. Keys in `secure` cannot be
/// changed by a diagram's own `%%{init}%%` or front matter, so its text is always measured
/// with the fonts it is drawn with.
fn site_config() -> serde_json::Value {
    serde_json::json!({
        "theme": "base",
        // Mermaid 12's "neo" look gives every box a minimum width and a shadow; the
        // classic one is as wide as its label.
        "look": "classic",
        "fontFamily": "Inter",
        "htmlLabels": false,
        // Closer than a web page sets them: on paper a flowchart is as wide as its
        // boxes and gaps, and its text must stay legible when it is shrunk to the page.
        "flowchart": {
            "htmlLabels": false,
            "wrappingWidth": 240,
            "nodeSpacing": 30,
            "rankSpacing": 36,
            "padding": 10,
            "diagramPadding": 6,
            "minNodeWidth": 0,
        },
        // Mermaid keeps 150 px left of a timeline for a title that is drawn above it.
        "timeline": { "leftMargin": 20 },
        // Mermaid's 600 × 400 px crowds a sankey's labels; a landscape page has room.
        "sankey": { "width": 1000, "height": 640 },
        "themeVariables": {
            "fontFamily": "Inter",
            "fontSize": "14px",
            "primaryColor": "#E3ECF5",
            "primaryBorderColor": "#2B5C8A",
            "primaryTextColor": "#1B2430",
            "secondaryColor": "#E4F1EC",
            "tertiaryColor": "#F3F5F8",
            "lineColor": "#5E6978",
            "textColor": "#1B2430",
            "noteBkgColor": "#FFF8E6",
            "noteBorderColor": "#C98A12",
            // The report's track colours (templates/lib/theme.typ), strong enough for
            // paper, on white rather than grey.
            "xyChart": {
                "backgroundColor": "#FFFFFF",
                "plotColorPalette": "#2B5C8A, #B07A1E, #2E7D6B, #8B5A87, #A8552F, #4A86A8",
            },
            "pie1": "#2B5C8A", "pie2": "#B07A1E", "pie3": "#2E7D6B", "pie4": "#8B5A87",
            "pie5": "#A8552F", "pie6": "#4A86A8", "pie7": "#6B7A8F", "pie8": "#C9A227",
            "pieSectionTextColor": "#FFFFFF",
            "pieStrokeColor": "#FFFFFF",
        },
        "secure": ["secure", "securityLevel", "startOnLoad", "maxTextSize", "maxEdges", "fontFamily", "htmlLabels", "themeCSS"],
    })
}

fn renderer() -> &'static Renderer {
    static RENDERER: OnceLock<Renderer> = OnceLock::new();
    RENDERER.get_or_init(|| {
        Renderer::new().with_engine(Engine::new().with_site_config(MermaidConfig::from_value(site_config())))
    })
}

/// The bundled text faces, loaded once; `None` if they do not load (then nothing is drawn).
fn fonts() -> Option<&'static NativeFontContext> {
    static FONTS: OnceLock<Option<NativeFontContext>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let faces = crate::render::text_faces().into_iter().map(<[u8]>::to_vec);
            NativeFontContext::from_font_bytes(faces, NativeFontLimits::default(), &OperationControl::new())
                .ok()
        })
        .as_ref()
}

/// Draws `source` (one diagram's text) as SVG. A panic in the renderer is contained and
/// comes back as [`Failure::Failed`].
pub fn render(source: &str) -> Result<Rendered, Failure> {
    contained(|| render_unguarded(source))
}

/// Runs `work`, turning a panic into [`Failure::Failed`] without printing it.
fn contained(work: impl FnOnce() -> Result<Rendered, Failure>) -> Result<Rendered, Failure> {
    let _quiet = QuietPanics::enter();
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(payload) => {
            let message = crate::diag::panic_message(&*payload).unwrap_or_else(|| "no message".to_string());
            Err(Failure::Failed(format!("the renderer panicked ({message})")))
        }
    }
}

fn render_unguarded(source: &str) -> Result<Rendered, Failure> {
    let fonts = fonts().ok_or_else(|| Failure::Failed("the bundled fonts did not load".into()))?;
    let control = OperationControl::new().with_deadline(DEADLINE);
    let artifact =
        renderer().prepare_semantic(source, control).map_err(failure)?.ok_or(Failure::UnknownKind)?;
    let parts = artifact.compatibility_json().map(|json| parts_of(json.as_value())).unwrap_or_default();
    let environment = SvgEnvironment::deterministic()
        .with_native_font_context(fonts.clone())
        .map_err(|e| Failure::Failed(e.to_string()))?;
    let request = SvgRequest {
        environment,
        pipeline: Some(SvgPipeline::resvg_safe().with_postprocessor(WithoutFilters)),
        ..SvgRequest::default()
    };
    match artifact.render(RenderTarget::Svg(request)).map_err(failure)? {
        RenderOutput::Svg(Some(svg)) => Ok(Rendered { svg: svg.into_parts().0, parts }),
        _ => Err(Failure::UnknownKind),
    }
}

fn failure(error: RenderError) -> Failure {
    match error {
        RenderError::NoDiagram => Failure::UnknownKind,
        RenderError::Parse(diagnostic) => {
            let details = diagnostic.terminal_diagnostic_details();
            let message = diagnostic.terminal_safe_message();
            if details.code.contains("unknown") || details.code.contains("detect") {
                return Failure::UnknownKind;
            }
            Failure::Rejected { message, at: details.span.map(|s| s.start) }
        }
        RenderError::ResourceLimitExceeded(limit) => Failure::TooLarge(format!(
            "it needs more than the renderer's limit of {} for `{}`",
            limit.maximum, limit.id
        )),
        // What the diagram says is impossible (a circular sankey, a colour that is not
        // one, a font size the text cannot be measured at) is the page's, not a failure.
        RenderError::Svg(
            error @ (merman::svg::RenderError::InvalidModel { .. } | merman::svg::RenderError::Color(_)),
        ) => Failure::Rejected { message: error.to_string(), at: None },
        RenderError::NativeFont(error) => Failure::Rejected { message: error.to_string(), at: None },
        RenderError::Cancelled(_) => {
            Failure::TooLarge(format!("drawing it took more than {} s", DEADLINE.as_secs()))
        }
        other => Failure::Failed(other.to_string()),
    }
}

/// What the semantic model holds, counted: its nodes (or actors, slices, events …) and
/// its edges (or messages, relations …), under the model's own names.
fn parts_of(model: &serde_json::Value) -> Vec<(String, usize)> {
    const PARTS: &[&str] = &[
        "nodes",
        "vertices",
        "actors",
        "participants",
        "classes",
        "entities",
        "states",
        "sections",
        "slices",
        "events",
        "commits",
        "branches",
        "tasks",
        "items",
        "points",
        "requirements",
        "elements",
        "edges",
        "links",
        "messages",
        "relations",
        "relationships",
        "transitions",
    ];
    let Some(object) = model.as_object() else { return Vec::new() };
    PARTS
        .iter()
        .filter_map(|&name| {
            let count = match object.get(name)? {
                serde_json::Value::Array(items) => items.len(),
                serde_json::Value::Object(items) => items.len(),
                _ => return None,
            };
            (count > 0).then(|| (name.to_string(), count))
        })
        .collect()
}

/// Removes CSS `filter` declarations and `filter` attributes (drop shadows, brightness):
/// the PDF writer can only draw them by turning the shape, text included, into an image.
struct WithoutFilters;

impl SvgPostprocessor for WithoutFilters {
    fn name(&self) -> &'static str {
        "boardpack-without-filters"
    }

    fn process<'a>(&self, svg: Cow<'a, str>, _ctx: &SvgPostprocessContext<'_>) -> RenderResult<Cow<'a, str>> {
        if !svg.contains("filter") {
            return Ok(svg);
        }
        Ok(Cow::Owned(without_filters(&svg)))
    }
}

/// `svg` without `filter` declarations in its style sheets and `style` attributes, and
/// without `filter` attributes. Text content is copied untouched: a label may say
/// "filter: on".
pub(super) fn without_filters(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..=close];
        out.push_str(&without_filter_attribute(tag));
        rest = &rest[close + 1..];
        if tag.starts_with("<style") && !tag.ends_with("/>") {
            let end = rest.find("</style").unwrap_or(rest.len());
            out.push_str(&without_filter_declarations(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    out
}

/// A start tag without its `filter="…"` attribute, its `style` without filters.
fn without_filter_attribute(tag: &str) -> String {
    let mut out = String::with_capacity(tag.len());
    let mut rest = tag;
    while let Some(at) = rest.find(" filter=\"") {
        out.push_str(&rest[..at]);
        let value = &rest[at + " filter=\"".len()..];
        rest = value.find('"').map_or("", |end| &value[end + 1..]);
    }
    out.push_str(rest);
    if out.contains("filter") && out.contains("style=\"") {
        return without_filter_declarations(&out);
    }
    out
}

/// CSS text without its `filter` (and `-webkit-filter`) declarations.
fn without_filter_declarations(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("filter") {
        let before = &rest[..at];
        let after = &rest[at + "filter".len()..];
        let name_start = before.strip_suffix("-webkit-").unwrap_or(before);
        let starts_declaration =
            name_start.trim_end().ends_with(['{', ';', '"']) || name_start.trim_end().is_empty();
        match after.trim_start().strip_prefix(':') {
            Some(value) if starts_declaration => {
                let end = value.find([';', '}', '"']).unwrap_or(value.len());
                out.push_str(name_start);
                let skip = usize::from(value[end..].starts_with(';'));
                rest = &value[end + skip..];
            }
            _ => {
                out.push_str(before);
                out.push_str("filter");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

thread_local! {
    static IN_RENDERER: Cell<bool> = const { Cell::new(false) };
}

/// While alive, a panic on this thread prints nothing: it is reported as a diagnostic.
struct QuietPanics(bool);

impl QuietPanics {
    fn enter() -> Self {
        static HOOK: OnceLock<()> = OnceLock::new();
        HOOK.get_or_init(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if !IN_RENDERER.with(Cell::get) {
                    previous(info);
                }
            }));
        });
        Self(IN_RENDERER.with(|flag| flag.replace(true)))
    }
}

impl Drop for QuietPanics {
    fn drop(&mut self) {
        let previous = self.0;
        IN_RENDERER.with(|flag| flag.set(previous));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_the_renderer_becomes_a_failure() {
        let result = contained(|| panic!("layout lost its way"));
        assert!(matches!(&result, Err(Failure::Failed(why)) if why.contains("layout lost its way")));
        // The thread is usable afterwards and reports panics outside the renderer again.
        assert!(!IN_RENDERER.with(Cell::get));
    }

    #[test]
    fn filters_go_and_everything_else_stays() {
        let svg = r#"<style>.node rect{fill:#fff;filter:drop-shadow(1px 1px 2px #0003);stroke:#000}.eventWrapper{filter:brightness(120%)}</style><g filter="url(#shadow)" class="a"><filter id="f"/></g>"#;
        let cleaned = without_filters(svg);
        assert_eq!(
            cleaned,
            r#"<style>.node rect{fill:#fff;stroke:#000}.eventWrapper{}</style><g class="a"><filter id="f"/></g>"#
        );
    }

    #[test]
    fn text_that_mentions_filters_is_unchanged() {
        let svg = "<svg><text>filter: on; filtered water</text></svg>";
        assert_eq!(without_filters(svg), svg);
    }

    #[test]
    fn an_inline_style_loses_only_its_filter() {
        let svg = r#"<rect style="fill:red;filter:blur(2px);stroke:blue"/>"#;
        assert_eq!(without_filters(svg), r#"<rect style="fill:red;stroke:blue"/>"#);
    }
}
