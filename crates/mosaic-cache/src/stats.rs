//! Counters for metrics: how often the cache answered, missed, served stale, coalesced and
//! evicted, each tier's part in it, and how its validators store is used.

use crate::tier::{Tier, TierName, TierStats};
use crate::validators::ValidatorStats;
use crate::warming::WarmingStats;
use std::sync::atomic::{AtomicU64, Ordering};

/// The histogram of the time each request to a tier took: `tier`, `op` (`get`, `put`,
/// `invalidate`; `validator_get`, `validator_keep` for the validators of a shared tier). Recorded by the cache around every tier call, so an in-process tier and a
/// shared one are measured alike.
pub const TIER_DURATION: &str = "mosaic_cache_tier_duration_seconds";

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
    /// Invalidations made through other replicas and announced by a shared tier.
    pub remote_invalidations: u64,
    /// Answers evicted from the first tier, L1, to stay within its bound (not those that
    /// expired or were invalidated).
    pub evictions: u64,
    /// The validators of conditional requests (`validators.rs`).
    pub validators: ValidatorStats,
    /// What warming refreshed, held back and earned (all zero with warming off).
    pub warming: WarmingStats,
}

#[derive(Default)]
pub(crate) struct Counters {
    pub(crate) hits: AtomicU64,
    pub(crate) misses: AtomicU64,
    pub(crate) stale_serves: AtomicU64,
    pub(crate) coalesced_waits: AtomicU64,
    pub(crate) fetches: AtomicU64,
    pub(crate) invalidations: AtomicU64,
    pub(crate) remote_invalidations: AtomicU64,
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
        warming: WarmingStats,
    ) -> CacheStats {
        CacheStats {
            entries,
            hits: Self::read(&self.hits),
            misses: Self::read(&self.misses),
            stale_serves: Self::read(&self.stale_serves),
            coalesced_waits: Self::read(&self.coalesced_waits),
            fetches: Self::read(&self.fetches),
            invalidations: Self::read(&self.invalidations),
            remote_invalidations: Self::read(&self.remote_invalidations),
            evictions,
            validators,
            warming,
        }
    }
}

/// One tier's part in the cache's work, since it was created, with what it reports of itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TierReport {
    /// The tier.
    pub tier: TierName,
    /// The region its storage runs in, when declared.
    pub region: Option<String>,
    /// Lookups it answered with a fresh, valid entry.
    pub hits: u64,
    /// Lookups it was asked and could not answer fresh (absent, stale, expired, invalidated,
    /// or the tier unavailable).
    pub misses: u64,
    /// Answers it kept: fetched ones, and copies of hits found below it.
    pub fills: u64,
    /// Invalidations applied to it: this replica's writes, and other replicas' announced.
    pub invalidations: u64,
    /// Answers it was not given because its region may not hold their jurisdiction: cached
    /// answers, and the bodies of validators (`validators/`).
    pub residency_refusals: u64,
    /// Validators of conditional requests it answered: found in process, or found here after
    /// the tiers before it had none (copied into process), so the request went out
    /// conditionally.
    pub validator_hits: u64,
    /// What the tier reports of itself: entries, evictions, errors, availability.
    pub stats: TierStats,
}

/// The counters of one tier.
#[derive(Default)]
pub(crate) struct TierCounters {
    pub(crate) hits: AtomicU64,
    pub(crate) misses: AtomicU64,
    pub(crate) fills: AtomicU64,
    pub(crate) invalidations: AtomicU64,
    pub(crate) residency_refusals: AtomicU64,
    pub(crate) validator_hits: AtomicU64,
}

impl TierCounters {
    /// Records how long `op` on `tier` took since `started` ([`TIER_DURATION`]).
    pub(crate) fn record(&self, op: &'static str, tier: &TierName, started: std::time::Instant) {
        metrics::histogram!(TIER_DURATION, "tier" => tier.label(), "op" => op)
            .record(started.elapsed().as_secs_f64());
    }

    pub(crate) fn report(&self, tier: &dyn Tier) -> TierReport {
        TierReport {
            tier: tier.name().clone(),
            region: tier.region().map(str::to_owned),
            hits: Counters::read(&self.hits),
            misses: Counters::read(&self.misses),
            fills: Counters::read(&self.fills),
            invalidations: Counters::read(&self.invalidations),
            residency_refusals: Counters::read(&self.residency_refusals),
            validator_hits: Counters::read(&self.validator_hits),
            stats: tier.stats(),
        }
    }
}
