//! Counters for metrics: how often the cache answered, missed, served stale, coalesced and
//! evicted.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A snapshot of the cache's counters, since it was created.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Answers held (moka's estimate: it may still count entries awaiting reclamation).
    pub entries: u64,
    /// Lookups answered fresh.
    pub hits: u64,
    /// Lookups that found nothing usable fresh (absent, stale, expired or invalidated).
    pub misses: u64,
    /// Answers served past their TTL because every provider candidate failed.
    pub stale_serves: u64,
    /// Calls that waited for a concurrent caller's fetch of the same key instead of fetching.
    pub coalesced_waits: u64,
    /// Upstream fetches run.
    pub fetches: u64,
    /// Tag invalidations (one per `invalidate_tags` call).
    pub invalidations: u64,
    /// Answers evicted to stay within `max_entries` (not those that expired or were
    /// invalidated).
    pub evictions: u64,
}

#[derive(Default)]
pub(crate) struct Counters {
    pub(crate) hits: AtomicU64,
    pub(crate) misses: AtomicU64,
    pub(crate) stale_serves: AtomicU64,
    pub(crate) coalesced_waits: AtomicU64,
    pub(crate) fetches: AtomicU64,
    pub(crate) invalidations: AtomicU64,
    /// Shared with moka's eviction listener, which is built before the rest of the cache.
    pub(crate) evictions: Arc<AtomicU64>,
}

impl Counters {
    pub(crate) fn bump(counter: &AtomicU64) {
        // Relaxed: independent counters read for metrics, not used to order anything.
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn snapshot(&self, entries: u64) -> CacheStats {
        let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        CacheStats {
            entries,
            hits: read(&self.hits),
            misses: read(&self.misses),
            stale_serves: read(&self.stale_serves),
            coalesced_waits: read(&self.coalesced_waits),
            fetches: read(&self.fetches),
            invalidations: read(&self.invalidations),
            evictions: read(&self.evictions),
        }
    }
}
