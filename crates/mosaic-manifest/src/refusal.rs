//! An unsuccessful answer as one of the core's typed errors, as the manifest maps it: the
//! operation's rules, then the manifest's, then the status alone — the same status table
//! every native plugin's refusals go through (`mosaic-provider-kit`'s `status.rs`). A spent
//! quota (429, or a 403 with the quota at zero or a `Retry-After`) is `rate_limited` with the
//! wait the provider asked for. The provider's message is read with the manifest's
//! expression, or from the common keys; a body that is not JSON is never echoed.

use crate::compile::{Compiled, CompiledOp, Rule};
use crate::format::ErrorKind;
use crate::quota::Reading;
use mosaic_core::ProviderError;
use mosaic_provider_kit::http::{
    error_of_status, retry_after, standard_message_parts, status_text, unconfirmed,
};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::Value;
use std::time::SystemTime;

/// What a refusal means: an error, or an empty answer (a rule of kind `empty`).
#[derive(Debug, PartialEq)]
pub(crate) enum Refusal {
    Error(ProviderError),
    Empty,
}

/// The longest provider message kept, in characters.
const MAX_MESSAGE: usize = 300;

/// Maps a non-success answer of `operation` with `input`.
pub(crate) fn refusal(
    manifest: &Compiled,
    operation: Option<&CompiledOp>,
    input: &Value,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    now: SystemTime,
) -> Refusal {
    let write = operation.is_some_and(|operation| !operation.op.spec().is_read());
    let answer = Refused {
        status,
        headers,
        body,
    };
    refusal_of(manifest, operation, input, &answer, write, now)
}

/// A non-success answer as it came.
pub(crate) struct Refused<'a> {
    pub(crate) status: StatusCode,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: &'a [u8],
}

/// Maps a non-success answer to a request of `operation` (its own, a lookup's or a read
/// back's) with `input`; `write_sent` when it answered the write itself, which a 500, 502 or
/// 504 then leaves unconfirmed.
pub(crate) fn refusal_of(
    manifest: &Compiled,
    operation: Option<&CompiledOp>,
    input: &Value,
    answer: &Refused<'_>,
    write_sent: bool,
    now: SystemTime,
) -> Refusal {
    let (status, headers, body) = (answer.status, answer.headers, answer.body);
    let json: Option<Value> = serde_json::from_slice(body).ok();
    let provider_message = json
        .as_ref()
        .and_then(|json| message_of(manifest, json))
        .unwrap_or_else(|| status_text(status));
    let reading = manifest
        .rate_limit
        .as_ref()
        .and_then(|names| Reading::from_headers(names, headers, now));
    let wait = retry_after(headers, now);
    let spent = reading.is_some_and(|reading| reading.remaining == 0);
    let rate_limited = || ProviderError::RateLimited {
        retry_after: wait.or_else(|| reading.and_then(|reading| reading.resets_in)),
    };
    let error = match status.as_u16() {
        429 => rate_limited(),
        403 if spent || wait.is_some() => rate_limited(),
        code => {
            let rules = operation
                .map(|operation| operation.rules.as_slice())
                .unwrap_or_default()
                .iter()
                .chain(&manifest.rules);
            match rules
                .into_iter()
                .find(|rule| matches(rule, code, json.as_ref(), input))
            {
                Some(rule) if rule.error == ErrorKind::Empty => return Refusal::Empty,
                Some(rule) => {
                    let message = rule
                        .message
                        .as_deref()
                        .and_then(|name| manifest.templates.render(name, &context(input)).ok())
                        .unwrap_or(provider_message);
                    error_of_kind(rule.error, message, &rate_limited)
                }
                None => error_of_status(status, provider_message),
            }
        }
    };
    Refusal::Error(match (write_sent, status.as_u16()) {
        // The provider may have applied a write it answered this way (see the kit's
        // `error_for_answer`): never "not performed".
        (true, 500 | 502 | 504) => unconfirmed(
            None,
            format!("the provider answered HTTP {status} after taking the request ({error})"),
        ),
        _ => error,
    })
}

fn matches(rule: &Rule, status: u16, json: Option<&Value>, input: &Value) -> bool {
    if rule.status != status {
        return false;
    }
    match (&rule.when, json) {
        (None, _) => true,
        (Some(when), Some(json)) => when
            .run(json, input)
            .is_ok_and(|outputs| outputs.first() == Some(&Value::Bool(true))),
        (Some(_), None) => false,
    }
}

/// The input as a template context, without its empty fields.
fn context(input: &Value) -> Value {
    match input {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(name, value)| (name.clone(), value.clone()))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The provider's message in a JSON error body, shortened.
fn message_of(manifest: &Compiled, json: &Value) -> Option<String> {
    let parts: Vec<String> = match &manifest.message {
        Some(expression) => expression
            .run(json, &Value::Null)
            .ok()?
            .into_iter()
            .filter_map(|part| match part {
                Value::String(text) => Some(text),
                Value::Null => None,
                other => Some(other.to_string()),
            })
            .collect(),
        None => standard_message_parts(json),
    };
    let parts: Vec<&str> = parts
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect();
    if parts.is_empty() {
        return None;
    }
    let text = parts.join("; ");
    Some(match text.char_indices().nth(MAX_MESSAGE) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    })
}

/// The error of `kind` with `message`; `rate_limited` builds a spent quota's.
pub(crate) fn error_of_kind(
    kind: ErrorKind,
    message: String,
    rate_limited: &dyn Fn() -> ProviderError,
) -> ProviderError {
    match kind {
        ErrorKind::NotFound => ProviderError::NotFound(message),
        ErrorKind::Forbidden => ProviderError::Forbidden(message),
        ErrorKind::Unauthenticated => ProviderError::Unauthenticated(message),
        ErrorKind::Conflict => ProviderError::Conflict(message),
        ErrorKind::InvalidInput => ProviderError::Invalid(message),
        ErrorKind::RateLimited => rate_limited(),
        ErrorKind::Unavailable => ProviderError::Unavailable(message),
        ErrorKind::Empty => ProviderError::Protocol("an empty answer is not an error".into()),
    }
}

#[cfg(test)]
#[path = "refusal_tests.rs"]
mod tests;
