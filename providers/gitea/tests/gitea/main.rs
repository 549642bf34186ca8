//! The `gitea` plugin against a stateful fake of Gitea's API served below `/api/v1`, so that a
//! base URL with a path prefix is what every test uses — the shared forge suite declared once
//! (`shared.rs`), then what only Gitea does: reads, writes and write outcomes — and against
//! Gitea's own API description under Prism (contract).

mod behaviour;
mod contract;
mod outcomes;
mod shared;
mod writes;
