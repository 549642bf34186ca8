//! What the providers' stateful fakes share. Each provider's fake lives in its own folder
//! (`providers/<name>/fake`) and keeps only its routes and JSON shapes; this crate holds the
//! rest, so that a fake of a new provider is its routes and nothing more.
//!
//! - `github.rs`: what the two GitHub fakes share of GitHub's wire (its style, its paging);
//! - `forge.rs`: the data of a Git forge and its deterministic seed; `tracker.rs` the same for
//!   a project tracker; `wiki.rs` for a knowledge base; `builds.rs` for a CI/CD service.
//! - `server.rs`: serving a fake on a loopback port, with what every provider does around its
//!   routes: authentication, quota and rate-limit headers, `ETag` revalidation, scripted
//!   failures, delays, and a log of requests; `knobs.rs`: what a test changes while it runs,
//!   the failures only a write sets off among them (an unreadable answer to an applied write,
//!   a failed read back).
//! - `state.rs`: what a fake's routes and middleware share (data, knobs, style, request log);
//! - `mount.rs`: a fake as `mosaic-fakes serve` mounts it, which each fake crate lists in its
//!   `mounts()`;
//! - `paging.rs`: slicing lists into pages and the `Link` header;
//! - `client.rs` (feature `client`, for the fakes' own tests): sending a fake JSON with one
//!   caller's headers.
//!
//! Contract tests use the providers' own API descriptions under Prism instead; the fakes speak
//! the same wire shapes but keep state, which Prism cannot.

pub mod builds;
#[cfg(feature = "client")]
pub mod client;
pub mod forge;
pub mod github;
pub mod knobs;
pub mod mount;
pub mod paging;
pub mod server;
mod state;
pub mod tracker;
pub mod wiki;
