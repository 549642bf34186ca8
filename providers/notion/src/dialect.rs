//! How Notion writes its refusals and its quota (developers.notion.com/reference/errors,
//! "Status codes"; /reference/request-limits).
//!
//! - Refusals: `{"object": "error", "status": 404, "code": "object_not_found", "message":
//!   "…"}`; the `message` is what the caller is told, and the status decides the error:
//!   400 `validation_error`/`invalid_json`/`missing_version` is `invalid_input`,
//!   401 `unauthorized` is `unauthenticated`, 403 `restricted_resource` is `forbidden`,
//!   404 `object_not_found` is `not_found`, 409 `conflict_error` is `conflict`.
//! - Quota: Notion sends no rate-limit headers, only `Retry-After` (seconds) with a 429
//!   `rate_limited` and with a 529 `service_overload`. Both are rate limiting with that wait:
//!   the kit maps the 429 itself, and [`overloaded`] the 529, whose `Retry-After` the kit's
//!   `reclassify` hook (status and message only) cannot see. A limiting proxy in front of
//!   Notion is read as sending GitHub's `X-RateLimit-*`, the reset a Unix time in seconds, as
//!   for Gitea, the other provider without a quota of its own.

use mosaic_core::ProviderError;
use mosaic_provider_kit::http::{Dialect, RateHeaders, ResetFormat, retry_after};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::time::SystemTime;

/// Notion's dialect: the standard message keys (`message`), and a proxy's `X-RateLimit-*`
/// (Notion sends none of its own).
pub const NOTION: Dialect = Dialect {
    rate_headers: RateHeaders {
        prefix: "x-ratelimit-",
        reset: ResetFormat::UnixSeconds,
    },
    ..Dialect::STANDARD
};

/// The status of Notion's `service_overload`, which is not an IANA status.
pub const SERVICE_OVERLOAD: u16 = 529;

/// A 529 `service_overload` as rate limiting, with the wait its `Retry-After` asks for;
/// `None` for every other status.
pub fn overloaded(
    status: StatusCode,
    headers: &HeaderMap,
    now: SystemTime,
) -> Option<ProviderError> {
    (status.as_u16() == SERVICE_OVERLOAD).then(|| ProviderError::RateLimited {
        retry_after: retry_after(headers, now),
    })
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;
