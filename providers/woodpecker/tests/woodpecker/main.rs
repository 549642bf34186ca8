//! The `woodpecker` plugin against a stateful fake of Woodpecker's server API — the provider
//! conformance suite and the plugin's declaration (`shared.rs`), then what Woodpecker does:
//! paging by at most 50, a trigger and the run it started, progressive logs, cancel, the
//! filtered trigger, a repository looked up again (`runs.rs`, `repos.rs`), its refusals and
//! rate limits (`refusals.rs`), and its requests under Prism (`contract.rs`).

mod contract;
mod refusals;
mod repos;
mod runs;
mod shared;
