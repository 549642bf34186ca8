//! How Confluence Cloud's REST APIs write their refusals and their quota.
//!
//! - Refusals, v2: `{"errors": [{"status", "code", "title", "detail"}]}`
//!   (developer.atlassian.com/cloud/confluence/rest/v2/intro, "Errors"); each error's title,
//!   then its detail, is the message. v1 (search): `{"statusCode", "message"}`, read with the
//!   standard `message` key.
//! - A stale version: v2 answers 409 ("Version must be incremented on update. Current Version
//!   is: 5"), and some paths 400 naming the version; both are `conflict` here, so the adapter
//!   can answer with the page's current version.
//! - Quota: as Jira, `X-RateLimit-Limit`/`-Remaining` and `X-RateLimit-Reset` written as a UTC
//!   time, and `Retry-After` on a 429 (developer.atlassian.com/cloud/confluence/rate-limiting).

use mosaic_core::ProviderError;
use mosaic_provider_kit::http::{
    Dialect, RateHeaders, ResetFormat, joined_texts, standard_message_parts,
};
use reqwest::StatusCode;
use serde_json::Value;

/// Confluence's dialect.
pub const CONFLUENCE: Dialect = Dialect {
    rate_headers: RateHeaders {
        prefix: "x-ratelimit-",
        reset: ResetFormat::AtlassianTimestamp,
    },
    message_parts,
    reclassify,
};

/// The standard keys (v1's `message`, a gateway's `title`/`detail`), then each of v2's
/// `errors` as its title and detail.
fn message_parts(body: &Value) -> Vec<String> {
    let mut parts = standard_message_parts(body);
    if let Some(Value::Array(errors)) = body.get("errors") {
        for error in errors {
            let text = |key: &str| {
                error
                    .get(key)
                    .filter(|value| !value.is_null())
                    .map(joined_texts)
                    .filter(|text| !text.trim().is_empty())
            };
            let part = match (text("title"), text("detail")) {
                (Some(title), Some(detail)) if title != detail => format!("{title}: {detail}"),
                (Some(title), _) => title,
                (None, Some(detail)) => detail,
                (None, None) => match text("code") {
                    Some(code) => code,
                    None => continue,
                },
            };
            parts.push(part);
        }
    }
    parts
}

/// A 400 that names the version is a stale version, as a 409 is.
fn reclassify(status: StatusCode, message: &str) -> Option<ProviderError> {
    (status == StatusCode::BAD_REQUEST && message.to_ascii_lowercase().contains("version"))
        .then(|| ProviderError::Conflict(message.to_owned()))
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;
