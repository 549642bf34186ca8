//! The executor: tries a plan's candidates in order under per-instance timeouts, retries,
//! circuit breakers and client-side rate limits. Reads fall through to the next candidate; a
//! write goes only to its system of record (the plan's single candidate) and is never sent
//! anywhere else; what a failed write tells its caller is decided in `write_outcome`. Every
//! try, sent or held back, is handed to the [`Observers`], which feed it to the breaker, the
//! latency average, the router's estimates, the metrics and the event stream. The one write
//! planned with several candidates, a trigger on interchangeable executors, moves on to the
//! next only from one that provably started nothing.
//!
//! An instance with a rate limit sends each attempt only with a permit of its
//! [`RateLimiter`](crate::rate_limiter::RateLimiter). An attempt waits for one up to the
//! call's deadline (without one, up to the instance's timeout: no longer than it would wait
//! for the provider's answer); when the permit would come later, it is not sent and ends as
//! the provider's own 429 would, `rate_limited` with the wait: a read moves on to the next
//! candidate, a write is "not performed" and goes nowhere else.

use crate::answer::{Attempt, CallError};
use crate::breaker::{Admission, CircuitState};
use crate::instance::Instance;
use crate::observe::{self, Observers, Outcome};
use crate::rate_limiter::Refusal;
use crate::retry::{NextStep, RetrySettings, next_step};
use crate::write_outcome::{Failure, Proof, proof, write_failed};
use mosaic_core::{Fault, OpId, Operation, Output, ProviderError};
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

/// Executes `operation` on the candidates `plan` (instance indices in order), telling
/// `observers` of every try. `deadline` is when the caller stops waiting, if it said: no
/// attempt waits for a rate-limit permit beyond it.
pub async fn execute(
    instances: &[Instance],
    plan: &[usize],
    operation: &Operation,
    retry: &RetrySettings,
    observers: &Observers,
    deadline: Option<Instant>,
) -> Result<Executed, CallError> {
    let spec = operation.spec();
    let mut failed_over = Vec::new();
    let mut throttled = Vec::new();
    let mut last: Option<(usize, Failure)> = None;
    for &index in plan {
        let instance = &instances[index];
        match call_with_retries(instance, operation, retry, observers, deadline).await {
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
                    message: match &failure.refusal {
                        Some(refusal) => refusal.to_string(),
                        None => failure.error.to_string(),
                    },
                });
                if let ProviderError::RateLimited { retry_after } = failure.error {
                    throttled.push((index, retry_after, failure.refusal));
                }
                let unstarted = started_nothing(&failure);
                last = Some((index, failure));
                // The caller's mistake would be the same anywhere. A write has no second system,
                // except a trigger on interchangeable executors (the only writes planned with
                // more than one candidate), which moves on only from one that started nothing.
                let may_move_on =
                    spec.is_read() || (operation.op_id() == OpId::CiRunsTrigger && unstarted);
                if stop || !may_move_on {
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
        if failed_over.len() > 1 && started_nothing(&failure) {
            return Err(CallError::AllCandidatesFailed(failed_over));
        }
        return Err(write_failed(spec.name, instance, failure));
    }
    if failed_over.len() > 1 && throttled.len() == failed_over.len() {
        // Every candidate is throttled: as for one, `rate_limited` with the soonest wait.
        let soonest = throttled
            .into_iter()
            .min_by_key(|(_, wait, _)| wait.unwrap_or(Duration::MAX));
        if let Some((index, retry_after, refusal)) = soonest {
            return Err(throttled_error(
                instances[index].name.clone(),
                retry_after,
                refusal,
            ));
        }
    }
    let error = failure.error;
    Err(if error.fault() != Fault::Caller && failed_over.len() > 1 {
        CallError::AllCandidatesFailed(failed_over)
    } else if let (ProviderError::RateLimited { retry_after }, refusal) = (&error, failure.refusal)
    {
        throttled_error(instance, *retry_after, refusal)
    } else {
        CallError::Provider { instance, error }
    })
}

/// Whether a failed write provably did nothing: never sent (rate limit, open circuit), or
/// refused before it was accepted (unreachable, 5xx, 429), with no earlier attempt in doubt.
fn started_nothing(failure: &Failure) -> bool {
    failure.doubt.is_none()
        && (failure.refusal.is_some()
            || matches!(proof(&failure.error), Proof::Down | Proof::Throttled))
}

/// `rate_limited` from `instance`: the provider's own refusal, or the gateway's client-side
/// limit holding the call back, which names the limit.
fn throttled_error(
    instance: String,
    retry_after: Option<Duration>,
    refusal: Option<Refusal>,
) -> CallError {
    match refusal {
        Some(refusal) => CallError::RateLimitRefused { instance, refusal },
        None => CallError::Provider {
            instance,
            error: ProviderError::RateLimited { retry_after },
        },
    }
}

