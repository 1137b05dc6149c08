//! Stable diagnostic codes of rendering (documented in `docs/diagnostics.md`).

pub const MISSING_GLYPH: &str = "render::missing-glyph";
pub const NOT_ARCHIVAL: &str = "render::not-archival";
pub const NOT_ACCESSIBLE: &str = "render::not-accessible";
pub const STANDARD_REFUSED: &str = "render::standard-refused";
pub const FALLBACK_FONT: &str = "render::fallback-font";
pub const TOO_LARGE: &str = "report::too-large";
pub const TOO_WIDE: &str = "report::too-wide";
pub const TOO_MANY_TASKS: &str = "report::too-many-tasks";
