//! Canary decisions kept in the store, so that a rolled-back or promoted canary stays so
//! across restarts: each decision is written (per canary and `plugin@version`), and the
//! decisions kept are read at start, for the watches of new canaries to begin from.
//!
//! A write never holds up the call or the operator that made the decision: it is queued to a
//! writer task, which logs a failed write and tries it again, waiting longer each time (up
//! to [`MAX_RETRY_WAIT`]), until it lands. The store keeps the newest decision whatever order
//! writes land in.

use super::{DecidedBy, Decision};
use mosaic_routing::CanaryState;
use mosaic_store::{CanaryDecisionRecord, Store, StoreError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// The first wait before a failed write is tried again; it doubles with each failure.
const FIRST_RETRY_WAIT: Duration = Duration::from_millis(200);

/// The longest wait between two tries of one write.
pub const MAX_RETRY_WAIT: Duration = Duration::from_secs(30);

/// The decisions kept, and the queue of those to write.
#[derive(Clone, Debug)]
pub struct DecisionLog {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// The newest decision per canary and `plugin@version`: read at start, then each new one.
    kept: Mutex<HashMap<(String, String), Decision>>,
    /// To the writer task; `None` for a log that only remembers (unit tests).
    queue: Option<mpsc::UnboundedSender<CanaryDecisionRecord>>,
    /// Decisions queued and not yet written.
    pending: Arc<watch::Sender<usize>>,
}

impl DecisionLog {
    /// Reads the decisions `store` keeps and starts the writer task.
    pub(crate) async fn open(store: Store) -> Result<Self, StoreError> {
        let kept = store
            .canary_decisions()
            .await?
            .into_iter()
            .filter_map(|record| {
                let decision = decision_of(&record);
                if decision.is_none() {
                    tracing::warn!(canary = %record.canary, plugin = %record.plugin, state = %record.state, decided_by = %record.decided_by, "a canary decision in the store is not understood; the canary starts on trial");
                }
                Some(((record.canary, record.plugin), decision?))
            })
            .collect();
        let (queue, writes) = mpsc::unbounded_channel();
        let pending = Arc::new(watch::Sender::new(0));
        tokio::spawn(write_all(store, writes, Arc::clone(&pending)));
        Ok(Self {
            inner: Arc::new(Inner {
                kept: Mutex::new(kept),
                queue: Some(queue),
                pending,
            }),
        })
    }

    /// A log that remembers decisions without writing them anywhere.
    #[cfg(test)]
    pub(crate) fn in_memory() -> Self {
        Self {
            inner: Arc::new(Inner {
                kept: Mutex::default(),
                queue: None,
                pending: Arc::new(watch::Sender::new(0)),
            }),
        }
    }

    /// The newest decision about `canary` at `plugin`, if one was made.
    pub(crate) fn kept(&self, canary: &str, plugin: &str) -> Option<Decision> {
        self.lock()
            .get(&(canary.to_owned(), plugin.to_owned()))
            .cloned()
    }

    /// Keeps `decision` about `canary` at `plugin`, and queues its write.
    pub(crate) fn record(&self, canary: &str, plugin: &str, decision: &Decision) {
        self.lock()
            .insert((canary.to_owned(), plugin.to_owned()), decision.clone());
        if let Some(queue) = &self.inner.queue {
            self.inner.pending.send_modify(|pending| *pending += 1);
            if queue.send(record_of(canary, plugin, decision)).is_err() {
                // The writer is gone only with the runtime it ran on.
                self.inner.pending.send_modify(|pending| *pending -= 1);
                tracing::error!(
                    canary,
                    plugin,
                    "canary decision not written: the writer task has stopped"
                );
            }
        }
    }

    /// Waits until every decision queued so far is written.
    pub async fn flush(&self) {
        let mut pending = self.inner.pending.subscribe();
        // An error means the writer is gone: nothing more will be written.
        let _ = pending.wait_for(|pending| *pending == 0).await;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, String), Decision>> {
        self.inner.kept.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The writer task: each decision in turn, each tried until it lands. It ends when the log
/// is dropped.
async fn write_all(
    store: Store,
    mut writes: mpsc::UnboundedReceiver<CanaryDecisionRecord>,
    pending: Arc<watch::Sender<usize>>,
) {
    while let Some(record) = writes.recv().await {
        let mut wait = FIRST_RETRY_WAIT;
        let mut failures = 0u32;
        while let Err(error) = store.record_canary_decision(&record).await {
            failures += 1;
            tracing::error!(%error, canary = %record.canary, plugin = %record.plugin, state = %record.state, failures, retry_in = ?wait, "could not record a canary decision in the store; trying again");
            tokio::time::sleep(wait).await;
            wait = (wait * 2).min(MAX_RETRY_WAIT);
        }
        pending.send_modify(|pending| *pending = pending.saturating_sub(1));
    }
}

fn record_of(canary: &str, plugin: &str, decision: &Decision) -> CanaryDecisionRecord {
    let (decided_by, tenant, principal) = match &decision.by {
        DecidedBy::Automatic => ("automatic", None, None),
        DecidedBy::Operator { tenant, principal } => {
            ("operator", Some(tenant.clone()), Some(principal.clone()))
        }
    };
    CanaryDecisionRecord {
        canary: canary.to_owned(),
        plugin: plugin.to_owned(),
        state: decision.state.as_str().to_owned(),
        decided_by: decided_by.to_owned(),
        tenant,
        principal,
        reason: decision.reason.clone(),
        at_ms: i64::try_from(decision.at_ms).unwrap_or(i64::MAX),
    }
}

/// The decision a stored record holds; `None` for a state or decider this version does not
/// know.
fn decision_of(record: &CanaryDecisionRecord) -> Option<Decision> {
    let state = match record.state.as_str() {
        "active" => CanaryState::Active,
        "rolled_back" => CanaryState::RolledBack,
        "promoted" => CanaryState::Promoted,
        _ => return None,
    };
    let by = match record.decided_by.as_str() {
        "automatic" => DecidedBy::Automatic,
        "operator" => DecidedBy::Operator {
            tenant: record.tenant.clone().unwrap_or_default(),
            principal: record.principal.clone().unwrap_or_default(),
        },
        _ => return None,
    };
    Some(Decision {
        state,
        by,
        at_ms: u64::try_from(record.at_ms).unwrap_or(0),
        reason: record.reason.clone(),
    })
}
