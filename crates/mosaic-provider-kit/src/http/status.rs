//! An unsuccessful HTTP answer as one of the core's typed errors, read in the provider's
//! [`Dialect`]: the dialect says where its message and its rate-limit headers are, and which
//! refusals its status misnames; the mapping of statuses to errors is the same for every
//! provider. A body that holds no message the dialect can read is never echoed: only the
//! status is named.

use super::dialect::Dialect;
use super::rate_limit::{RateReading, retry_after};
use super::written::{Effect, body_id, unconfirmed};
use mosaic_core::ProviderError;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use std::time::SystemTime;

/// Maps a non-success answer to the error the executor and the caller act on.
///
/// - 429, and a 403 that says the quota is spent (GitHub answers its primary limit that way,
///   and its secondary limit with `Retry-After`), are `RateLimited`, with the wait the
///   provider asked for or the time until its window resets.
/// - Otherwise the dialect may name the error itself ([`Dialect::reclassify`]).
/// - 401 is the configured credentials' fault; 403 and 404 the caller's.
/// - 405, 406, 409 and 412 are refusals in the resource's current state (already merged, not
///   mergeable, head moved): `Conflict`.
/// - 400 and 422 carry the provider's validation message.
/// - 5xx and 408 are the provider's failure.
pub fn error_for_status(
    dialect: &Dialect,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    now: SystemTime,
) -> ProviderError {
    let message = dialect.message(body).unwrap_or_else(|| status_text(status));
    let reading = RateReading::from_headers(headers, dialect.rate_headers, now);
    let wait = retry_after(headers, now);
    let quota_spent = reading.is_some_and(|reading| reading.exhausted());
    let rate_limited = || ProviderError::RateLimited {
        retry_after: wait.or_else(|| reading.and_then(|reading| reading.resets_in)),
    };
    match status.as_u16() {
        429 => rate_limited(),
        403 if quota_spent || wait.is_some() => rate_limited(),
        _ => (dialect.reclassify)(status, &message)
            .unwrap_or_else(|| error_of_status(status, message)),
    }
}

/// Maps a non-success answer to a request of `effect`: [`error_for_status`], except that a
/// write answered 500, 502 or 504 is `WriteUnconfirmed`. Those statuses do not prove the write
/// was not applied — an application that failed half-way, or a proxy whose upstream took the
/// request and then timed out — so the caller must look before repeating it. 503 (the service
/// refused to take requests) and 408 (the server gave up waiting for the request) still prove
/// nothing was applied.
pub fn error_for_answer(
    dialect: &Dialect,
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    now: SystemTime,
    effect: Effect,
) -> ProviderError {
    let error = error_for_status(dialect, status, headers, body, now);
    match (effect, status.as_u16()) {
        (Effect::Write, 500 | 502 | 504) => unconfirmed(
            body_id(body),
            format!("the provider answered HTTP {status} after taking the request ({error})"),
        ),
        _ => error,
    }
}

/// The error a status stands for, with the provider's message (or the status's name): the
/// table every plugin's refusals share, declared ones included; 429 never comes here.
pub fn error_of_status(status: StatusCode, message: String) -> ProviderError {
    match status.as_u16() {
        401 => ProviderError::Unauthenticated(message),
        403 => ProviderError::Forbidden(message),
        404 | 410 => ProviderError::NotFound(message),
        405 | 406 | 409 | 412 => ProviderError::Conflict(message),
        400 | 413 | 415 | 422 => ProviderError::Invalid(message),
        408 | 500..=599 => ProviderError::Unavailable(message),
        _ => ProviderError::Protocol(format!("unexpected HTTP status {status}: {message}")),
    }
}

/// A status as words for a refusal without a message of its own: `HTTP 404 Not Found`.
pub fn status_text(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    }
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
