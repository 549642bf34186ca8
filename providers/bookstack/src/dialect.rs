//! How BookStack writes its refusals and its quota.
//!
//! - Refusals: every API error is `{"error": {"code": N, "message": "…"}}`, and a body that
//!   does not validate adds Laravel's field messages under `error.validation`
//!   (`{"name": ["The name field is required."]}`) (BookStack's `app/Exceptions/Handler.php`,
//!   `renderApiException`; the API docs' "Error Handling" section). A gateway or proxy in
//!   front answers in its own shape, read with the standard keys.
//! - Quota: Laravel's throttle middleware sends `X-RateLimit-Limit` and
//!   `X-RateLimit-Remaining` (BookStack's `API_REQUESTS_PER_MIN`, 180 by default), and with a
//!   429 `Retry-After` and `X-RateLimit-Reset`, a Unix time in seconds.

use mosaic_provider_kit::http::{
    Dialect, RateHeaders, ResetFormat, joined_texts, standard_message_parts,
};
use serde_json::Value;

/// BookStack's dialect.
pub const BOOKSTACK: Dialect = Dialect {
    rate_headers: RateHeaders {
        prefix: "x-ratelimit-",
        reset: ResetFormat::UnixSeconds,
    },
    message_parts,
    ..Dialect::STANDARD
};

/// `error.message`, then each field of `error.validation` as `field: messages`; a body of
/// another shape is read with the standard keys.
fn message_parts(body: &Value) -> Vec<String> {
    let Some(error) = body.get("error").filter(|error| error.is_object()) else {
        return standard_message_parts(body);
    };
    let mut parts: Vec<String> = error
        .get("message")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .into_iter()
        .collect();
    if let Some(Value::Object(fields)) = error.get("validation") {
        parts.extend(
            fields
                .iter()
                .map(|(field, problems)| format!("{field}: {}", joined_texts(problems))),
        );
    }
    parts
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;
