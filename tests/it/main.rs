//! The one integration-test binary (so Typst is linked once).

mod check;
mod cli;
mod common;
mod decode;
mod diagnostics;
mod export;
mod props;
mod reader;
mod safety;
