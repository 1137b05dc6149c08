//! boardpack: Markdown roadmaps (front matter, Liquid, Mermaid gantt, activity lists)
//! into board-ready PDFs. The pipeline is a chain of pure stages; see `docs/` and
//! `DESIGN.md` in the shared notes.

pub mod admonitions;
pub mod allocator;
pub mod assets;
#[cfg(feature = "render")]
pub mod batch;
pub mod cli;
#[cfg(feature = "render")]
pub mod commands;
pub mod config;
pub mod containers;
pub mod date;
pub mod decode;
pub mod diag;
pub mod discover;
#[cfg(feature = "render")]
pub mod export;
pub mod frontmatter;
pub mod gantt;
pub mod language;
pub mod liquid;
pub mod locale;
pub mod markdown;
pub mod mdx;
pub mod model;
pub mod output;
pub mod quarter;
pub mod read;
#[cfg(feature = "render")]
pub mod render;
pub mod transform;
pub mod view;
