//! The `github-actions` plugin against a stateful fake of GitHub Actions' API — the shared
//! suite declared once (`shared.rs`), then what only GitHub Actions does (`behaviour.rs`,
//! `runs.rs`) — and against GitHub's own API description under Prism (`contract.rs`).

mod behaviour;
mod contract;
mod runs;
mod shared;
