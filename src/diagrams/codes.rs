//! Stable diagnostic codes of the `diagrams` stage (documented in `docs/diagnostics.md`).

/// A diagram kept as source: boardpack was built without its renderer, or Mermaid has no
/// diagram of that kind.
pub const NOT_DRAWN: &str = "mermaid::not-drawn";
/// The renderer refused the diagram's text (a syntax error); it is shown as source.
pub const REJECTED: &str = "mermaid::rejected";
/// The diagram is beyond a stated bound (size, statements, nesting, time); it is shown as
/// source rather than drawn for minutes.
pub const TOO_LARGE: &str = "mermaid::too-large";
/// The drawing is too large for a page at a legible size; it is shown as source.
pub const TOO_LARGE_TO_PRINT: &str = "mermaid::too-large-to-print";
/// The renderer failed on a diagram it accepted (a bug in it, contained); shown as source.
pub const RENDER_FAILED: &str = "mermaid::render-failed";
