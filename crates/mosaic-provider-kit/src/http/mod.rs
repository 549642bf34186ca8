//! What every native adapter needs on the wire, written once: one HTTP client per instance
//! with its credentials, base URL (path prefix included, so production and a local mock are
//! addressed the same way), conditional requests, rate-limit readings, pagination cursors and
//! the mapping of HTTP failures to the core's typed errors.
//!
//! - `base_url.rs`: checking a configured base URL and encoding path segments.
//! - `client.rs`: [`ApiClient`], one request and its [`Reply`].
//! - `rate_limit.rs`: `X-RateLimit-*`, `RateLimit-*` and `Retry-After`, and the last reading.
//! - `paging.rs`: caller page size and cursor to page numbers, `Link` and `X-Next-Page` back.
//! - `outcome.rs`: a probe as a health answer, a 404 naming what was missing.
//! - `status.rs`: an unsuccessful status to a [`mosaic_core::ProviderError`], with the
//!   provider's own message and never its raw body.
//! - `written.rs`: what is known of a write the provider may have applied — never "not
//!   performed" — and [`AfterWrite`], how adapters mark the steps that follow one.

mod base_url;
mod client;
mod outcome;
mod paging;
mod rate_limit;
mod status;
mod written;

pub use base_url::{encode_path, encode_segment, parse_base_url};
pub use client::{ApiClient, Auth, ClientSettings, RawReply, Reply};
pub use outcome::{health_of, not_found};
pub use paging::PageQuery;
pub use rate_limit::{RateReading, retry_after};
pub use status::{error_for_answer, error_for_status};
pub use written::{AfterWrite, Effect, id_in, unconfirmed};
