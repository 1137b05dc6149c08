//! Whole reports: PDFs of the seed and the corpus, hostile pages, properties.

mod export;
mod layout;
mod props;
mod safety;
