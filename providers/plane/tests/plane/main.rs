//! The `plane` plugin against a stateful fake of Plane's REST API v1 — the shared tracker
//! suite declared once (`shared.rs`), then what only Plane does: reads, writes, write
//! outcomes and the conformance suite on both path names of work items — and against Plane's
//! own API description under Prism (contract).

mod behaviour;
mod conformance;
mod contract;
mod outcomes;
mod search;
mod shared;
mod writes;
