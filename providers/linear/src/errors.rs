//! Linear's GraphQL answer envelope and its `errors[]` as the core's typed errors.
//!
//! Linear answers `{"data": …, "errors": [{"message", "path", "extensions": {"code", "type",
//! "statusCode", "userError", "userPresentableMessage"}}]}`, under HTTP 200 for errors in an
//! operation's input (an unknown issue: `INPUT_ERROR`, "Entity not found: Issue"), 400 for a
//! spent quota (`RATELIMITED`), a missing scope (`FORBIDDEN`) or a document the schema refuses
//! (`GRAPHQL_VALIDATION_FAILED`), and 401 for credentials it does not know
//! (`AUTHENTICATION_ERROR`). The error is read from `extensions.code`, then from
//! `extensions.type` (what Linear's SDK reads: "authentication error", "forbidden",
//! "ratelimited", "invalid input", …), and only then from the status.
//!
//! Not found and invalid input share the code `INPUT_ERROR` (and the type "invalid input"):
//! Linear tells them apart only by its message, "Entity not found: {Type}", so that prefix —
//! and nothing else of a message — is read.
//!
//! The message kept is Linear's `userPresentableMessage`, else its `message`, shortened.

use crate::dialect::LINEAR;
use mosaic_core::ProviderError;
use mosaic_provider_kit::http::{Effect, RawReply, id_in, unconfirmed};
use mosaic_provider_kit::http::{RateReading, error_for_answer, error_for_status, retry_after};
use reqwest::StatusCode;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::time::SystemTime;

/// The longest message kept, in characters.
const MAX_MESSAGE: usize = 300;

/// What Linear's not-found messages start with (`Entity not found: Issue`).
const NOT_FOUND_PREFIX: &str = "Entity not found";

/// The envelope of every GraphQL answer.
#[derive(Debug, Deserialize)]
struct Envelope {
    #[serde(default)]
    data: Option<Value>,
    #[serde(default)]
    errors: Vec<GraphqlError>,
}

/// One entry of `errors[]`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct GraphqlError {
    /// The technical message.
    #[serde(default)]
    pub message: String,
    /// Linear's classification.
    #[serde(default)]
    pub extensions: Extensions,
}

/// `errors[].extensions`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Extensions {
    /// `AUTHENTICATION_ERROR`, `FORBIDDEN`, `RATELIMITED`, `INPUT_ERROR`, …
    #[serde(default)]
    pub code: Option<String>,
    /// "authentication error", "forbidden", "ratelimited", "invalid input", …
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    /// The HTTP status Linear means, which may differ from the one it sent.
    #[serde(default)]
    pub status_code: Option<u16>,
    /// The message meant for people.
    #[serde(default)]
    pub user_presentable_message: Option<String>,
}

/// The `data` of an answer as `T`, or the error the answer stands for.
///
/// For a mutation's answer (`Effect::Write`), `errors[]` and an unsuccessful status are
/// Linear's refusals, as for a query; a 2xx answer that does not read (not GraphQL, no `data`,
/// `data` that does not fit) is `WriteUnconfirmed`, with the identifier (or id) of what the
/// payload holds when it names one: Linear accepted the mutation.
pub fn read_answer<T: DeserializeOwned>(
    answer: &RawReply,
    effect: Effect,
) -> Result<T, ProviderError> {
    let unreadable = |problem: String, id: Option<String>| match effect {
        Effect::Read => ProviderError::Protocol(problem),
        Effect::Write => unconfirmed(id, format!("its answer could not be read ({problem})")),
    };
    let envelope: Envelope = match serde_json::from_slice(&answer.body) {
        Ok(envelope) => envelope,
        // Not GraphQL (a proxy's error page, a gateway timeout): the status says what failed.
        Err(_) if !answer.status.is_success() => return Err(status_error(answer, effect)),
        Err(error) => {
            return Err(unreadable(
                format!("answer is not a GraphQL response: {error}"),
                None,
            ));
        }
    };
    if let Some(first) = envelope.errors.first() {
        return Err(classify(first, answer));
    }
    if !answer.status.is_success() {
        return Err(status_error(answer, effect));
    }
    let Some(data) = envelope.data else {
        return Err(unreadable(
            "answer carries neither `data` nor `errors`".into(),
            None,
        ));
    };
    serde_path_to_error::deserialize(&data).map_err(|error| {
        unreadable(
            format!(
                "answer does not fit the query at `data.{}`: {}",
                error.path(),
                error.inner()
            ),
            payload_id(&data),
        )
    })
}