/// Calls one instance, retrying as [`next_step`] decides. For a write, the failure remembers
/// the first attempt that may have applied it.
async fn call_with_retries(
    instance: &Instance,
    operation: &Operation,
    retry: &RetrySettings,
    observers: &Observers,
    deadline: Option<Instant>,
) -> Result<Output, Failure> {
    let spec = operation.spec();
    let mut attempt = 1;
    let mut doubt = None;
    loop {
        let waited = match permit(instance, deadline).await {
            Ok(waited) => waited,
            Err(refusal) => {
                // Not sent, and not retried here: waiting out the refusal would pass the
                // deadline, so the next candidate is tried, as for an open circuit.
                let held_back = observed(
                    instance,
                    operation,
                    attempt,
                    Duration::ZERO,
                    Outcome::RateLimitRefused { wait: refusal.wait },
                );
                observers.attempt(instance, &held_back, None);
                return Err(Failure {
                    error: ProviderError::RateLimited {
                        retry_after: Some(refusal.wait),
                    },
                    attempts: attempt,
                    doubt,
                    refusal: Some(refusal),
                });
            }
        };
        let error = if let Some(wait) = quota_spent(instance) {
            // The provider said its quota is gone until `wait` has passed: asking anyway
            // would only be refused and count against the next window.
            let held_back = observed(
                instance,
                operation,
                attempt,
                Duration::ZERO,
                Outcome::QuotaSpent { wait },
            );
            observers.attempt(instance, &held_back, None);
            ProviderError::RateLimited {
                retry_after: Some(wait),
            }
        } else if instance.signals.breaker.admit() == Admission::Rejected {
            // Not sent: an open circuit is not retried here, the next candidate is tried.
            let held_back = observed(
                instance,
                operation,
                attempt,
                Duration::ZERO,
                Outcome::CircuitOpen,
            );
            observers.attempt(instance, &held_back, None);
            return Err(Failure {
                error: ProviderError::Unavailable("circuit open after repeated failures".into()),
                attempts: attempt,
                doubt,
                refusal: None,
            });
        } else {
            match call_once(instance, operation, attempt, waited, observers).await {
                Ok(output) => return Ok(output),
                Err(error) => error,
            }
        };
        if !spec.is_read() && doubt.is_none() && proof(&error) == Proof::Doubt {
            doubt = Some(error.clone());
        }
        match next_step(spec, &error, attempt, retry, rand::random::<f64>()) {
            NextStep::RetryAfter(delay) => {
                tokio::time::sleep(delay).await;
                attempt += 1;
            }
            NextStep::NextCandidate | NextStep::Stop => {
                return Err(Failure {
                    error,
                    attempts: attempt,
                    doubt,
                    refusal: None,
                });
            }
        }
    }
}

/// A permit of the instance's rate limit for the next attempt, and how long it took; `None`
/// for an instance without a limit. None is asked for while the circuit is open or the
/// quota spent: the attempt is held back anyway, and a permit would be spent for nothing.
async fn permit(
    instance: &Instance,
    deadline: Option<Instant>,
) -> Result<Option<Duration>, Refusal> {
    let Some(limiter) = &instance.rate_limiter else {
        return Ok(None);
    };
    if instance.signals.circuit() == CircuitState::Open || quota_spent(instance).is_some() {
        return Ok(None);
    }
    let latest = deadline.unwrap_or_else(|| Instant::now() + instance.timeout);
    limiter.acquire(latest).await.map(Some)
}

/// The time until the instance's quota resets, when its last answer said none is left.
fn quota_spent(instance: &Instance) -> Option<Duration> {
    let quota = instance.provider.quota()?;
    match quota.resets_in {
        Some(wait) if quota.remaining == 0 && !wait.is_zero() => Some(wait),
        _ => None,
    }
}

/// Attempt `number` under the instance's timeout, handed to the observers once it is over,
/// with the time it `waited` for its rate-limit permit.
async fn call_once(
    instance: &Instance,
    operation: &Operation,
    number: u32,
    waited: Option<Duration>,
    observers: &Observers,
) -> Result<Output, ProviderError> {
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
    let mut attempt = observed(
        instance,
        operation,
        number,
        started.elapsed(),
        Outcome::of(&result),
    );
    attempt.waited = waited;
    observers.attempt(instance, &attempt, result.as_ref().err());
    result
}

/// Try `number` at `instance`, as the observers are told of it.
fn observed(
    instance: &Instance,
    operation: &Operation,
    number: u32,
    elapsed: Duration,
    outcome: Outcome,
) -> observe::Attempt {
    observe::Attempt {
        instance: instance.shared_name.clone(),
        operation: operation.op_id(),
        number,
        elapsed,
        waited: None,
        outcome,
        cost_per_call: instance.cost_per_call,
    }
}

/// The per-attempt timeout used when neither the instance nor the executor settings give one.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

#[cfg(test)]
#[path = "executor_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "executor_rate_limit_tests.rs"]
mod rate_limit_tests;
