//! A circuit breaker per provider instance: closed, open, half-open.
//!
//! Consecutive failures that are the provider's fault open the circuit; while open, calls are
//! not sent (the router puts the instance at the back of every plan). After `open_for` a limited
//! number of probe calls go through (half-open); one success closes the circuit, one failure
//! opens it again. Time comes from tokio's clock so tests can drive it with a paused clock.

use std::sync::Mutex;
use std::time::Duration;
use tokio::time::Instant;

/// Breaker tuning, from the `executor.breaker` section of the configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BreakerSettings {
    /// Consecutive failures that open the circuit.
    pub failure_threshold: u32,
    /// How long the circuit stays open before probing.
    pub open_for: Duration,
    /// Concurrent probe calls allowed while half-open.
    pub half_open_probes: u32,
}

impl Default for BreakerSettings {
    fn default() -> Self {
        Self {
            failure_threshold: 5,
            open_for: Duration::from_secs(30),
            half_open_probes: 1,
        }
    }
}

/// The breaker's state as shown to operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CircuitState {
    /// Calls flow.
    Closed,
    /// Calls are held back until the deadline.
    Open,
    /// A few probe calls may go through.
    HalfOpen,
}

impl CircuitState {
    /// The snake_case name used in status output and metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Closed => "closed",
            Self::Open => "open",
            Self::HalfOpen => "half_open",
        }
    }

    /// The gauge value exported to Prometheus (0 closed, 1 half-open, 2 open).
    pub fn gauge(self) -> f64 {
        match self {
            Self::Closed => 0.0,
            Self::HalfOpen => 1.0,
            Self::Open => 2.0,
        }
    }
}

#[derive(Debug)]
enum Inner {
    Closed { failures: u32 },
    Open { until: Instant },
    HalfOpen { probes_in_flight: u32 },
}

/// One instance's breaker.
#[derive(Debug)]
pub struct CircuitBreaker {
    settings: BreakerSettings,
    inner: Mutex<Inner>,
}

/// Permission to send one call; report its outcome with [`CircuitBreaker::record`].
#[derive(Debug, PartialEq, Eq)]
pub enum Admission {
    /// Send the call.
    Allowed,
    /// Send it as a half-open probe.
    Probe,
    /// Do not send it: the circuit is open.
    Rejected,
}

impl CircuitBreaker {
    /// A closed breaker.
    pub fn new(settings: BreakerSettings) -> Self {
        Self {
            settings,
            inner: Mutex::new(Inner::Closed { failures: 0 }),
        }
    }

    /// The current state, moving from open to half-open once the open period is over.
    pub fn state(&self) -> CircuitState {
        let inner = self.lock();
        match *inner {
            Inner::Closed { .. } => CircuitState::Closed,
            Inner::Open { until } if Instant::now() >= until => CircuitState::HalfOpen,
            Inner::Open { .. } => CircuitState::Open,
            Inner::HalfOpen { .. } => CircuitState::HalfOpen,
        }
    }

    /// Whether a call may be sent now.
    pub fn admit(&self) -> Admission {
        let mut inner = self.lock();
        match *inner {
            Inner::Closed { .. } => Admission::Allowed,
            Inner::Open { until } if Instant::now() >= until => {
                *inner = Inner::HalfOpen {
                    probes_in_flight: 1,
                };
                Admission::Probe
            }
            Inner::Open { .. } => Admission::Rejected,
            Inner::HalfOpen {
                ref mut probes_in_flight,
            } => {
                if *probes_in_flight < self.settings.half_open_probes {
                    *probes_in_flight += 1;
                    Admission::Probe
                } else {
                    Admission::Rejected
                }
            }
        }
    }

    /// The settings it was built with.
    pub fn settings(&self) -> &BreakerSettings {
        &self.settings
    }

    /// Records the outcome of an admitted call. `provider_failed` is true only for failures that
    /// are the provider's fault; a caller's mistake (not found, invalid input) says nothing
    /// about the provider's health. Returns the state the circuit moved to, when this outcome
    /// opened or closed it (for the event log).
    pub fn record(&self, provider_failed: bool) -> Option<CircuitState> {
        let mut inner = self.lock();
        let was_closed = matches!(*inner, Inner::Closed { .. });
        let was_open = matches!(*inner, Inner::Open { until } if Instant::now() < until);
        let next = match (&*inner, provider_failed) {
            (_, false) => Inner::Closed { failures: 0 },
            (Inner::Closed { failures }, true)
                if failures + 1 >= self.settings.failure_threshold =>
            {
                Inner::Open {
                    until: Instant::now() + self.settings.open_for,
                }
            }
            (Inner::Closed { failures }, true) => Inner::Closed {
                failures: failures + 1,
            },
            (Inner::HalfOpen { .. } | Inner::Open { .. }, true) => Inner::Open {
                until: Instant::now() + self.settings.open_for,
            },
        };
        let moved = match &next {
            Inner::Closed { .. } if !was_closed => Some(CircuitState::Closed),
            // A failed probe reopens a half-open circuit; a late failure of a call admitted
            // before it opened only extends it.
            Inner::Open { .. } if !was_open => Some(CircuitState::Open),
            _ => None,
        };
        *inner = next;
        moved
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A poisoned lock only means another thread panicked mid-update of plain data; the
        // state is still a valid enum value, so keep serving.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
#[path = "breaker_tests.rs"]
mod tests;
