//! How Linear's API answers at the HTTP level, beneath its GraphQL envelope (`errors.rs`).
//!
//! - Quota: `X-RateLimit-Requests-Limit`, `-Remaining` and `-Reset` on every answer, the reset
//!   a Unix time in milliseconds (linear.app/developers/rate-limiting, "Request limits").
//! - Refusals: GraphQL's `{"errors": [{"message", …}]}`, which `errors.rs` classifies; an
//!   error it cannot classify, or an answer that is not GraphQL (a proxy's, a gateway's), is
//!   read as any HTTP refusal, its message the entries' `message`s or the common keys.

use mosaic_provider_kit::http::{Dialect, RateHeaders, ResetFormat, standard_message_parts};
use serde_json::Value;

/// Linear's dialect.
pub const LINEAR: Dialect = Dialect {
    rate_headers: RateHeaders {
        prefix: "x-ratelimit-requests-",
        reset: ResetFormat::UnixMillis,
    },
    message_parts,
    ..Dialect::STANDARD
};

/// The common keys, then the `message` of each of GraphQL's `errors`.
fn message_parts(body: &Value) -> Vec<String> {
    let mut parts = standard_message_parts(body);
    if let Some(Value::Array(errors)) = body.get("errors") {
        parts.extend(
            errors
                .iter()
                .filter_map(|error| error.get("message")?.as_str())
                .map(str::to_owned),
        );
    }
    parts
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;
