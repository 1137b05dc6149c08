mod conformance;
mod gantt_corpus;
mod gantt_props;
mod gantt_seed;
mod gantt_spec;
