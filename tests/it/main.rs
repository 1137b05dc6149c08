
mod conformance;
mod gantt_spec;
mod gantt_corpus;
mod gantt_props;
