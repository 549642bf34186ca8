//! What every native adapter needs on the wire, written once: one HTTP client per instance
//! with its credentials, base URL (path prefix included, so production and a local mock are
//! addressed the same way), conditional requests, rate-limit readings, pagination cursors and
//! the mapping of HTTP failures to the core's typed errors — each read in the provider's own
//! dialect, which the provider declares and the client is given.
//!
//! - `base_url.rs`: checking a configured base URL and encoding path segments.
//! - `client.rs`: [`ApiClient`], one request and its [`Reply`].
//! - `dialect.rs`: [`Dialect`], how one provider writes its refusals and its quota, and the
//!   standard pieces every dialect reuses (problem details, the common message keys).
//! - `rate_limit.rs`: the rate-limit headers a dialect names, `Retry-After`, and the last
//!   reading.
//! - `redirect.rs`: an answer that is a redirect to storage elsewhere (GitHub's logs), followed
//!   without the instance's credentials.
//! - `paging.rs`: caller page size and cursor to page numbers, `Link` and `X-Next-Page` back.
//! - `outcome.rs`: a probe as a health answer, a 404 naming what was missing.
//! - `status.rs`: an unsuccessful status to a [`mosaic_core::ProviderError`], with the
//!   provider's own message as its dialect reads it, and never its raw body.
//! - `written.rs`: what is known of a write the provider may have applied — never "not
//!   performed" — and [`AfterWrite`], how adapters mark the steps that follow one.

mod base_url;
mod client;
mod dialect;
mod outcome;
mod paging;
mod rate_limit;
mod redirect;
mod status;
mod written;

pub use base_url::{encode_path, encode_segment, parse_base_url};
pub use client::{ApiClient, Auth, ClientSettings, RawReply, Reply};
pub use dialect::{Dialect, joined_texts, standard_message_parts};
pub use outcome::{health_of, not_found};
pub use paging::PageQuery;
pub use rate_limit::{RateHeaders, RateReading, ResetFormat, retry_after};
pub use status::{error_for_answer, error_for_status, error_of_status, status_text};
pub use written::{AfterWrite, Effect, id_in, unconfirmed};
