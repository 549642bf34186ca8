//! How GitHub's REST API writes its refusals and its quota, for every GitHub plugin (the forge
//! and Actions).
//!
//! - Quota: `X-RateLimit-Limit`, `-Remaining` and `-Reset`, the reset a Unix time in seconds
//!   (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api).
//! - Refusals: `{"message", "documentation_url"}`; a validation failure adds `errors[]`, each
//!   `{"resource", "field", "code"}` with a `message` when the code is `custom`, or a text
//!   (docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api).
//! - Secondary rate limits (too many concurrent requests, too much content created) answer 403
//!   with a message saying so, often without `Retry-After` and with quota left. The message is
//!   the only sign GitHub gives, and its documentation asks to wait at least a minute then
//!   ("Exceeding the rate limit" on the rate-limits page), so such a refusal is
//!   `rate_limited`, not the caller's `forbidden`.

use crate::http::{Dialect, RateHeaders, ResetFormat, standard_message_parts};
use mosaic_core::ProviderError;
use reqwest::StatusCode;
use serde_json::Value;
use std::time::Duration;

/// GitHub's dialect.
pub const GITHUB: Dialect = Dialect {
    rate_headers: RateHeaders {
        prefix: "x-ratelimit-",
        reset: ResetFormat::UnixSeconds,
    },
    message_parts,
    reclassify: secondary_limit,
};

/// How long to wait after a secondary rate limit that names no wait: GitHub asks for "at
/// least one minute".
pub const SECONDARY_LIMIT_WAIT: Duration = Duration::from_secs(60);

/// `message`, then each of `errors[]`: its `message`, else `field: code`
/// ("Validation Failed; title: missing_field").
fn message_parts(body: &Value) -> Vec<String> {
    let mut parts = standard_message_parts(body);
    let Some(Value::Array(errors)) = body.get("errors") else {
        return parts;
    };
    for error in errors {
        match error {
            Value::String(text) => parts.push(text.clone()),
            Value::Object(fields) => {
                let text = |key: &str| fields.get(key).and_then(Value::as_str);
                if let Some(message) = text("message") {
                    parts.push(message.to_owned());
                } else if let (Some(field), Some(code)) = (text("field"), text("code")) {
                    parts.push(format!("{field}: {code}"));
                }
            }
            _ => {}
        }
    }
    parts
}

/// A 403 whose message names a secondary rate limit is `rate_limited` for a minute.
fn secondary_limit(status: StatusCode, message: &str) -> Option<ProviderError> {
    let secondary = message
        .to_ascii_lowercase()
        .contains("secondary rate limit");
    (status == StatusCode::FORBIDDEN && secondary).then_some(ProviderError::RateLimited {
        retry_after: Some(SECONDARY_LIMIT_WAIT),
    })
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;
