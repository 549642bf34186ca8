//! The parts that feed an attempt back into the instance's live signals, which the executor
//! and the router act on: its circuit breaker (and call counters), its latency average, and
//! its estimates for learned routing. Only attempts that reached the instance say anything
//! about it; one held back (quota spent, circuit open) feeds none of them.

use super::AttemptObserver;
use super::estimates::{OpClass, Sample};
use super::event::Attempt;
use crate::breaker::CircuitState;
use crate::instance::Instance;
use crate::metrics::{CIRCUIT_STATE, CIRCUIT_TRANSITIONS};
use mosaic_core::ProviderError;

/// Tells the breaker whether the instance failed, counts the call for the status page, logs
/// and counts the circuit opening or closing, and exports its state.
pub(crate) struct BreakerFeedback;

impl AttemptObserver for BreakerFeedback {
    fn attempt(&self, instance: &Instance, attempt: &Attempt, error: Option<&ProviderError>) {
        if !attempt.outcome.sent() {
            return;
        }
        let failed = attempt.outcome.instance_failed();
        if let Some(state) = instance.signals.breaker.record(failed) {
            log_transition(instance, attempt, state, error);
        }
        instance.signals.count(failed);
        metrics::gauge!(CIRCUIT_STATE, "instance" => attempt.instance.clone())
            .set(instance.signals.circuit().gauge());
    }
}

/// Logs a breaker's move to `state` as an event of its own, and counts it.
fn log_transition(
    instance: &Instance,
    attempt: &Attempt,
    state: CircuitState,
    error: Option<&ProviderError>,
) {
    metrics::counter!(CIRCUIT_TRANSITIONS, "instance" => attempt.instance.clone(), "to" => state.as_str())
        .increment(1);
    match (state, error) {
        (CircuitState::Open, Some(error)) => tracing::warn!(
            instance = %attempt.instance,
            %error,
            open_for_s = instance.signals.breaker.settings().open_for.as_secs_f64(),
            "circuit opened: calls to the instance are held back"
        ),
        (CircuitState::Closed, _) => tracing::info!(
            instance = %attempt.instance,
            "circuit closed: the instance answers again"
        ),
        (state, _) => {
            tracing::info!(instance = %attempt.instance, state = state.as_str(), "circuit changed")
        }
    }
}

/// Folds the attempt's time into the instance's latency average (`least_latency` routing and
/// the status page), unless it was an instant refusal.
pub(crate) struct LatencyFeedback;

impl AttemptObserver for LatencyFeedback {
    fn attempt(&self, instance: &Instance, attempt: &Attempt, _error: Option<&ProviderError>) {
        if attempt.outcome.timed() {
            instance.signals.latency.observe(attempt.elapsed);
        }
    }
}

/// Folds the attempt into the instance's estimates for its operation class: latency (when
/// timed), success and cost. See [`super::estimates`] for who reads them.
pub(crate) struct RouterFeedback;

impl AttemptObserver for RouterFeedback {
    fn attempt(&self, instance: &Instance, attempt: &Attempt, _error: Option<&ProviderError>) {
        if !attempt.outcome.sent() {
            return;
        }
        instance.signals.estimates.observe(
            OpClass::of(attempt.operation),
            Sample {
                latency: attempt.outcome.timed().then_some(attempt.elapsed),
                succeeded: !attempt.outcome.instance_failed(),
                cost: attempt.cost_per_call,
            },
        );
    }
}
