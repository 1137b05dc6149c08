//! Stable diagnostic codes of the read stage, one module per namespace (documented in
//! `docs/diagnostics.md`). Code that raises or matches a code names it from here, so a
//! code that does not exist cannot be matched.

/// Decoding the bytes of a page.
pub mod decode {
    pub const CONTROL_CHARACTER: &str = "decode::control-character";
    pub const NO_BOM: &str = "decode::no-bom";
    pub const INVALID_BYTES: &str = "decode::invalid-bytes";
    pub const MOJIBAKE_REPAIRED: &str = "decode::mojibake-repaired";
    pub const NOT_UTF8: &str = "decode::not-utf8";
}

/// Front matter (YAML, TOML, JSON).
pub mod frontmatter {
    pub const GARBLED: &str = "frontmatter::garbled";
    pub const INVALID_DATE: &str = "frontmatter::invalid-date";
    pub const JSON: &str = "frontmatter::json";
    pub const NOT_A_MAPPING: &str = "frontmatter::not-a-mapping";
    pub const TOML: &str = "frontmatter::toml";
    pub const TOO_LARGE: &str = "frontmatter::too-large";
    pub const UNCLOSED: &str = "frontmatter::unclosed";
    pub const YAML: &str = "frontmatter::yaml";
}

/// Liquid tags and output.
pub mod liquid {
    pub const TOO_LARGE: &str = "liquid::too-large";
    pub const UNCLOSED: &str = "liquid::unclosed";
    pub const UNSUPPORTED: &str = "liquid::unsupported";
}

/// Markdown structure and the containers around diagrams.
pub mod markdown {
    pub const GANTT_OUTSIDE_FENCE: &str = "markdown::gantt-outside-fence";
    pub const UNLABELLED_GANTT: &str = "markdown::unlabelled-gantt";
    pub const LONG_URL: &str = "markdown::long-url";
    pub const RAW_HTML: &str = "markdown::raw-html";
    pub const TOO_DEEP: &str = "markdown::too-deep";
    pub const UNCLOSED_CONTAINER: &str = "markdown::unclosed-container";
    pub const UNCLOSED_FENCE: &str = "markdown::unclosed-fence";
}

/// Images referenced by the page.
pub mod asset {
    pub const BAD_IMAGE: &str = "asset::bad-image";
    pub const MISSING_ALT: &str = "asset::missing-alt";
    pub const IMAGE_TOO_LARGE: &str = "asset::image-too-large";
    pub const MISSING_IMAGE: &str = "asset::missing-image";
    pub const NO_FOLDER: &str = "asset::no-folder";
    pub const OUTSIDE_FOLDER: &str = "asset::outside-folder";
    pub const REMOTE_IMAGE: &str = "asset::remote-image";
    pub const UNSUPPORTED_IMAGE: &str = "asset::unsupported-image";
}
