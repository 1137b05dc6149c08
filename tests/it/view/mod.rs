//! The view stage: the data each template reads.

mod end_dates;
mod quarter;
mod report_data;
