//! The one integration-test binary (so Typst is linked once), grouped as `src/` is: one
//! folder per stage, plus the diagnostics that cut across them.

mod cli;
mod common;
mod compare;
mod diagnostics;
mod diagrams;
mod gantt;
mod read;
mod report;
mod view;
