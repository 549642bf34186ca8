//! The live event stream a dashboard subscribes to: every attempt and every finished call, on
//! a bounded `tokio::sync::broadcast` channel.
//!
//! A call never waits for a subscriber: the channel is a ring of [`EVENT_BUFFER`] events, and
//! a subscriber that falls further behind loses the oldest ones and is told how many
//! (`RecvError::Lagged(n)`, also counted in `mosaic_events_missed_total`).
//!
//! While nobody subscribes, publishing costs one relaxed atomic load: the stream keeps its own
//! count of subscriptions, because asking the channel (`receiver_count`, or a `send` that fails
//! for want of receivers) takes its tail lock, one lock that every attempt on every core would
//! then contend for. The event itself is only built once someone listens.

use super::AttemptObserver;
use super::event::{Attempt, CallFinished, Event};
use crate::instance::Instance;
use crate::metrics::EVENTS_MISSED;
use crate::record::Finished;
use mosaic_core::{ProviderError, RequestContext};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::sync::broadcast;
pub use tokio::sync::broadcast::error::{RecvError, TryRecvError};

/// Events kept for subscribers that have not read them yet: at a few hundred calls a second,
/// a few seconds of a dashboard that stalls.
pub const EVENT_BUFFER: usize = 1024;

/// The largest buffer a stream is given, whatever it is asked for: the channel refuses more
/// than `usize::MAX / 2`, and a ring this size already holds minutes of traffic.
const MAX_BUFFER: usize = 1 << 20;

/// The sending side, held by the gateway.
pub(crate) struct EventStream {
    sender: broadcast::Sender<Event>,
    subscribers: Arc<AtomicUsize>,
}

impl EventStream {
    /// A stream that keeps up to `buffer` unread events per subscriber (at least one, at most
    /// 2^20).
    pub(crate) fn new(buffer: usize) -> Self {
        let (sender, _) = broadcast::channel(buffer.clamp(1, MAX_BUFFER));
        Self {
            sender,
            subscribers: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// A new subscription, which sees the events published from now on.
    pub(crate) fn subscribe(&self) -> EventSubscription {
        // Counted before subscribing: an event published in between is at worst built for a
        // receiver that does not exist yet, and dropped by the channel.
        self.subscribers.fetch_add(1, Ordering::Relaxed);
        EventSubscription {
            receiver: self.sender.subscribe(),
            subscribers: Arc::clone(&self.subscribers),
        }
    }

    /// Sends the event `make` builds, if anyone listens; never waits.
    pub(super) fn publish(&self, make: impl FnOnce() -> Event) {
        if self.subscribers.load(Ordering::Relaxed) > 0 {
            // Fails only when the last subscription went away since the check: nobody to tell.
            let _ = self.sender.send(make());
        }
    }
}

impl AttemptObserver for EventStream {
    fn attempt(&self, _instance: &Instance, attempt: &Attempt, _error: Option<&ProviderError>) {
        self.publish(|| Event::Attempt(attempt.clone()));
    }

    fn finished(&self, ctx: &RequestContext, call: &Finished) {
        self.publish(|| {
            Event::Finished(Arc::new(CallFinished {
                operation: call.operation,
                tenant: ctx.tenant.clone(),
                principal: ctx.principal.clone(),
                trace_id: ctx.trace_id.clone(),
                served_by: call.instance.clone(),
                source: call.source,
                failed_over: call.failed_over.clone(),
                outcome: call.outcome,
                fault: call.fault,
                elapsed: call.elapsed,
            }))
        });
    }
}

/// One subscriber's view of the event stream, from `Gateway::subscribe_events`. Dropping it
/// unsubscribes.
#[derive(Debug)]
pub struct EventSubscription {
    receiver: broadcast::Receiver<Event>,
    subscribers: Arc<AtomicUsize>,
}

impl EventSubscription {
    /// The next event. `Err(RecvError::Lagged(n))` says `n` events were lost because this
    /// subscriber fell [`EVENT_BUFFER`] behind (the next call returns the oldest one kept);
    /// `Err(RecvError::Closed)` that the gateway is gone.
    pub async fn recv(&mut self) -> Result<Event, RecvError> {
        let received = self.receiver.recv().await;
        if let Err(RecvError::Lagged(missed)) = received {
            metrics::counter!(EVENTS_MISSED).increment(missed);
        }
        received
    }

    /// The next event if one is waiting, without waiting; errors as for
    /// [`EventSubscription::recv`], plus `TryRecvError::Empty`.
    pub fn try_recv(&mut self) -> Result<Event, TryRecvError> {
        let received = self.receiver.try_recv();
        if let Err(TryRecvError::Lagged(missed)) = received {
            metrics::counter!(EVENTS_MISSED).increment(missed);
        }
        received
    }
}

impl Drop for EventSubscription {
    fn drop(&mut self) {
        self.subscribers.fetch_sub(1, Ordering::Relaxed);
    }
}
