//! One observer of every attempt and every finished call, fed in one place.
//!
//! The executor hands each try at an instance to `Observers::attempt` (from `call_once`, and
//! for a try held back by a spent quota, an open circuit or the client-side rate limit);
//! `Gateway::record` hands each finished call to `Observers::finished` where it audits it.
//! The observers fan both out to their parts, in this order:
//!
//! 1. breaker feedback: the circuit breaker, the call counters, the circuit's log and series;
//! 2. latency feedback: the latency average the `least_latency` strategy ranks by;
//! 3. router feedback: the estimates table of learned routing ([`estimates`]);
//! 4. canary feedback: the windows a split's canary is judged on, and its automatic
//!    rollback (`crate::canary`);
//! 5. metrics: attempts, retries, quota back-offs, client-side rate limiting, calls and
//!    failovers;
//! 6. the call log: one INFO line per finished call;
//! 7. the event stream a dashboard subscribes to ([`EventSubscription`]).
//!
//! The signals come first, so a subscriber that reads the status on an event sees the
//! attempt already counted.
//!
//! # What it costs a call
//!
//! No more allocation per attempt than before: an [`Attempt`] holds the instance's name as a
//! shared `Arc<str>` (cloning it is a reference count, and the metrics take it as a label
//! without copying, where the executor used to copy the name for every series), and nothing
//! else on the heap. A [`CallFinished`] copies the caller's names, so it is built only while
//! someone subscribes, once, and shared between subscribers behind an `Arc`. While nobody
//! subscribes, publishing is one relaxed atomic load (see [`stream`]); with subscribers it
//! is one short lock per event and never a wait.

pub mod estimates;
pub mod event;
pub mod stream;

mod call_log;
mod feedback;
mod metrics;

pub use estimates::{Estimate, Estimates, OpClass};
pub use event::{Attempt, CallFinished, Event, Outcome};
pub use stream::{EVENT_BUFFER, EventSubscription, RecvError, TryRecvError};

use crate::canary::CanaryFeedback;
use crate::instance::Instance;
use crate::record::Finished;
use call_log::CallLog;
use feedback::{BreakerFeedback, LatencyFeedback, RouterFeedback};
use metrics::Metrics;
use mosaic_core::{ProviderError, RequestContext};
use stream::EventStream;

/// One part of the observers. Both hooks default to ignoring what they are told, so a part
/// writes only the one it needs.
pub(crate) trait AttemptObserver {
    /// One try at `instance`; `error` is the failure behind a failed outcome (none for an
    /// answer or a try held back).
    fn attempt(&self, _instance: &Instance, _attempt: &Attempt, _error: Option<&ProviderError>) {}

    /// A finished call of the caller `ctx`.
    fn finished(&self, _ctx: &RequestContext, _call: &Finished) {}
}

/// The fan-out the executor and `Gateway::record` feed. One per gateway; it outlives reloads
/// (what it feeds per instance lives in the instance's signals, which reloads carry over).
pub struct Observers {
    stream: EventStream,
}

impl Default for Observers {
    /// Observers whose event stream keeps [`EVENT_BUFFER`] events per subscriber.
    fn default() -> Self {
        Self::new(EVENT_BUFFER)
    }
}

impl Observers {
    /// Observers whose event stream keeps up to `buffer` unread events per subscriber (at
    /// least one).
    pub fn new(buffer: usize) -> Self {
        Self {
            stream: EventStream::new(buffer),
        }
    }

    /// A subscription to every attempt and finished call from now on.
    pub fn subscribe(&self) -> EventSubscription {
        self.stream.subscribe()
    }

    /// Feeds one try at `instance` to every part.
    pub(crate) fn attempt(
        &self,
        instance: &Instance,
        attempt: &Attempt,
        error: Option<&ProviderError>,
    ) {
        for part in self.parts() {
            part.attempt(instance, attempt, error);
        }
    }

    /// Feeds one finished call to every part.
    pub(crate) fn finished(&self, ctx: &RequestContext, call: &Finished) {
        for part in self.parts() {
            part.finished(ctx, call);
        }
    }

    fn parts(&self) -> [&dyn AttemptObserver; 7] {
        [
            &BreakerFeedback,
            &LatencyFeedback,
            &RouterFeedback,
            &CanaryFeedback,
            &Metrics,
            &CallLog,
            &self.stream,
        ]
    }
}

#[cfg(test)]
mod tests;
