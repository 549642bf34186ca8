//! Counters for metrics: how often the cache answered, missed, served stale, coalesced and
//! evicted, and how its validators store is used.

use crate::validators::ValidatorStats;
use std::sync::atomic::{AtomicU64, Ordering};

/// A snapshot of the cache's counters, since it was created.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Answers held in the first tier, L1 (moka's estimate: it may still count entries
    /// awaiting reclamation).
    pub entries: u64,
    /// Lookups answered fresh, from any tier.
    pub hits: u64,
    /// Lookups that found nothing usable fresh in any tier (absent, stale, expired or
    /// invalidated).
    pub misses: u64,
    /// Answers served past their TTL because every provider candidate failed.
    pub stale_serves: u64,
    /// Calls that waited for a concurrent caller's fetch of the same key instead of fetching.
    pub coalesced_waits: u64,
    /// Upstream fetches run.
    pub fetches: u64,
    /// Tag invalidations (one per `invalidate_tags` call).
    pub invalidations: u64,
    /// Answers evicted from the first tier, L1, to stay within its bound (not those that
    /// expired or were invalidated).
    pub evictions: u64,
    /// The validators of conditional requests (`validators.rs`).
    pub validators: ValidatorStats,
}

#[derive(Default)]
pub(crate) struct Counters {
    pub(crate) hits: AtomicU64,
    pub(crate) misses: AtomicU64,
    pub(crate) stale_serves: AtomicU64,
    pub(crate) coalesced_waits: AtomicU64,
    pub(crate) fetches: AtomicU64,
    pub(crate) invalidations: AtomicU64,
}

impl Counters {
    pub(crate) fn bump(counter: &AtomicU64) {
        // Relaxed: independent counters read for metrics, not used to order anything.
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn read(counter: &AtomicU64) -> u64 {
        counter.load(Ordering::Relaxed)
    }

    /// The counters, with what the first tier and the validators store report of themselves.
    pub(crate) fn snapshot(
        &self,
        entries: u64,
        evictions: u64,
        validators: ValidatorStats,
    ) -> CacheStats {
        CacheStats {
            entries,
            hits: Self::read(&self.hits),
            misses: Self::read(&self.misses),
            stale_serves: Self::read(&self.stale_serves),
            coalesced_waits: Self::read(&self.coalesced_waits),
            fetches: Self::read(&self.fetches),
            invalidations: Self::read(&self.invalidations),
            evictions,
            validators,
        }
    }
}
