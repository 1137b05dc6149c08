//! What documentation sites write beyond CommonMark, rewritten into it before Markdown is
//! parsed. Every rewrite keeps the text's length, so an offset into the result is an offset
//! into the page and every diagnostic stays at the line and column the author wrote.
//!
//! - [`containers`]: Mermaid containers (`::: mermaid`, `<div class="mermaid">`, Hugo and
//!   Jekyll shortcodes) as code fences;
//! - [`admonitions`]: MkDocs and Docusaurus admonitions as quotes with their title;
//! - [`mdx`]: MDX `import` lines left out.

pub mod admonitions;
pub mod containers;
pub mod mdx;
