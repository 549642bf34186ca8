//! The audit sink: how the request path records calls without waiting for the database.
//!
//! Calls hand records to a bounded queue; one background task takes whatever has queued up (up
//! to [`MAX_BATCH`]) and appends it in one transaction. While a batch is being written the next
//! one accumulates, so batches grow with load without a timer adding latency when idle.
//!
//! Why bounded with backpressure rather than dropping or unbounded: every call must be audited
//! (DESIGN.md, "Security"), so an accepted record is never dropped; and an unbounded queue would
//! turn a slow or unreachable database into unbounded memory. With a bounded queue `record`
//! returns at once in normal operation and waits only when the database falls behind by a
//! whole queue, slowing callers down instead of losing records. Callers keep their own
//! deadline around it. A failed batch is retried with backoff until it is stored.

use crate::audit::NewAuditRecord;
use crate::store::Store;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

/// The most records appended in one transaction.
pub const MAX_BATCH: usize = 256;

/// The first wait before retrying a failed batch; doubled per failure up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(50);
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// Hands audit records to the background writer. Cloning is cheap; the writer stops once every
/// clone is dropped and everything queued is stored.
#[derive(Clone)]
pub struct AuditSink {
    queue: mpsc::Sender<Message>,
    counters: Arc<Counters>,
}

/// The writer has stopped (its task ended or was aborted); nothing more can be recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the audit writer has stopped; the record was not accepted")]
pub struct SinkClosed;

/// The sink's counters, for metrics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SinkStats {
    /// Records stored since the sink started.
    pub stored: u64,
    /// Transactions that stored them.
    pub batches: u64,
    /// Batch attempts that failed and were retried.
    pub failed_attempts: u64,
    /// Messages waiting in the queue.
    pub queued: u64,
}

#[expect(
    clippy::large_enum_variant,
    reason = "nearly every message is a record; boxing records would allocate per call to shrink the rare flush"
)]
enum Message {
    Record(NewAuditRecord),
    Flush(oneshot::Sender<()>),
}

#[derive(Default)]
struct Counters {
    stored: AtomicU64,
    batches: AtomicU64,
    failed_attempts: AtomicU64,
}

impl AuditSink {
    /// Starts the background writer on the current tokio runtime, with a queue of `capacity`
    /// records (at least 1). The handle completes once every sink clone is dropped and the
    /// queue is drained; await it on shutdown.
    pub fn spawn(store: Store, capacity: usize) -> (AuditSink, JoinHandle<()>) {
        Self::spawn_with_backoff(store, capacity, FIRST_BACKOFF)
    }

    /// [`AuditSink::spawn`] with another first retry wait (tests retry without waiting long).
    pub(crate) fn spawn_with_backoff(
        store: Store,
        capacity: usize,
        first_backoff: Duration,
    ) -> (AuditSink, JoinHandle<()>) {
        let (queue, inbox) = mpsc::channel(capacity.max(1));
        let counters = Arc::new(Counters::default());
        let writer = Writer {
            store,
            counters: Arc::clone(&counters),
            first_backoff,
        };
        (
            AuditSink { queue, counters },
            tokio::spawn(writer.run(inbox)),
        )
    }

    /// Queues a record; returns at once unless the queue is full (see the module docs).
    pub async fn record(&self, record: NewAuditRecord) -> Result<(), SinkClosed> {
        self.queue
            .send(Message::Record(record))
            .await
            .map_err(|_| SinkClosed)
    }

    /// Waits until every record queued before this call is stored.
    pub async fn flush(&self) -> Result<(), SinkClosed> {
        let (done, stored) = oneshot::channel();
        self.queue
            .send(Message::Flush(done))
            .await
            .map_err(|_| SinkClosed)?;
        stored.await.map_err(|_| SinkClosed)
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> SinkStats {
        let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        let queued = self.queue.max_capacity() - self.queue.capacity();
        SinkStats {
            stored: read(&self.counters.stored),
            batches: read(&self.counters.batches),
            failed_attempts: read(&self.counters.failed_attempts),
            queued: u64::try_from(queued).unwrap_or(u64::MAX),
        }
    }
}

/// The background task that stores what the sinks queue.
struct Writer {
    store: Store,
    counters: Arc<Counters>,
    first_backoff: Duration,
}

impl Writer {
    async fn run(self, mut inbox: mpsc::Receiver<Message>) {
        let mut messages = Vec::with_capacity(MAX_BATCH);
        let mut batch = Vec::with_capacity(MAX_BATCH);
        let mut flushes = Vec::new();
        // `recv_many` returns 0 only once every sender is gone and the queue is empty: the drain.
        while inbox.recv_many(&mut messages, MAX_BATCH).await > 0 {
            for message in messages.drain(..) {
                match message {
                    Message::Record(record) => batch.push(record),
                    Message::Flush(done) => flushes.push(done),
                }
            }
            self.store_with_retry(&batch).await;
            batch.clear();
            // Every record queued before these flushes was in this batch or an earlier one.
            for done in flushes.drain(..) {
                let _ = done.send(());
            }
        }
    }

    /// Stores `batch`, retrying until it is stored: an accepted record is never dropped. (Should
    /// a commit succeed but its acknowledgement be lost, the retry stores the batch twice, in
    /// order and chained; duplicates are preferable to a gap in the audit trail.)
    async fn store_with_retry(&self, batch: &[NewAuditRecord]) {
        if batch.is_empty() {
            return;
        }
        let counters = &self.counters;
        let mut backoff = self.first_backoff;
        loop {
            match self.store.append_batch(batch).await {
                Ok(stored) => {
                    counters
                        .stored
                        .fetch_add(stored.len() as u64, Ordering::Relaxed);
                    counters.batches.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                Err(error) => {
                    counters.failed_attempts.fetch_add(1, Ordering::Relaxed);
                    tracing::warn!(
                        %error,
                        records = batch.len(),
                        retry_in_ms = u64::try_from(backoff.as_millis()).unwrap_or(u64::MAX),
                        "audit records not stored yet; retrying"
                    );
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                }
            }
        }
    }
}
