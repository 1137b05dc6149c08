//! Whole reports: PDFs of the seed and the corpus, hostile pages, properties.

mod accessibility;
mod export;
mod layout;
mod props;
mod safety;
