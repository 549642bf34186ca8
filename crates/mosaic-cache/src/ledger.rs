//! The invalidation ledger: which tag was invalidated when, counted in epochs.
//!
//! Every fetch notes the epoch it started at; every invalidation starts a new epoch and records
//! it for each of its tags. An answer is valid only while none of its tags was invalidated after
//! its fetch started. That one rule covers both a read right after a write (the entry predates
//! the write) and the race where a fetch that started before a write finishes after it: its
//! older answer is neither stored nor, if stored in the instant between check and insert,
//! served. Removing entries from the map is only memory reclamation; this check is what makes
//! invalidation correct.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{PoisonError, RwLock};
use std::time::Duration;
use tokio::time::Instant;

/// Past this many tags, records older than the longest entry lifetime are dropped.
const PRUNE_AT: usize = 4096;

/// The cache's invalidation epoch a fetch or a lookup started at: an entry is valid while none
/// of its tags was invalidated after it.
pub type Epoch = u64;

pub(crate) struct Ledger {
    epoch: AtomicU64,
    records: RwLock<Records>,
    /// Records older than this are dropped; no entry lives longer.
    horizon: Duration,
}

#[derive(Default)]
struct Records {
    /// The epoch each tag was last invalidated at, and when.
    by_tag: HashMap<String, (Epoch, Instant)>,
    /// Entries from fetches started before this epoch are treated as invalid: a record that
    /// might have invalidated them was pruned. Such entries are older than `horizon`, so
    /// expired anyway, or their fetch spanned an invalidation that old; a miss is always safe.
    floor: Epoch,
}

impl Ledger {
    pub(crate) fn new(horizon: Duration) -> Self {
        Self {
            epoch: AtomicU64::new(0),
            records: RwLock::new(Records::default()),
            horizon,
        }
    }

    /// The current epoch: note it before starting a fetch.
    pub(crate) fn current(&self) -> Epoch {
        self.epoch.load(Ordering::SeqCst)
    }

    /// Records that `tags` were invalidated now, starting a new epoch.
    pub(crate) fn invalidate(&self, tags: &[String]) {
        let now = Instant::now();
        let mut records = self.records.write().unwrap_or_else(PoisonError::into_inner);
        // Incremented under the lock, so a reader never sees the new epoch without its tags,
        // except a fetch noting the epoch in between, which started after the write and is
        // rightly valid.
        let epoch = self.epoch.fetch_add(1, Ordering::SeqCst) + 1;
        for tag in tags {
            records.by_tag.insert(tag.clone(), (epoch, now));
        }
        if records.by_tag.len() > PRUNE_AT {
            records.prune(now, self.horizon);
        }
    }

    /// Records that every entry from before now may be outdated (invalidations made elsewhere
    /// may have been missed), starting a new epoch.
    pub(crate) fn invalidate_all(&self) {
        let mut records = self.records.write().unwrap_or_else(PoisonError::into_inner);
        let epoch = self.epoch.fetch_add(1, Ordering::SeqCst) + 1;
        records.floor = epoch;
    }

    /// Whether an answer tagged `tags`, fetched starting at `started`, is still valid.
    pub(crate) fn is_valid(&self, tags: &[String], started: Epoch) -> bool {
        // Fast path, and the common one: nothing was invalidated since the fetch started.
        if started == self.current() {
            return true;
        }
        let records = self.records.read().unwrap_or_else(PoisonError::into_inner);
        started >= records.floor
            && tags.iter().all(|tag| {
                records
                    .by_tag
                    .get(tag)
                    .is_none_or(|(invalidated, _)| *invalidated <= started)
            })
    }

    /// How many tags have an invalidation on record.
    #[cfg(test)]
    pub(crate) fn recorded_tags(&self) -> usize {
        let records = self.records.read().unwrap_or_else(PoisonError::into_inner);
        records.by_tag.len()
    }
}

impl Records {
    fn prune(&mut self, now: Instant, horizon: Duration) {
        let mut floor = self.floor;
        self.by_tag.retain(|_, (epoch, at)| {
            let keep = now.saturating_duration_since(*at) <= horizon;
            if !keep {
                floor = floor.max(*epoch);
            }
            keep
        });
        self.floor = floor;
    }
}

#[cfg(test)]
#[path = "ledger_tests.rs"]
mod tests;
