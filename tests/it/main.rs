
mod conformance;
mod gantt_spec;
