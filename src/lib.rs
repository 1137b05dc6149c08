//! boardpack: Markdown roadmaps (front matter, Liquid, Mermaid gantt, activity lists)
//! into board-ready PDFs. `docs/architecture.md` draws the pipeline; the modules below
//! are its stages, in the order a page passes through them:
//!
//! 1. [`read`]: bytes -> [`read::Document`] (decode, front matter, Liquid, dialects,
//!    Markdown, images, language, tracks, status), every problem a located diagnostic;
//! 2. [`gantt`]: a Mermaid gantt chart's text -> its resolved timeline, as Mermaid 12.3 dates it;
//!    [`compare`]: two versions of a page -> what changed since the baseline;
//!    [`diagrams`]: every other Mermaid diagram -> its drawing (SVG) and where it goes;
//! 3. [`view`]: the model -> the data a template reads (words, dates, geometry, groups);
//! 4. [`render`]: report data -> laid-out pages -> PDF bytes (the only stage that knows Typst);
//! 5. [`report`]: one document -> one PDF, documents x quarters -> PDFs and board packs,
//!    files written safely;
//! 6. [`cli`]: the command line: arguments resolved once into typed options, one module per
//!    command, the exit codes.
//!
//! Shared by every stage: the typed model ([`model`]), dates ([`date`], [`quarter`]),
//! report languages ([`locale`]) and diagnostics ([`diag`]).
//!
//! Entry points for library users: [`read::read_path`] / [`read::read_bytes`], then
//! [`report::export::export`].

pub mod read;

pub mod gantt;

pub mod compare;

pub mod diagrams;

pub mod view;

#[cfg(feature = "render")]
pub mod render;

#[cfg(feature = "render")]
pub mod report;

#[cfg(feature = "render")]
pub mod cli;

pub mod date;
pub mod diag;
pub mod locale;
pub mod model;
pub mod quarter;
