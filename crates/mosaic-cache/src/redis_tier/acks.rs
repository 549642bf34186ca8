//! Acknowledged invalidations: a write's invalidation returns only once every other replica
//! that heard its announcement has applied it, or once `ack_timeout` has passed.
//!
//! `PUBLISH` answers how many subscribers the announcement reached. Each replica's listener,
//! once it has applied an announcement (its ledger updated, so no lookup there serves the
//! tags' entries any more), publishes an acknowledgement on the writer's own channel
//! `<prefix>:acks:<writer>`, naming the write's sequence number; the writer's listener, also
//! subscribed there, counts them here. The writer's own subscription, which `PUBLISH` counts
//! too, is acknowledged in process when the listener sees its own announcement, so every
//! subscriber is counted exactly once whether or not the writer is listening at the time.
//!
//! A wait that ends at the bound never fails the write: it is counted
//! ([`INVALIDATION_ACK_TIMEOUTS`]) and logged, and the replica that did not answer keeps its
//! window until the announcement reaches it — or, had it lost its subscription, until it
//! subscribes again and drops its whole in-process tier.

use crate::stats::Counters;
use crate::tier::TierName;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio::sync::watch;

/// Writes whose invalidation was not acknowledged by every replica that heard it within
/// `cache.l2.ack_timeout`.
pub const INVALIDATION_ACK_TIMEOUTS: &str = "mosaic_cache_invalidation_ack_timeouts_total";

/// One replica's acknowledgement of an announcement, on the writer's channel.
#[derive(Serialize, Deserialize)]
pub(crate) struct Ack {
    /// The write's sequence number, as its announcement carried it.
    pub(crate) seq: u64,
    /// The replica that applied it, for logs.
    pub(crate) from: u64,
}

/// The acknowledgement of write `seq` by `replica`.
pub(crate) fn ack(seq: u64, replica: u64) -> String {
    // Serializing two numbers cannot fail.
    serde_json::to_string(&Ack { seq, from: replica }).unwrap_or_default()
}

/// The channel replica `writer` hears acknowledgements of its writes on.
pub(crate) fn channel(prefix: &str, writer: u64) -> String {
    format!("{prefix}:acks:{writer}")
}

/// This replica's writes awaiting acknowledgements, by sequence number.
#[derive(Default)]
pub(crate) struct Acks {
    next: AtomicU64,
    waiting: Mutex<HashMap<u64, watch::Sender<u64>>>,
    timeouts: AtomicU64,
}

impl Acks {
    /// A new write to await acknowledgements of, registered before it is announced so that
    /// none that arrives early is lost.
    pub(crate) fn expect(self: &Arc<Self>) -> Awaited {
        let seq = self.next.fetch_add(1, Ordering::Relaxed);
        let (count, received) = watch::channel(0);
        self.waiting().insert(seq, count);
        Awaited {
            acks: Arc::clone(self),
            seq,
            received,
        }
    }

    /// Counts one acknowledgement of write `seq`; one of a write no longer awaited (it timed
    /// out, or was never made here) is ignored.
    pub(crate) fn received(&self, seq: u64) {
        if let Some(count) = self.waiting().get(&seq) {
            count.send_modify(|count| *count += 1);
        }
    }

    /// How many writes stopped waiting at the bound, since the tier was made.
    pub(crate) fn timeouts(&self) -> u64 {
        Counters::read(&self.timeouts)
    }

    fn waiting(&self) -> std::sync::MutexGuard<'_, HashMap<u64, watch::Sender<u64>>> {
        // The map stays consistent whatever a panicking holder did: each step is one insert,
        // lookup or removal.
        self.waiting.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// One write's wait for acknowledgements; it stops being awaited when dropped.
pub(crate) struct Awaited {
    acks: Arc<Acks>,
    seq: u64,
    received: watch::Receiver<u64>,
}

impl Awaited {
    /// The sequence number its announcement carries.
    pub(crate) fn seq(&self) -> u64 {
        self.seq
    }

    /// Waits until `subscribers` (what `PUBLISH` answered) have acknowledged, at most
    /// `bound` (zero: not at all); a wait cut short is counted and logged, never an error.
    pub(crate) async fn all(mut self, subscribers: u64, bound: Duration, tags: &[String]) {
        if subscribers == 0 || bound.is_zero() {
            return;
        }
        let all = self.received.wait_for(|count| *count >= subscribers);
        if let Ok(Ok(_)) = tokio::time::timeout(bound, all).await {
            return;
        }
        let acknowledged = *self.received.borrow();
        Counters::bump(&self.acks.timeouts);
        metrics::counter!(INVALIDATION_ACK_TIMEOUTS).increment(1);
        tracing::warn!(
            tier = %TierName::L2, ?tags, subscribers, acknowledged, ?bound,
            "not every replica acknowledged a write's invalidation in time; those that did not may serve their in-process entries of these tags until the announcement reaches them"
        );
    }
}

impl Drop for Awaited {
    fn drop(&mut self) {
        self.acks.waiting().remove(&self.seq);
    }
}

#[cfg(test)]
#[path = "acks_tests.rs"]
mod tests;
