//! Stable diagnostic codes of the gantt engine (documented in `docs/diagnostics-gantt.md`).

// Errors: Mermaid 12.3 rejects the chart (or boardpack cannot date the task).
pub const HEADER: &str = "gantt::header";
pub const PARSE: &str = "gantt::parse";
pub const KEYWORD_CONFLICT: &str = "gantt::keyword-conflict";
pub const HASH_COMMENT: &str = "gantt::hash-comment";
pub const MISSING_NAME: &str = "gantt::missing-name";
pub const TOP_AXIS_KEYWORD: &str = "gantt::top-axis-keyword";
pub const DIRECTIVE: &str = "gantt::directive";
pub const FRONT_MATTER: &str = "gantt::front-matter";
pub const INVALID_DATE: &str = "gantt::invalid-date";
pub const MISPLACED_TAG: &str = "gantt::misplaced-tag";
pub const NO_PREVIOUS_TASK: &str = "gantt::no-previous-task";
pub const TOO_MANY_FIELDS: &str = "gantt::too-many-fields";
pub const TAGS_ONLY: &str = "gantt::tags-only";
pub const EXCLUDES_EXHAUSTED: &str = "gantt::excludes-exhausted";
pub const DATE_OUT_OF_RANGE: &str = "gantt::date-out-of-range";
pub const UNSUPPORTED_FORMAT: &str = "gantt::unsupported-format";

// Warnings: Mermaid accepts the chart but applies a quirk readers may not expect.
pub const KEYWORD_HIJACK: &str = "gantt::keyword-hijack";
pub const COMMENT_SWALLOW: &str = "gantt::comment-swallow";
pub const LINE_SPLIT: &str = "gantt::line-split";
pub const COLON_IN_NAME: &str = "gantt::colon-in-name";
pub const TRAILING_COMMENT: &str = "gantt::trailing-comment";
pub const ZERO_LENGTH: &str = "gantt::zero-length";
pub const UNKNOWN_ID: &str = "gantt::unknown-id";
pub const TRUNCATED_ID: &str = "gantt::truncated-id";
pub const DUPLICATE_ID: &str = "gantt::duplicate-id";
pub const LATE_SETTING: &str = "gantt::late-setting";
pub const FRACTIONAL_DURATION: &str = "gantt::fractional-duration";
pub const EXCLUDED_START: &str = "gantt::excluded-start";
pub const CYCLE: &str = "gantt::cycle";
pub const CHAIN_TOO_DEEP: &str = "gantt::chain-too-deep";
pub const DEPENDS_ON_UNDATED: &str = "gantt::depends-on-undated";
pub const DATE_FALLBACK: &str = "gantt::date-fallback";
pub const IGNORED_VALUE: &str = "gantt::ignored-value";
pub const EXTRA_SPACE: &str = "gantt::extra-space";
pub const UNTIL_OVERSHOOT: &str = "gantt::until-overshoot";
/// Raised by the reader: a chart with no tasks gives no timeline.
pub const EMPTY: &str = "gantt::empty";
pub const AFTER_ORDER: &str = "gantt::after-order";
pub const END_BEFORE_START: &str = "gantt::end-before-start";
pub const MILESTONE_RANGE: &str = "gantt::milestone-range";
pub const TIME_ONLY_FORMAT: &str = "gantt::time-only-format";
pub const TIMESTAMP_START: &str = "gantt::timestamp-start";
pub const HTML_ENTITY: &str = "gantt::html-entity";
pub const UNTERMINATED_BLOCK: &str = "gantt::unterminated-block";
