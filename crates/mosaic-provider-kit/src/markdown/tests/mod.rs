//! Tests of the Markdown model: the round-trip property over generated hostile documents, and
//! examples of task lists, mentions and tables.

mod examples;
mod round_trip;
pub(crate) mod strategies;
