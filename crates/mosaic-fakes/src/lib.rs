//! Stateful in-process fakes of provider APIs, for the tests that need a provider to remember
//! what it was told: behaviour tests (pagination, rate limits, revalidation, error statuses,
//! timeouts), the provider conformance suite, and end-to-end routing tests.
//!
//! Contract tests use the providers' own API descriptions under Prism instead; the fakes speak
//! the same wire shapes but keep state, which Prism cannot.
//!
//! - `forge.rs`: the data of a Git forge and its deterministic seed; `tracker.rs` the same for
//!   a project tracker.
//! - `server.rs`: serving a fake on a loopback port, with what every provider does around its
//!   routes: authentication, quota and rate-limit headers, `ETag` revalidation, scripted
//!   failures, delays, and a log of requests; `knobs.rs`: what a test changes while it runs,
//!   the failures only a write sets off among them (an unreadable answer to an applied write,
//!   a failed read back).
//! - `paging.rs`: slicing lists into pages and the `Link` header.
//! - one module per provider: its routes and JSON shapes over the shared data.

pub mod forge;
pub mod gitea;
pub mod github;
pub mod gitlab;
pub mod jira;
pub mod knobs;
pub mod linear;
pub mod paging;
pub mod plane;
pub mod server;
pub mod tracker;
