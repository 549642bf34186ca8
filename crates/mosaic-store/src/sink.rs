//! The audit sink: how the request path records calls, a write waiting for its record's commit
//! and a read only for its place in the queue.
//!
//! Calls hand records to a bounded queue; one background task takes whatever has queued up (up
//! to [`MAX_BATCH`]) and appends it in one transaction. While a batch is being written the next
//! one accumulates, so batches grow with load without a timer adding latency when idle: this
//! is group commit, and what keeps waiting for the commit cheap.
//!
//! Two ways in:
//! - [`AuditSink::record_committed`] resolves once the transaction holding the record has
//!   committed (on SQLite in `synchronous=FULL`, so it is on disk). The gateway uses it for
//!   every write, whatever its outcome: a write's answer is never sent before its record is
//!   stored, so no answered write is missing after a crash.
//! - [`AuditSink::record`] returns once the record is queued. The gateway uses it for reads.
//!   The window: a queued record is in the next transaction the writer starts, which begins as
//!   soon as the one in progress commits, so a read's record is normally stored within two
//!   commits of its answer (milliseconds). A crash (kill -9, power loss) loses the records of
//!   reads answered in that window, at most the queue's capacity; never a write's.
//!
//! Why bounded with backpressure rather than dropping or unbounded: every call must be audited
//! (DESIGN.md, "Security"), so an accepted record is never dropped; and an unbounded queue would
//! turn a slow or unreachable database into unbounded memory. With a bounded queue `record`
//! returns at once in normal operation and waits only when the database falls behind by a
//! whole queue, slowing callers down instead of losing records. A failed batch is retried with
//! backoff until it is stored; writes waiting for it wait as long.

use crate::audit::{AuditRecord, NewAuditRecord};
use crate::store::Store;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;
use tokio::time::Instant;

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

/// What the writer reports after each attempt to store a batch, for metrics.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SinkEvent {
    /// A batch was committed.
    Committed {
        /// Records in it.
        records: usize,
        /// How long its transaction took.
        took: Duration,
        /// Messages still waiting in the queue.
        queued: usize,
    },
    /// A batch failed; it is retried after a backoff.
    Failed {
        /// Records in it.
        records: usize,
        /// Messages still waiting in the queue.
        queued: usize,
    },
}

/// Called by the writer with every [`SinkEvent`]; it runs on the writer's task, so keep it
/// quick (incrementing metrics).
pub type SinkObserver = Arc<dyn Fn(SinkEvent) + Send + Sync>;

/// `Some(done)` asks to be told once the record's transaction committed.
type Committed = Option<oneshot::Sender<()>>;

#[expect(
    clippy::large_enum_variant,
    reason = "nearly every message is a record; boxing records would allocate per call to shrink the rare flush"
)]
enum Message {
    Record(NewAuditRecord, Committed),
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
        Self::spawn_observed(store, capacity, Arc::new(|_| {}))
    }

    /// [`AuditSink::spawn`], reporting every batch to `observer`.
    pub fn spawn_observed(
        store: Store,
        capacity: usize,
        observer: SinkObserver,
    ) -> (AuditSink, JoinHandle<()>) {
        Self::spawn_with_backoff(store, capacity, observer, FIRST_BACKOFF)
    }

    /// [`AuditSink::spawn_observed`] with another first retry wait (tests retry without
    /// waiting long).
    pub(crate) fn spawn_with_backoff(
        store: Store,
        capacity: usize,
        observer: SinkObserver,
        first_backoff: Duration,
    ) -> (AuditSink, JoinHandle<()>) {
        let (queue, inbox) = mpsc::channel(capacity.max(1));
        let counters = Arc::new(Counters::default());
        let writer = Writer {
            store,
            counters: Arc::clone(&counters),
            observer,
            first_backoff,
        };
        (
            AuditSink { queue, counters },
            tokio::spawn(writer.run(inbox)),
        )
    }

    /// Queues a record; returns at once unless the queue is full (see the module docs). The
    /// record is stored with the next batch, not yet.
    pub async fn record(&self, record: NewAuditRecord) -> Result<(), SinkClosed> {
        self.queue
            .send(Message::Record(record, None))
            .await
            .map_err(|_| SinkClosed)
    }

    /// Queues a record and waits until the transaction that stores it has committed. Records
    /// queued together share one transaction, so concurrent callers share one commit.
    pub async fn record_committed(&self, record: NewAuditRecord) -> Result<(), SinkClosed> {
        let (done, committed) = oneshot::channel();
        self.queue
            .send(Message::Record(record, Some(done)))
            .await
            .map_err(|_| SinkClosed)?;
        committed.await.map_err(|_| SinkClosed)
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
    observer: SinkObserver,
    first_backoff: Duration,
}

impl Writer {
    async fn run(self, mut inbox: mpsc::Receiver<Message>) {
        let mut messages = Vec::with_capacity(MAX_BATCH);
        let mut batch = Vec::with_capacity(MAX_BATCH);
        let mut waiting = Vec::new();
        // `recv_many` returns 0 only once every sender is gone and the queue is empty: the drain.
        while inbox.recv_many(&mut messages, MAX_BATCH).await > 0 {
            for message in messages.drain(..) {
                match message {
                    Message::Record(record, committed) => {
                        batch.push(record);
                        waiting.extend(committed);
                    }
                    Message::Flush(done) => waiting.push(done),
                }
            }
            self.store_with_retry(&batch, &inbox, &mut waiting).await;
            batch.clear();
        }
    }

    /// Stores `batch`, retrying until it is stored: an accepted record is never dropped. (Should
    /// a commit succeed but its acknowledgement be lost, the retry stores the batch twice, in
    /// order and chained; duplicates are preferable to a gap in the audit trail.)
    /// Everyone in `waiting` is told once the batch is committed (before its anchor is
    /// written); every record they queued was in this batch or an earlier one.
    async fn store_with_retry(
        &self,
        batch: &[NewAuditRecord],
        inbox: &mpsc::Receiver<Message>,
        waiting: &mut Vec<oneshot::Sender<()>>,
    ) {
        let tell = |waiting: &mut Vec<oneshot::Sender<()>>| {
            for done in waiting.drain(..) {
                let _ = done.send(());
            }
        };
        if batch.is_empty() {
            tell(waiting);
            return;
        }
        let counters = &self.counters;
        let mut backoff = self.first_backoff;
        loop {
            let started = Instant::now();
            let committed = |stored: &[AuditRecord]| {
                counters
                    .stored
                    .fetch_add(stored.len() as u64, Ordering::Relaxed);
                counters.batches.fetch_add(1, Ordering::Relaxed);
                tell(&mut *waiting);
            };
            match self.store.append_batch_then(batch, committed).await {
                Ok(stored) => {
                    (self.observer)(SinkEvent::Committed {
                        records: stored.len(),
                        took: started.elapsed(),
                        queued: inbox.len(),
                    });
                    return;
                }
                Err(error) => {
                    counters.failed_attempts.fetch_add(1, Ordering::Relaxed);
                    (self.observer)(SinkEvent::Failed {
                        records: batch.len(),
                        queued: inbox.len(),
                    });
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
