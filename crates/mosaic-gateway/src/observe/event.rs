//! What the observers are told: one [`Attempt`] per try at an instance, one [`CallFinished`]
//! per call, and the [`Event`] that carries either to subscribers of the event stream.

use mosaic_core::{Fault, OpId, ProviderError};
use std::sync::Arc;
use std::time::Duration;

/// One try at one instance, sent or held back, as the executor saw it.
///
/// Cheap to make and to clone: the instance's name is shared (an `Arc<str>`), everything
/// else is copied.
#[derive(Clone, Debug, PartialEq)]
pub struct Attempt {
    /// The instance tried.
    pub instance: Arc<str>,
    /// The operation.
    pub operation: OpId,
    /// Which try at this instance for this call, from 1. A later candidate starts again at 1.
    pub number: u32,
    /// From sending to the answer (or the timeout); zero for an attempt not sent. The wait
    /// for a rate-limit permit is not part of it (see `waited`).
    pub elapsed: Duration,
    /// How long it waited for a permit of the instance's client-side rate limit before it
    /// was sent; `None` when the instance has no limit or the attempt never asked for one.
    pub waited: Option<Duration>,
    /// How it went.
    pub outcome: Outcome,
    /// The instance's configured cost of one call, in the operator's unit.
    pub cost_per_call: f64,
}

impl Attempt {
    /// Whether this try repeats an earlier one at the same instance.
    pub fn is_retry(&self) -> bool {
        self.number > 1
    }
}

/// How one attempt went.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Outcome {
    /// The instance answered with the operation's result.
    Ok,
    /// The instance answered with an error, or not in time.
    Failed {
        /// The error's stable code.
        code: &'static str,
        /// Whose fault it was.
        fault: Fault,
        /// Whether the instance refused at once (`unavailable`: a refused connection, a 503):
        /// its elapsed time then says nothing about how fast it serves.
        refused: bool,
    },
    /// Not sent: the instance's last answer said its quota is spent for `wait` more.
    QuotaSpent {
        /// Until the quota resets.
        wait: Duration,
    },
    /// Not sent: the instance's circuit is open after repeated failures.
    CircuitOpen,
    /// Not sent: the instance's client-side rate limit had no permit for it before the
    /// call's deadline.
    RateLimitRefused {
        /// How long it would have had to wait for one.
        wait: Duration,
    },
}

impl Outcome {
    /// The outcome of an attempt that was sent and answered with `result`.
    pub fn of<T>(result: &Result<T, ProviderError>) -> Self {
        match result {
            Ok(_) => Self::Ok,
            Err(error) => Self::Failed {
                code: error.code(),
                fault: error.fault(),
                refused: matches!(error, ProviderError::Unavailable(_)),
            },
        }
    }

    /// `ok`, the error's code, or why the attempt was not sent (`quota_spent`,
    /// `circuit_open`, `rate_limit_refused`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Failed { code, .. } => code,
            Self::QuotaSpent { .. } => "quota_spent",
            Self::CircuitOpen => "circuit_open",
            Self::RateLimitRefused { .. } => "rate_limit_refused",
        }
    }

    /// Whether the attempt reached the instance.
    pub fn sent(&self) -> bool {
        matches!(self, Self::Ok | Self::Failed { .. })
    }

    /// Whether it was sent and failed through no fault of the caller: what the breaker and
    /// the router count against an instance. A caller's mistake (not found, invalid input)
    /// says nothing about the instance's health.
    pub fn instance_failed(&self) -> bool {
        matches!(self, Self::Failed { fault, .. } if *fault != Fault::Caller)
    }

    /// Whether its elapsed time says how fast the instance serves: sent and not refused at
    /// once (refusals answer instantly and would make a dead instance look fast).
    pub fn timed(&self) -> bool {
        matches!(self, Self::Ok | Self::Failed { refused: false, .. })
    }
}

/// A call that went through the gateway, as `Gateway::record` sees it when it audits it.
///
/// Made only while someone subscribes to the event stream (its names are copied from the
/// request), and shared between subscribers behind an `Arc`.
#[derive(Clone, Debug, PartialEq)]
pub struct CallFinished {
    /// The operation (a catalog operation or a meta operation).
    pub operation: &'static str,
    /// The caller's tenant.
    pub tenant: String,
    /// The caller.
    pub principal: String,
    /// The trace id that ties the call to its audit record and log line.
    pub trace_id: String,
    /// The instance whose answer it was.
    pub served_by: Option<String>,
    /// Where the answer came from: `provider`, `l1`, `stale` or `none`.
    pub source: &'static str,
    /// The first candidate given up on before a later one served the answer.
    pub failed_over: Option<String>,
    /// `ok` or the error's code.
    pub outcome: &'static str,
    /// Whose fault a failure was.
    pub fault: Option<Fault>,
    /// From the call's start to its answer.
    pub elapsed: Duration,
}

/// One event of the stream a dashboard subscribes to (`Gateway::subscribe_events`). A call's
/// attempts come before its `Finished`, in the order they were made.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// One try at one instance.
    Attempt(Attempt),
    /// A finished call.
    Finished(Arc<CallFinished>),
}
