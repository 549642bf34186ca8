//! How Plane's API v1 writes its refusals and its quota.
//!
//! - Refusals: Plane's own `{"error": …}`; Django REST framework's `{"detail": …}` for
//!   authentication, permissions and unknown routes; and, when a serializer refuses the
//!   input, DRF's field errors, `{"name": ["This field may not be blank."]}` (input that is
//!   not an object under `non_field_errors`) — read only when neither message key is there
//!   (django-rest-framework.org/api-guide/exceptions, "Exception handling in REST framework
//!   views"; django-rest-framework.org/api-guide/serializers, "Validation").
//! - Quota: `X-RateLimit-Remaining` and `X-RateLimit-Reset`, the reset a Unix time in seconds;
//!   the API key's limit is not sent (developers.plane.so/api-reference/introduction, "Rate
//!   limiting").

use mosaic_provider_kit::http::{
    Dialect, RateHeaders, ResetFormat, joined_texts, standard_message_parts,
};
use serde_json::Value;

/// Plane's dialect.
pub const PLANE: Dialect = Dialect {
    rate_headers: RateHeaders {
        prefix: "x-ratelimit-",
        reset: ResetFormat::UnixSeconds,
    },
    message_parts,
    ..Dialect::STANDARD
};

/// `error` or `detail`, else each field whose value is a list of texts, as `field: texts`.
fn message_parts(body: &Value) -> Vec<String> {
    let parts = standard_message_parts(body);
    if !parts.is_empty() {
        return parts;
    }
    let Value::Object(fields) = body else {
        return parts;
    };
    fields
        .iter()
        .filter(|(_, problems)| {
            problems
                .as_array()
                .is_some_and(|items| !items.is_empty() && items.iter().all(Value::is_string))
        })
        .map(|(field, problems)| format!("{field}: {}", joined_texts(problems)))
        .collect()
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;
