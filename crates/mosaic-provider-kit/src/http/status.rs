//! An unsuccessful HTTP answer as one of the core's typed errors.
//!
//! The provider's own message is kept when it sent one as JSON (`message`, `error`,
//! `error_description`, GitHub's `errors[]`, GitLab's field → messages map), shortened; a body
//! that is not such JSON is never echoed, only the status is named.

use super::rate_limit::{RateReading, retry_after};
use super::written::{Effect, body_id, unconfirmed};
use mosaic_core::ProviderError;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::Value;
use std::time::SystemTime;

/// The longest provider message kept, in characters.
const MAX_MESSAGE: usize = 300;

/// Maps a non-success answer to the error the executor and the caller act on.
///
/// - 429, and a 403 that says the quota is spent (GitHub answers its primary limit that way,
///   and its secondary limit with `Retry-After`), are `RateLimited`, with the wait the
///   provider asked for or the time until its window resets.
/// - 401 is the configured credentials' fault; 403 and 404 the caller's.
/// - 405, 406, 409 and 412 are refusals in the resource's current state (already merged, not
///   mergeable, head moved): `Conflict`.
/// - 400 and 422 carry the provider's validation message.
/// - 5xx and 408 are the provider's failure.
pub fn error_for_status(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    now: SystemTime,
) -> ProviderError {
    let message = provider_message(body).unwrap_or_else(|| status_text(status));
    let reading = RateReading::from_headers(headers, now);
    let wait = retry_after(headers, now);
    let quota_spent = reading.is_some_and(|reading| reading.exhausted());
    match status.as_u16() {
        429 => ProviderError::RateLimited {
            retry_after: wait.or_else(|| reading.and_then(|reading| reading.resets_in)),
        },
        403 if quota_spent || wait.is_some() => ProviderError::RateLimited {
            retry_after: wait.or_else(|| reading.and_then(|reading| reading.resets_in)),
        },
        401 => ProviderError::Unauthenticated(message),
        403 => ProviderError::Forbidden(message),
        404 | 410 => ProviderError::NotFound(message),
        405 | 406 | 409 | 412 => ProviderError::Conflict(message),
        400 | 413 | 415 | 422 => ProviderError::Invalid(message),
        408 | 500..=599 => ProviderError::Unavailable(message),
        _ => ProviderError::Protocol(format!("unexpected HTTP status {status}: {message}")),
    }
}

/// Maps a non-success answer to a request of `effect`: [`error_for_status`], except that a
/// write answered 500, 502 or 504 is `WriteUnconfirmed`. Those statuses do not prove the write
/// was not applied — an application that failed half-way, or a proxy whose upstream took the
/// request and then timed out — so the caller must look before repeating it. 503 (the service
/// refused to take requests) and 408 (the server gave up waiting for the request) still prove
/// nothing was applied.
pub fn error_for_answer(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    now: SystemTime,
    effect: Effect,
) -> ProviderError {
    let error = error_for_status(status, headers, body, now);
    match (effect, status.as_u16()) {
        (Effect::Write, 500 | 502 | 504) => unconfirmed(
            body_id(body),
            format!("the provider answered HTTP {status} after taking the request ({error})"),
        ),
        _ => error,
    }
}

/// The human message inside a JSON error body, shortened to a few hundred characters.
pub fn provider_message(body: &[u8]) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let mut parts: Vec<String> = Vec::new();
    // `title` and `detail` are RFC 9457 problem details, as gateways and mocks answer.
    // `errorMessages` is Jira's list of messages about the request as a whole.
    for key in [
        "message",
        "error",
        "error_description",
        "title",
        "detail",
        "errorMessages",
    ] {
        match value.get(key) {
            Some(Value::String(text)) if !text.trim().is_empty() => parts.push(text.clone()),
            // GitLab's validation errors: `{"message": {"title": ["can't be blank"]}}`.
            Some(Value::Object(fields)) => {
                for (field, problems) in fields {
                    parts.push(format!("{field} {}", join_texts(problems)));
                }
            }
            Some(Value::Array(items)) if !items.is_empty() => {
                parts.push(join_texts(&Value::Array(items.clone())))
            }
            _ => {}
        }
    }
    // GitHub's validation errors: `{"errors": [{"resource", "field", "code", "message"?}]}`.
    // Jira's field errors: `{"errors": {"summary": "You must specify a summary."}}`.
    if let Some(Value::Object(fields)) = value.get("errors") {
        for (field, problem) in fields {
            parts.push(format!("{field}: {}", join_texts(problem)));
        }
    }
    if let Some(Value::Array(errors)) = value.get("errors") {
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
    }
    // Django REST framework's field errors (Plane): `{"name": ["This field is required."]}`.
    if parts.is_empty()
        && let Value::Object(fields) = &value
    {
        for (field, problems) in fields {
            if let Value::Array(items) = problems
                && !items.is_empty()
                && items.iter().all(Value::is_string)
            {
                parts.push(format!("{field}: {}", join_texts(problems)));
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(shorten(&parts.join("; ")))
}

fn join_texts(value: &Value) -> String {
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

fn shorten(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(MAX_MESSAGE) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

fn status_text(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    }
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
