//! How Gitea's API v1 writes its refusals and its quota.
//!
//! - Refusals: Gitea's `APIError`, `{"message", "url"}` (the URL its API documentation); a 404
//!   is `APINotFound`, `{"message", "url", "errors"}`, `errors` a list of texts naming what
//!   was missing (the `error` and `notFound` responses of its API description, `api/`).
//! - Quota: Gitea has no API rate limit of its own and sends no rate-limit headers; a limiting
//!   proxy in front of it is read as sending GitHub's `X-RateLimit-*`, the reset a Unix time
//!   in seconds, with `Retry-After` on its 429.

use mosaic_provider_kit::http::{Dialect, RateHeaders, ResetFormat, standard_message_parts};
use serde_json::Value;

/// Gitea's dialect.
pub const GITEA: Dialect = Dialect {
    rate_headers: RateHeaders {
        prefix: "x-ratelimit-",
        reset: ResetFormat::UnixSeconds,
    },
    message_parts,
    ..Dialect::STANDARD
};

/// `message`, then each text of `errors`.
fn message_parts(body: &Value) -> Vec<String> {
    let mut parts = standard_message_parts(body);
    if let Some(Value::Array(errors)) = body.get("errors") {
        parts.extend(errors.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    parts
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;
