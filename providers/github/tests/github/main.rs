//! The `github` plugin against a stateful fake of GitHub's API — the shared forge suite
//! declared once (`shared.rs`), then what only GitHub does: reads, writes and write outcomes —
//! and against GitHub's own API description under Prism (contract).

mod behaviour;
mod contract;
mod outcomes;
mod repositories;
mod shared;
mod writes;
