mod conformance;
mod gantt_corpus;
mod gantt_props;
mod gantt_spec;
mod gantt_seed;
