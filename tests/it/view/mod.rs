//! The view stage: the data each template reads.

mod doubts;
mod end_dates;
mod furniture;
mod quarter;
mod report_data;
