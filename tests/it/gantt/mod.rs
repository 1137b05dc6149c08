//! The gantt engine: Mermaid's own results, the documented quirks, real charts, properties.

mod conformance;
mod corpus;
mod props;
mod seed;
mod spec;
