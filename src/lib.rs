//! boardpack: Markdown roadmaps (front matter, Liquid, Mermaid gantt, activity lists)
//! into board-ready PDFs. The pipeline is a chain of pure stages; see `docs/` and
//! `DESIGN.md` in the shared notes.

pub mod date;
pub mod decode;
pub mod diag;
pub mod gantt;
pub mod model;
