//! The `gitlab` plugin against a stateful fake of GitLab's REST API v4 served below `/api/v4`,
//! so that a base URL with a path prefix is what every test uses — the shared forge suite
//! declared once (`shared.rs`), then what only GitLab does: reads, writes, write outcomes and
//! the conformance suite on a nested-group project — and against GitLab's own API
//! description under Prism (contract).

mod behaviour;
mod conformance;
mod contract;
mod merges;
mod outcomes;
mod projects;
mod shared;
mod writes;
