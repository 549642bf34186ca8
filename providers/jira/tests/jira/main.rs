//! The `jira` plugin against a stateful fake of Jira Cloud's REST API v3 — the shared tracker
//! suite declared once (`shared.rs`), then what only Jira does: reads, writes, write outcomes
//! and the conformance suite on the older search endpoint — and against Jira's own API
//! description under Prism (contract).

mod behaviour;
mod conformance;
mod contract;
mod outcomes;
mod shared;
mod writes;
