//! The one integration-test binary (so Typst is linked once).

mod check;
mod cli;
mod common;
mod conformance;
mod decode;
mod diagnostics;
mod export;
mod gantt_corpus;
mod gantt_props;
mod gantt_seed;
mod gantt_spec;
mod props;
mod quarter;
mod reader;
mod safety;
