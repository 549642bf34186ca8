//! Whether and when a failed attempt is tried again. Decided here, in one place, from the
//! operation's metadata and the error's type — never at call sites, never from error text.

use mosaic_core::{OperationSpec, ProviderError};
use std::time::Duration;

/// Retry tuning, from the `executor.retry` section of the configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetrySettings {
    /// Attempts per instance, including the first (1 = no retry).
    pub max_attempts: u32,
    /// Delay before the first retry; doubles each time.
    pub base_delay: Duration,
    /// Upper bound of one delay, also for a provider's `Retry-After`.
    pub max_delay: Duration,
}

impl Default for RetrySettings {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
        }
    }
}

/// What to do after a failed attempt on one instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextStep {
    /// Wait, then try the same instance again.
    RetryAfter(Duration),
    /// Give up on this instance; a read may go on to the next candidate.
    NextCandidate,
    /// Stop: the answer is final (the caller's mistake, or a write that must not be repeated).
    Stop,
}

/// Decides the next step after `attempt` (1-based) failed with `error`.
///
/// - Only idempotent operations are retried (DESIGN.md: a write is retried only when it is
///   idempotent), and only for transient provider faults.
/// - A provider's `Retry-After` is honoured, within `max_delay`; a longer wait moves on instead.
/// - Errors that are the caller's fault stop at once: another instance holding the same data
///   would answer the same.
/// - `jitter` in `[0, 1)` spreads retries of many callers ("full jitter" of the AWS
///   architecture blog's backoff analysis), keeping tests deterministic when fixed.
pub fn next_step(
    spec: &OperationSpec,
    error: &ProviderError,
    attempt: u32,
    settings: &RetrySettings,
    jitter: f64,
) -> NextStep {
    next_step_for(spec.idempotent, error, attempt, settings, jitter)
}

/// [`next_step`] for a call that is not a catalog operation (a federated tool), of which only
/// whether it may be repeated is known: `idempotent` (a tool configured read-only).
pub fn next_step_for(
    idempotent: bool,
    error: &ProviderError,
    attempt: u32,
    settings: &RetrySettings,
    jitter: f64,
) -> NextStep {
    let transient = match error {
        ProviderError::RateLimited { .. }
        | ProviderError::Unavailable(_)
        | ProviderError::Timeout(_) => true,
        ProviderError::Protocol(_)
        | ProviderError::Unauthenticated(_)
        | ProviderError::Unsupported { .. } => false,
        ProviderError::NotFound(_)
        | ProviderError::Forbidden(_)
        | ProviderError::Conflict(_)
        | ProviderError::Invalid(_)
        // The write may have been applied: repeating it anywhere could apply it twice.
        | ProviderError::WriteUnconfirmed { .. } => return NextStep::Stop,
    };
    // Another instance may hold the same data with working credentials or support the
    // operation, so non-transient provider/gateway faults still let a read move on.
    if !transient || !idempotent || attempt >= settings.max_attempts {
        return NextStep::NextCandidate;
    }
    let delay = match error {
        ProviderError::RateLimited {
            retry_after: Some(wait),
        } if *wait > settings.max_delay => {
            return NextStep::NextCandidate;
        }
        ProviderError::RateLimited {
            retry_after: Some(wait),
        } => *wait,
        _ => backoff(attempt, settings, jitter),
    };
    NextStep::RetryAfter(delay)
}

/// Exponential backoff with full jitter: a random delay in `[0, min(max, base * 2^(attempt-1))]`.
fn backoff(attempt: u32, settings: &RetrySettings, jitter: f64) -> Duration {
    let exponent = attempt.saturating_sub(1).min(20);
    let ceiling = settings
        .base_delay
        .saturating_mul(1 << exponent)
        .min(settings.max_delay);
    ceiling.mul_f64(jitter.clamp(0.0, 1.0))
}

#[cfg(test)]
#[path = "retry_tests.rs"]
mod tests;