/// The id a mutation's payload names: `data.{mutation}.{issue or comment}`'s identifier or id.
pub fn payload_id(data: &Value) -> Option<String> {
    data.as_object()?
        .values()
        .next()?
        .as_object()?
        .values()
        .find_map(id_in)
}

/// The error one `errors[]` entry stands for, by code, then type, then status.
pub fn classify(error: &GraphqlError, answer: &RawReply) -> ProviderError {
    let message = message_of(error);
    let by_code = error
        .extensions
        .code
        .as_deref()
        .and_then(|code| match code {
            "AUTHENTICATION_ERROR" | "UNAUTHENTICATED" => Some(Kind::Unauthenticated),
            "FORBIDDEN" | "FEATURE_NOT_ACCESSIBLE" | "USAGE_LIMIT_EXCEEDED" => {
                Some(Kind::Forbidden)
            }
            "RATELIMITED" => Some(Kind::RateLimited),
            "INPUT_ERROR" | "INVALID_INPUT" | "BAD_USER_INPUT" => Some(Kind::Input),
            "GRAPHQL_VALIDATION_FAILED" | "GRAPHQL_PARSE_FAILED" => Some(Kind::Document),
            "INTERNAL_SERVER_ERROR" | "INTERNAL_ERROR" | "LOCK_TIMEOUT" | "BOOTSTRAP_ERROR" => {
                Some(Kind::Unavailable)
            }
            _ => None,
        });
    let by_type = || {
        error
            .extensions
            .kind
            .as_deref()
            .and_then(|kind| match kind {
                "authentication error" => Some(Kind::Unauthenticated),
                "forbidden" | "feature not accessible" | "usage limit exceeded" => {
                    Some(Kind::Forbidden)
                }
                "ratelimited" => Some(Kind::RateLimited),
                "invalid input" | "user error" => Some(Kind::Input),
                "graphql error" => Some(Kind::Document),
                "internal error" | "lock timeout" | "network error" | "bootstrap error" => {
                    Some(Kind::Unavailable)
                }
                _ => None,
            })
    };
    match by_code.or_else(by_type) {
        Some(Kind::Unauthenticated) => ProviderError::Unauthenticated(message),
        Some(Kind::Forbidden) => ProviderError::Forbidden(message),
        Some(Kind::RateLimited) => ProviderError::RateLimited {
            retry_after: rate_limit_wait(answer),
        },
        Some(Kind::Input) if error.message.starts_with(NOT_FOUND_PREFIX) => {
            ProviderError::NotFound(message)
        }
        Some(Kind::Input) => ProviderError::Invalid(message),
        Some(Kind::Document) => ProviderError::Protocol(format!(
            "Linear refused the query document (is the vendored schema out of date?): {message}"
        )),
        Some(Kind::Unavailable) => ProviderError::Unavailable(message),
        // An error Linear does not classify: the status it means, read as any HTTP answer.
        None => {
            let status = error
                .extensions
                .status_code
                .and_then(|code| StatusCode::from_u16(code).ok())
                .filter(|status| !status.is_success())
                .unwrap_or(answer.status);
            if status.is_success() {
                ProviderError::Protocol(format!("Linear answered an error: {message}"))
            } else {
                error_for_status(
                    &LINEAR,
                    status,
                    &answer.headers,
                    &answer.body,
                    SystemTime::now(),
                )
            }
        }
    }
}

/// How the classification reads an error.
enum Kind {
    Unauthenticated,
    Forbidden,
    RateLimited,
    Input,
    Document,
    Unavailable,
}

/// `Retry-After` when sent, else the time until `X-RateLimit-Requests-Reset`.
fn rate_limit_wait(answer: &RawReply) -> Option<std::time::Duration> {
    let now = SystemTime::now();
    retry_after(&answer.headers, now).or_else(|| {
        RateReading::from_headers(&answer.headers, LINEAR.rate_headers, now)
            .and_then(|reading| reading.resets_in)
    })
}

/// An unsuccessful status without GraphQL errors, mapped as every provider's.
fn status_error(answer: &RawReply, effect: Effect) -> ProviderError {
    error_for_answer(
        &LINEAR,
        answer.status,
        &answer.headers,
        &answer.body,
        SystemTime::now(),
        effect,
    )
}

fn message_of(error: &GraphqlError) -> String {
    let text = error
        .extensions
        .user_presentable_message
        .as_deref()
        .filter(|text| !text.trim().is_empty())
        .unwrap_or(&error.message)
        .trim();
    let text = if text.is_empty() {
        "Linear answered an error without a message"
    } else {
        text
    };
    match text.char_indices().nth(MAX_MESSAGE) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
#[path = "errors_tests.rs"]
mod tests;
