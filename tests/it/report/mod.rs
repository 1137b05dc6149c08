//! Whole reports: PDFs of the seed and the corpus, hostile pages, properties.

mod export;
mod props;
mod safety;
