//! Tests of the Markdown model: the round-trip property over generated hostile documents, and
//! examples of task lists, mentions, tables, raw HTML and maths.

mod examples;
mod raw;
mod round_trip;
