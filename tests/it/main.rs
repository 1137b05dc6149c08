
mod conformance;
