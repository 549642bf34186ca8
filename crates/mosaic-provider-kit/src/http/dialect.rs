//! [`Dialect`]: how one provider writes its refusals and its quota — which rate-limit headers
//! it sends and how their reset reads, how the human message sits in its JSON error bodies,
//! and which refusals its status misnames. Each HTTP provider declares its own in its
//! `dialect.rs`; what every dialect reuses is here: RFC 9457 problem details, the common
//! `message`/`error`/`error_description` keys, shortening, and never echoing a body that is
//! not JSON.
//!
//! A dialect is a small struct of data and function pointers rather than a trait: it is a
//! fixed fact about a wire format, with no state, so each provider declares it as one `const`,
//! the client keeps a copy of it (no `Arc<dyn …>`, no type per provider), and a provider writes
//! only what differs from [`Dialect::STANDARD`] with `..Dialect::STANDARD`. The rate-limit part
//! is plain data ([`RateHeaders`]), read by one function for every provider, so no provider
//! can read its headers differently from how the quota tracker does.

use super::rate_limit::{RateHeaders, ResetFormat};
use mosaic_core::ProviderError;
use reqwest::StatusCode;
use serde_json::Value;

/// The longest provider message kept, in characters.
pub(super) const MAX_MESSAGE: usize = 300;

/// How one provider writes its refusals and its quota.
#[derive(Clone, Copy, Debug)]
pub struct Dialect {
    /// The rate-limit headers it sends and how their reset reads.
    pub rate_headers: RateHeaders,
    /// The parts of the human message in a JSON error body, in the order they are kept; they
    /// are joined with `; ` and shortened. None means the status is named instead.
    pub message_parts: fn(&Value) -> Vec<String>,
    /// The error a refusal stands for when its status alone would misname it, from the status
    /// and the message read; `None` keeps the status's error. Asked only when the headers did
    /// not already show a rate limit (429, or 403 with the quota spent or `Retry-After`).
    pub reclassify: fn(StatusCode, &str) -> Option<ProviderError>,
}

impl Dialect {
    /// A provider that speaks only the standards: the IETF draft's `RateLimit-*` headers with
    /// the reset as a delay, RFC 9457 problem details and the common message keys
    /// ([`standard_message_parts`]), and no refusal reclassified.
    pub const STANDARD: Dialect = Dialect {
        rate_headers: RateHeaders {
            prefix: "ratelimit-",
            reset: ResetFormat::DelaySeconds,
        },
        message_parts: standard_message_parts,
        reclassify: status_says_it_all,
    };

    /// The human message inside a JSON error body, as this dialect reads it, shortened to
    /// 300 characters. `None` for a body that is not JSON (an HTML error page, a
    /// stack trace: never echoed) or holds no message.
    pub fn message(&self, body: &[u8]) -> Option<String> {
        let value: Value = serde_json::from_slice(body).ok()?;
        let parts: Vec<String> = (self.message_parts)(&value)
            .into_iter()
            .map(|part| part.trim().to_owned())
            .filter(|part| !part.is_empty())
            .collect();
        if parts.is_empty() {
            return None;
        }
        Some(shorten(&parts.join("; ")))
    }
}

/// The message keys every dialect may read, as texts: the common `message`, `error` and
/// `error_description` (OAuth 2.0's error answer, RFC 6749 §5.2), and RFC 9457 problem
/// details' `title` and `detail`, as gateways, proxies and mocks answer. Keys holding anything
/// but a text are left to the provider's own reading.
pub fn standard_message_parts(body: &Value) -> Vec<String> {
    ["message", "error", "error_description", "title", "detail"]
        .into_iter()
        .filter_map(|key| body.get(key)?.as_str())
        .filter(|text| !text.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// A list of texts as one, comma-separated; a text as itself; anything else as its JSON.
pub fn joined_texts(value: &Value) -> String {
    match value {
        Value::Array(items) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map_or_else(|| item.to_string(), str::to_owned)
            })
            .collect::<Vec<_>>()
            .join(", "),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The standard dialect's reclassification: none, the status decides.
fn status_says_it_all(_status: StatusCode, _message: &str) -> Option<ProviderError> {
    None
}

fn shorten(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(MAX_MESSAGE) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
#[path = "dialect_tests.rs"]
mod tests;
