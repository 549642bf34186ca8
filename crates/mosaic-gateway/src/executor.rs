//! The executor: tries a plan's candidates in order under per-instance timeouts, retries and
//! circuit breakers. Reads fall through to the next candidate; a write goes only to its system
//! of record (the plan's single candidate) and is never sent anywhere else; what a failed
//! write tells its caller is decided in `write_outcome`.

use crate::answer::{Attempt, CallError};
use crate::breaker::{Admission, CircuitState};
use crate::instance::Instance;
use crate::metrics::{
    CIRCUIT_STATE, CIRCUIT_TRANSITIONS, PROVIDER_CALL_DURATION, PROVIDER_CALLS, QUOTA_BACKOFFS,
    RETRIES,
};
use crate::retry::{NextStep, RetrySettings, next_step};
use crate::write_outcome::{Failure, Proof, proof, write_failed};
use mosaic_core::{Fault, Operation, Output, ProviderError};
use std::time::Duration;
use tokio::time::Instant;

/// A successful execution.
#[derive(Debug)]
pub struct Executed {
    /// The result.
    pub output: Output,
    /// Index of the instance that answered.
    pub instance: usize,
    /// Candidates tried before it, with their errors.
    pub failed_over: Vec<Attempt>,
}

/// Executes `operation` on the candidates `plan` (instance indices in order).
pub async fn execute(
    instances: &[Instance],
    plan: &[usize],
    operation: &Operation,
    retry: &RetrySettings,
) -> Result<Executed, CallError> {
    let spec = operation.spec();
    let mut failed_over = Vec::new();
    let mut throttled = Vec::new();
    let mut last: Option<(usize, Failure)> = None;
    for &index in plan {
        let instance = &instances[index];
        match call_with_retries(instance, operation, retry).await {
            Ok(output) => {
                return Ok(Executed {
                    output,
                    instance: index,
                    failed_over,
                });
            }
            Err(failure) => {
                let stop = failure.error.fault() == Fault::Caller;
                failed_over.push(Attempt {
                    instance: instance.name.clone(),
                    code: failure.error.code(),
                    message: failure.error.to_string(),
                });
                if let ProviderError::RateLimited { retry_after } = failure.error {
                    throttled.push((index, retry_after));
                }
                last = Some((index, failure));
                // The caller's mistake would be the same anywhere; a write has no second system.
                if stop || !spec.is_read() {
                    break;
                }
            }
        }
    }
    let Some((index, failure)) = last else {
        return Err(CallError::Internal(format!("empty plan for {}", spec.name)));
    };
    let instance = instances[index].name.clone();
    if !spec.is_read() {
        return Err(write_failed(spec.name, instance, failure));
    }
    if failed_over.len() > 1 && throttled.len() == failed_over.len() {
        // Every candidate is throttled: as for one, `rate_limited` with the soonest wait.
        let soonest = throttled
            .into_iter()
            .min_by_key(|(_, wait)| wait.unwrap_or(Duration::MAX));
        if let Some((index, retry_after)) = soonest {
            return Err(CallError::Provider {
                instance: instances[index].name.clone(),
                error: ProviderError::RateLimited { retry_after },
            });
        }
    }
    let error = failure.error;
    Err(if error.fault() != Fault::Caller && failed_over.len() > 1 {
        CallError::AllCandidatesFailed(failed_over)
    } else {
        CallError::Provider { instance, error }
    })
}

