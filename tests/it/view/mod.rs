//! The view stage: the data each template reads.

mod quarter;
mod report_data;
