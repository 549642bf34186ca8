//! What a failed write tells its caller: not performed, or outcome unknown (DESIGN.md,
//! "Operation semantics"). A write is reported "not performed" only when every attempt proves
//! it was not applied — refused before or by the provider; once any attempt may have been
//! applied, the answer is `write_outcome_unknown` with what is known, because a caller who
//! repeats a write it believes was not performed may create a duplicate.

use crate::answer::CallError;
use crate::rate_limiter::Refusal;
use mosaic_core::ProviderError;

/// What one failed attempt at a write proves about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Proof {
    /// The provider refused it (not found, forbidden, conflict, invalid, unsupported, our
    /// credentials): nothing was applied, and the caller learns why.
    Refused,
    /// Rate limited by the provider (a 429), held back because its quota is spent, or refused
    /// by its client-side rate limit: not applied; the caller may come back after the wait.
    Throttled,
    /// The provider could not be reached, its circuit is open, or it failed (5xx): not applied.
    Down,
    /// The write may have been applied: no answer in time, an answer that could not be
    /// understood, or the adapter could not confirm it (`WriteUnconfirmed`).
    Doubt,
}

/// The one place that decides what a provider error proves about a write. Adapters that
/// cannot tell whether a write was applied answer `WriteUnconfirmed`, so the variant decides.
pub(crate) fn proof(error: &ProviderError) -> Proof {
    match error {
        ProviderError::NotFound(_)
        | ProviderError::Forbidden(_)
        | ProviderError::Unauthenticated(_)
        | ProviderError::Conflict(_)
        | ProviderError::Invalid(_)
        | ProviderError::Unsupported { .. } => Proof::Refused,
        ProviderError::RateLimited { .. } => Proof::Throttled,
        ProviderError::Unavailable(_) => Proof::Down,
        ProviderError::Timeout(_)
        | ProviderError::Protocol(_)
        | ProviderError::WriteUnconfirmed { .. } => Proof::Doubt,
    }
}

/// How a write's attempts at its system of record ended.
#[derive(Debug)]
pub(crate) struct Failure {
    /// The last attempt's error.
    pub(crate) error: ProviderError,
    /// Attempts made, including the last.
    pub(crate) attempts: u32,
    /// The first attempt that may have applied the write, if any: it decides the outcome
    /// whatever later attempts answered (a retry refused as `conflict` proves nothing about it).
    pub(crate) doubt: Option<ProviderError>,
    /// Set when the last attempt was not sent because the instance's client-side rate limit
    /// refused it (its `error` is then `rate_limited` with the wait): what the caller is told
    /// of that candidate.
    pub(crate) refusal: Option<Refusal>,
}

/// The caller's error for a write that failed at `instance`.
pub(crate) fn write_failed(
    operation: &'static str,
    instance: String,
    failure: Failure,
) -> CallError {
    let Failure {
        error,
        attempts,
        doubt,
        refusal,
    } = failure;
    if let Some(doubt) = doubt {
        return unknown(operation, instance, &doubt, &error, attempts);
    }
    if let Some(refusal) = refusal {
        // Held back by the gateway's own limit: never sent, so certainly not applied.
        return CallError::RateLimitRefused { instance, refusal };
    }
    match proof(&error) {
        // As for reads: `rate_limited`, with the provider's wait for `Retry-After`.
        Proof::Refused | Proof::Throttled => CallError::Provider { instance, error },
        Proof::Down => CallError::WriteTargetDown {
            operation,
            instance,
            error,
        },
        Proof::Doubt => unknown(operation, instance, &error, &error, attempts),
    }
}

/// `write_outcome_unknown`, saying why and with the id the provider returned, if it did.
fn unknown(
    operation: &'static str,
    instance: String,
    doubt: &ProviderError,
    last: &ProviderError,
    attempts: u32,
) -> CallError {
    let mut reason = match doubt {
        ProviderError::Timeout(limit) => format!("it did not answer within {limit:?}"),
        ProviderError::Protocol(detail) => format!("its answer could not be understood ({detail})"),
        ProviderError::WriteUnconfirmed { reason, .. } => reason.clone(),
        // Not doubts (see `proof`); named for exhaustiveness.
        ProviderError::NotFound(_)
        | ProviderError::Forbidden(_)
        | ProviderError::Unauthenticated(_)
        | ProviderError::Conflict(_)
        | ProviderError::Invalid(_)
        | ProviderError::RateLimited { .. }
        | ProviderError::Unavailable(_)
        | ProviderError::Unsupported { .. } => doubt.to_string(),
    };
    if last != doubt {
        reason.push_str(&format!("; a retry then failed ({last})"));
    } else if attempts > 1 {
        reason.push_str(&format!(" ({attempts} attempts)"));
    }
    let id = [doubt, last].into_iter().find_map(|error| match error {
        ProviderError::WriteUnconfirmed { id, .. } => id.clone(),
        _ => None,
    });
    CallError::WriteOutcomeUnknown {
        operation,
        instance,
        id,
        reason,
    }
}

#[cfg(test)]
#[path = "write_outcome_tests.rs"]
mod tests;
