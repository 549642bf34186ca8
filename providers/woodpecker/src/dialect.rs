//! How Woodpecker writes its refusals and its quota.
//!
//! - Refusals: Woodpecker's handlers answer in plain text (`c.String(403, "User not
//!   authorized")`, `c.String(400, "Cannot cancel a non-running or non-pending or
//!   non-blocked pipeline")`) or with no body at all (`c.AbortWithStatus(404)` for a missing
//!   repository or pipeline, and for a repository the token may not push to). A short
//!   plain-text body is the message here; an HTML page (a proxy's) is never echoed; a JSON
//!   body (a proxy's, or a JSON string) is read with the standard keys.
//! - Quota: Woodpecker has no API rate limit of its own; a proxy in front may answer 429
//!   with `Retry-After` (and `X-RateLimit-*`), which is `rate_limited` with that wait.

use mosaic_core::ProviderError;
use mosaic_provider_kit::http::{
    Dialect, Effect, RateHeaders, ResetFormat, error_for_answer, standard_message_parts,
};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use serde_json::{Value, json};
use std::time::SystemTime;

/// The longest plain-text refusal read as a message; anything longer is no handler's text.
const MAX_TEXT: usize = 500;

/// Woodpecker's dialect.
pub const WOODPECKER: Dialect = Dialect {
    rate_headers: RateHeaders {
        prefix: "x-ratelimit-",
        reset: ResetFormat::UnixSeconds,
    },
    message_parts,
    ..Dialect::STANDARD
};

/// A JSON string (the text of a refusal served as JSON) as itself; an object with the
/// standard keys.
fn message_parts(body: &Value) -> Vec<String> {
    match body {
        Value::String(text) => vec![text.clone()],
        other => standard_message_parts(other),
    }
}

/// The error of a non-success answer: a plain-text body becomes the message.
pub fn refusal(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    effect: Effect,
) -> ProviderError {
    let plain = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/plain"));
    let text = std::str::from_utf8(body).ok().map(str::trim);
    let body = match text {
        Some(text)
            if plain && !text.is_empty() && text.len() <= MAX_TEXT && !text.contains('<') =>
        {
            serde_json::to_vec(&json!({ "message": text })).unwrap_or_default()
        }
        _ => body.to_vec(),
    };
    error_for_answer(
        &WOODPECKER,
        status,
        headers,
        &body,
        SystemTime::now(),
        effect,
    )
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;