/// Calls one instance, retrying as [`next_step`] decides. For a write, the failure remembers
/// the first attempt that may have applied it.
async fn call_with_retries(
    instance: &Instance,
    operation: &Operation,
    retry: &RetrySettings,
) -> Result<Output, Failure> {
    let spec = operation.spec();
    let mut attempt = 1;
    let mut doubt = None;
    loop {
        let error = if let Some(wait) = quota_spent(instance) {
            // The provider said its quota is gone until `wait` has passed: asking anyway
            // would only be refused and count against the next window.
            metrics::counter!(QUOTA_BACKOFFS, "instance" => instance.name.clone()).increment(1);
            ProviderError::RateLimited {
                retry_after: Some(wait),
            }
        } else if instance.signals.breaker.admit() == Admission::Rejected {
            // Not sent: an open circuit is not retried here, the next candidate is tried.
            return Err(Failure {
                error: ProviderError::Unavailable("circuit open after repeated failures".into()),
                attempts: attempt,
                doubt,
            });
        } else {
            match call_once(instance, operation).await {
                Ok(output) => return Ok(output),
                Err(error) => error,
            }
        };
        if !spec.is_read() && doubt.is_none() && proof(&error) == Proof::Doubt {
            doubt = Some(error.clone());
        }
        match next_step(spec, &error, attempt, retry, rand::random::<f64>()) {
            NextStep::RetryAfter(delay) => {
                metrics::counter!(RETRIES, "instance" => instance.name.clone(), "operation" => spec.name)
                    .increment(1);
                tokio::time::sleep(delay).await;
                attempt += 1;
            }
            NextStep::NextCandidate | NextStep::Stop => {
                return Err(Failure {
                    error,
                    attempts: attempt,
                    doubt,
                });
            }
        }
    }
}

/// The time until the instance's quota resets, when its last answer said none is left.
fn quota_spent(instance: &Instance) -> Option<Duration> {
    let quota = instance.provider.quota()?;
    match quota.resets_in {
        Some(wait) if quota.remaining == 0 && !wait.is_zero() => Some(wait),
        _ => None,
    }
}

/// One attempt under the instance's timeout, with its outcome fed to the breaker, the latency
/// average and the metrics.
async fn call_once(instance: &Instance, operation: &Operation) -> Result<Output, ProviderError> {
    let spec = operation.spec();
    let started = Instant::now();
    let result =
        match tokio::time::timeout(instance.timeout, instance.provider.call(operation)).await {
            Ok(Ok(output)) if output.op_id() == operation.op_id() => Ok(output),
            Ok(Ok(output)) => Err(ProviderError::Protocol(format!(
                "answered {} with a result of {}",
                spec.name,
                output.op_id().name()
            ))),
            Ok(Err(error)) => Err(error),
            Err(_) => Err(ProviderError::Timeout(instance.timeout)),
        };
    let elapsed = started.elapsed();
    let provider_failed = matches!(&result, Err(error) if error.fault() != Fault::Caller);
    if let Some(state) = instance.signals.breaker.record(provider_failed) {
        log_transition(instance, state, &result);
    }
    instance.signals.count(provider_failed);
    if !matches!(result, Err(ProviderError::Unavailable(_))) {
        // Refused connections answer instantly; counting them would make a dead instance look fast.
        instance.signals.latency.observe(elapsed);
    }
    let outcome = match &result {
        Ok(_) => "ok",
        Err(error) => error.code(),
    };
    metrics::counter!(PROVIDER_CALLS, "instance" => instance.name.clone(), "operation" => spec.name, "outcome" => outcome)
        .increment(1);
    metrics::histogram!(PROVIDER_CALL_DURATION, "instance" => instance.name.clone(), "operation" => spec.name)
        .record(elapsed.as_secs_f64());
    metrics::gauge!(CIRCUIT_STATE, "instance" => instance.name.clone())
        .set(instance.signals.circuit().gauge());
    result
}

/// Logs a breaker's move to `state` as an event of its own, and counts it.
fn log_transition(
    instance: &Instance,
    state: CircuitState,
    result: &Result<Output, ProviderError>,
) {
    metrics::counter!(CIRCUIT_TRANSITIONS, "instance" => instance.name.clone(), "to" => state.as_str())
        .increment(1);
    match (state, result) {
        (CircuitState::Open, Err(error)) => tracing::warn!(
            instance = %instance.name,
            %error,
            open_for_s = instance.signals.breaker.settings().open_for.as_secs_f64(),
            "circuit opened: calls to the instance are held back"
        ),
        (CircuitState::Closed, _) => tracing::info!(
            instance = %instance.name,
            "circuit closed: the instance answers again"
        ),
        (state, _) => {
            tracing::info!(instance = %instance.name, state = state.as_str(), "circuit changed")
        }
    }
}

/// The per-attempt timeout used when neither the instance nor the executor settings give one.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

#[cfg(test)]
#[path = "executor_tests.rs"]
mod tests;
