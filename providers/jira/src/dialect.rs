//! How Jira Cloud's REST API writes its refusals and its quota.
//!
//! - Refusals: an `ErrorCollection`, `{"errorMessages": [...], "errors": {field: message}}`:
//!   messages about the request as a whole, then one per field ("summary: You must specify a
//!   summary of the issue.") (developer.atlassian.com/cloud/jira/platform/rest/v3/intro,
//!   "Status codes"; the `ErrorCollection` schema of its API description, `api/`).
//! - Quota: `X-RateLimit-Limit` and `-Remaining`, and `X-RateLimit-Reset` written as a UTC
//!   time to the minute, `yyyy-MM-ddTHH:mmZ`, besides `Retry-After` on a 429
//!   (developer.atlassian.com/cloud/jira/platform/rate-limiting, "Rate limit responses").

use mosaic_provider_kit::http::{
    Dialect, RateHeaders, ResetFormat, joined_texts, standard_message_parts,
};
use serde_json::Value;

/// Jira's dialect.
pub const JIRA: Dialect = Dialect {
    rate_headers: RateHeaders {
        prefix: "x-ratelimit-",
        reset: ResetFormat::AtlassianTimestamp,
    },
    message_parts,
    ..Dialect::STANDARD
};

/// A gateway's `message`, then `errorMessages`, then each of `errors` as `field: message`.
fn message_parts(body: &Value) -> Vec<String> {
    let mut parts = standard_message_parts(body);
    if let Some(listed @ Value::Array(messages)) = body.get("errorMessages")
        && !messages.is_empty()
    {
        parts.push(joined_texts(listed));
    }
    if let Some(Value::Object(fields)) = body.get("errors") {
        for (field, problem) in fields {
            parts.push(format!("{field}: {}", joined_texts(problem)));
        }
    }
    parts
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;
