//! The read stage: decoding and the model of real pages.

mod decode;
mod model;
mod tracks;
