//! The L2 tier's circuit breaker: after a few failed or timed-out requests in a row Redis is
//! left alone for a while (lookups miss, fills are skipped, calls go to L1 and the providers),
//! then one probe request decides whether it is back. The same closed / open / half-open
//! pattern as the executor's breaker of provider instances, on tokio's clock, kept here
//! because a cache tier is not a provider instance.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;
use tokio::time::Instant;

/// When the breaker opens and for how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BreakerSettings {
    /// Consecutive failures that open it.
    pub failures_to_open: u32,
    /// How long it stays open before one probe is let through.
    pub open_for: Duration,
}

impl Default for BreakerSettings {
    fn default() -> Self {
        Self {
            failures_to_open: 3,
            open_for: Duration::from_secs(1),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Closed {
        failures: u32,
    },
    Open {
        until: Instant,
    },
    /// One probe is out; another is let through only if it has not come back within
    /// `open_for` (its caller was cancelled), so the breaker never stays stuck here.
    HalfOpen {
        overdue_at: Instant,
    },
}

pub(crate) struct Breaker {
    settings: BreakerSettings,
    state: Mutex<State>,
}

/// What a finished request changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Transition {
    None,
    Opened,
    Closed,
}

impl Breaker {
    pub(crate) fn new(settings: BreakerSettings) -> Self {
        Self {
            settings,
            state: Mutex::new(State::Closed { failures: 0 }),
        }
    }

    /// Whether a request may be sent now (moving an expired open state to half-open).
    pub(crate) fn permit(&self) -> bool {
        let now = Instant::now();
        let mut state = self.lock();
        match *state {
            State::Closed { .. } => true,
            State::Open { until } | State::HalfOpen { overdue_at: until } if now < until => false,
            State::Open { .. } | State::HalfOpen { .. } => {
                *state = State::HalfOpen {
                    overdue_at: now + self.settings.open_for,
                };
                true
            }
        }
    }

    pub(crate) fn success(&self) -> Transition {
        let mut state = self.lock();
        let was_closed = matches!(*state, State::Closed { .. });
        *state = State::Closed { failures: 0 };
        if was_closed {
            Transition::None
        } else {
            Transition::Closed
        }
    }

    pub(crate) fn failure(&self) -> Transition {
        let now = Instant::now();
        let mut state = self.lock();
        let failures = match *state {
            State::Closed { failures } => failures + 1,
            // A failed probe, or a request sent before the breaker opened.
            State::HalfOpen { .. } | State::Open { .. } => self.settings.failures_to_open,
        };
        let was_open = matches!(*state, State::Open { .. });
        if failures >= self.settings.failures_to_open.max(1) {
            *state = State::Open {
                until: now + self.settings.open_for,
            };
            if was_open {
                Transition::None
            } else {
                Transition::Opened
            }
        } else {
            *state = State::Closed { failures };
            Transition::None
        }
    }

    /// Whether requests are being sent (closed, or a probe may go).
    pub(crate) fn is_available(&self) -> bool {
        match *self.lock() {
            State::Closed { .. } => true,
            State::Open { until } => Instant::now() >= until,
            State::HalfOpen { .. } => false,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
#[path = "breaker_tests.rs"]
mod tests;
