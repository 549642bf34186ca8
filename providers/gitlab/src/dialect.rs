//! How GitLab's REST API v4 writes its refusals and its quota.
//!
//! - Refusals: `{"message": "404 Project Not Found"}`, `{"error": "ref is missing"}`, or a
//!   validation failure as a field → messages map, `{"message": {"title": ["can't be
//!   blank"]}}`, kept as GitLab writes its full messages, "title can't be blank"
//!   (docs.gitlab.com/api/rest/troubleshooting, "Data validation and error reporting"). Some
//!   conflicts list their messages, `{"message": ["Another open merge request already exists
//!   for this source branch: !1"]}`.
//! - Quota: `RateLimit-Limit`, `-Remaining` and `-Reset`, the reset a Unix time in seconds
//!   (docs.gitlab.com/administration/settings/user_and_ip_rate_limits, "Response headers").

use mosaic_provider_kit::http::{
    Dialect, RateHeaders, ResetFormat, joined_texts, standard_message_parts,
};
use serde_json::Value;

/// GitLab's dialect.
pub const GITLAB: Dialect = Dialect {
    rate_headers: RateHeaders {
        prefix: "ratelimit-",
        reset: ResetFormat::UnixSeconds,
    },
    message_parts,
    ..Dialect::STANDARD
};

/// `message` as a text, a list or a field map, then `error`.
fn message_parts(body: &Value) -> Vec<String> {
    let mut parts = match body.get("message") {
        Some(Value::Object(fields)) => fields
            .iter()
            .map(|(field, problems)| format!("{field} {}", joined_texts(problems)))
            .collect(),
        Some(listed @ Value::Array(_)) => vec![joined_texts(listed)],
        _ => Vec::new(),
    };
    parts.extend(standard_message_parts(body));
    parts
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;
