//! The last stage: one document to one PDF ([`export`]), documents x quarters to PDFs and
//! board packs ([`batch`]), on one worker pool ([`pool`]), every file written safely
//! ([`output`]).

pub mod batch;
pub mod export;
pub mod output;
